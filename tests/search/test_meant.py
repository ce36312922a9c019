"""Search finds what was meant (issue 26): compound names written joined or apart, the close
spelling searched when nothing matches (and said so), then most of the words; a clitic never
changes a story's rank; the result count in all six Arabic plural forms; the importer's
author matching joins compound names as search does."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.arabic import fold_compounds, index_text, name_key, normalize
from articles.importing import find_or_create_author
from articles.models import Author
from articles.search import query as search


def found(query, language="ar"):
    return list(search.search(search.parse(query), language))


def page(client, query, language="ar"):
    with translation.override(language):
        url = reverse("articles:search")
    return client.get(url, {"q": query}).content.decode()


@pytest.mark.parametrize(
    ("apart", "joined"),
    [
        ("عبد العزيز", "عبدالعزيز"),
        ("عبد الرحمن", "عبدالرحمن"),
        ("عبد الله", "عبدالله"),
        ("أبو بكر", "أبوبكر"),
        ("ابن خلدون", "ابنخلدون"),
        ("وعبد الله", "وعبدالله"),
    ],
)
def test_compound_names_fold_the_same_joined_or_apart(apart, joined):
    assert fold_compounds(normalize(apart)) == normalize(joined)
    assert name_key(apart) == name_key(joined)


def test_a_word_that_only_starts_like_a_compound_is_left_alone():
    # ابنه (his son) is no compound: nothing is split off it, and a plain word is not joined.
    assert " ابن " not in index_text("زار ابنه")
    assert fold_compounds(normalize("عبدو قال")) == "عبدو قال"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["عبد العزيز", "عبدالعزيز", "عبد العزيز الشهري", "عبدالعزيز الشهري"])
def test_compound_names_are_found_joined_or_apart(make_article, query):
    joined = make_article(headline="عبدالعزيز الشهري يفتتح المعرض")
    apart = make_article(headline="تكريم عبد العزيز الشهري في أبها")
    other = make_article(headline="العزيز على قلوبنا")
    assert set(found(query)) == {joined, apart}
    assert other not in found(query)


@pytest.mark.django_db
def test_the_name_after_a_compound_head_is_still_a_word(make_article):
    story = make_article(headline="أمير منطقة أبو ظبي يستقبل الوفد")
    assert found("ظبي") == [story]
    assert found("أبوظبي") == [story]
    marked = str(search.highlight("تكريم عبد العزيز", search.parse("عبدالعزيز")))
    assert marked == "تكريم <mark>عبد</mark> <mark>العزيز</mark>"


@pytest.mark.django_db
def test_importer_merges_compound_names_as_it_merges_spellings(db):
    first = find_or_create_author("عبد الرحمن القحطاني")
    assert find_or_create_author("عبدالرحمن القحطانى") == first
    assert find_or_create_author("فاطمة الزهراني") == find_or_create_author("فاطمه الزهراني")
    assert Author.objects.count() == 2


@pytest.mark.django_db
def test_authors_keyed_by_the_older_rule_are_rekeyed_after_migrate(db):
    from articles.signals import author_name_keys_migrated

    author = Author.objects.create(name_ar="عبد الله السالم")
    Author.objects.filter(pk=author.pk).update(name_key="عبد الله السالم")  # the older rule
    author_name_keys_migrated(sender=None)
    assert Author.objects.matching("عبدالله السالم").get() == author


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bare", "with_clitics"),
    [
        ("بالجائزة", "وبالجائزة"),
        ("الجائزة", "فالجائزة"),
        ("جائزة", "وجائزة"),
        ("الحكومة", "وللحكومة"),
    ],
)
def test_a_clitic_never_changes_the_rank(make_article, bare, with_clitics):
    now = timezone.now()
    # Stories that hold the word with different clitics, in different places, at different times.
    for n, (headline, body) in enumerate(
        [
            ("فوز بالجائزة", "نص"),
            ("جوائز الحكومة", "نص"),
            ("خبر عام", "وبالجائزة فاز"),
            ("الجائزة الكبرى", "للحكومة دور"),
            ("جائزة الحكومة الذكية", "نص"),
            ("حكومات", "جوائزها"),
        ]
    ):
        make_article(
            headline=headline, body_ar=f"<p>{body}</p>", published_at=now - datetime.timedelta(hours=n)
        )
    assert found(with_clitics) == found(bare)


@pytest.mark.django_db
def test_the_suggestion_is_searched_when_nothing_matches(make_article):
    story = make_article(headline="أرامكو تعلن أرباحها الفصلية")
    meant = search.find_meant(search.parse("ارامكوا"))
    assert meant.instead_of == "ارامكوا" and meant.query.text == "أرامكو"
    assert list(meant.found.stories) == [story]
    # A query with results is searched as typed.
    strict = search.find_meant(search.parse("أرامكو"))
    assert strict.instead_of == "" and strict.most_words == 0


@pytest.mark.django_db
def test_most_words_when_no_story_holds_them_all(client, make_article):
    now = timezone.now()
    two = make_article(headline="الهلال يتوج بلقب الدوري", published_at=now - datetime.timedelta(days=3))
    one = make_article(headline="الهلال يستعد للمباراة", published_at=now - datetime.timedelta(hours=1))
    make_article(headline="أمطار على أبها")
    assert found("الهلال بطل الدوري") == []
    meant = search.find_meant(search.parse("الهلال بطل الدوري"))
    # At least two of the three words: the story with two of them only, though older.
    assert meant.most_words == 2 and list(meant.found.stories) == [two]
    html = page(client, "الهلال بطل الدوري")
    assert "لا خبر يضم كل كلمات" in html and two.get_absolute_url() in html
    assert one.get_absolute_url() not in html
    assert "<mark><bdi>الهلال</bdi></mark>" in html and "<mark><bdi>الدوري</bdi></mark>" in html
    assert '<span class="visually-hidden">ليست فيه:</span> <s><bdi>بطل</bdi></s>' in html


@pytest.mark.django_db
def test_the_page_says_which_spelling_it_searched(client, make_article):
    story = make_article(headline="جيسوس يقود الهلال إلى الفوز")
    html = page(client, "خيسوس")
    assert "نتائج «<bdi>جيسوس</bdi>» بدلاً من «<bdi>خيسوس</bdi>»" in html
    assert story.get_absolute_url() in html and "<mark>جيسوس</mark>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("count", "message"),
    [
        (1, "نتيجة واحدة للبحث عن"),
        (2, "نتيجتان للبحث عن"),
        (3, "3 نتائج للبحث عن"),
        (11, "11 نتيجة للبحث عن"),
        (100, "100 نتيجة للبحث عن"),
    ],
)
def test_the_result_count_in_arabic_plural_forms(client, make_article, count, message):
    from articles.models import Article
    from articles.site.search_views import RESULTS_PER_PAGE

    now = timezone.now()
    first = make_article(headline="مهرجان التمور", published_at=now - datetime.timedelta(hours=1))
    stories = [
        Article(
            headline_ar="مهرجان التمور",
            body_ar="<p>نص</p>",
            section=first.section,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(hours=n + 2),
        )
        for n in range(count - 1)
    ]
    for story in stories:  # fill_search_columns runs in save(); bulk_create would skip it
        story.fill_search_columns()
    Article.objects.bulk_create(stories, batch_size=200)
    html = page(client, "مهرجان التمور")
    assert f"{message} «<bdi>مهرجان التمور</bdi>»" in html
    assert html.count('class="search-result"') == min(count, RESULTS_PER_PAGE)
