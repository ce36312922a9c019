"""A story's search columns, kept by the model layer (articles/models/search_columns.py)
and the receivers in articles/signals.py: whatever changes a story's words or names, the
desk's admin search and the site's search find it by the new ones and not the old."""

import json

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.arabic import index_text
from articles.importing import import_story
from articles.models import Article, Author, Byline, Tag
from articles.models.search_columns import SEARCH_FIELDS
from articles.search import query as search

pytestmark = pytest.mark.django_db

STORY_FILE = "جدة/وليد الحميدي، سارة العتيبي\nافتتحت أمانة جدة اليوم حديقة جديدة على الكورنيش.\n"


def desk_search(desk, words):
    """The stories the desk's story list shows for `words` typed in its search box."""
    response = desk.get(reverse("admin:articles_article_changelist"), {"q": words})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def site_finds(words, language="ar"):
    return list(search.search(search.parse(words), language))


def test_an_imported_draft_is_found_by_the_desk_by_its_reporters_names(tmp_path, section, desk):
    path = tmp_path / "park.txt"
    path.write_text(STORY_FILE, encoding="utf-8")
    draft = import_story(path, section=section).article
    assert draft.status == Article.Status.DRAFT

    # Another spelling of the second reporter's name (ي/ى, ة/ه) finds the same draft.
    assert desk_search(desk, "سارة العتيبى") == [draft]
    assert desk_search(desk, "الحميدي") == [draft]
    assert desk_search(desk, "نزار") == []


def renamed_in_queries(author, new_name):
    author.name_ar = new_name
    with CaptureQueriesContext(connection) as queries:
        author.save()
    return len(queries)


def stories_by(author, section, count):
    for n in range(count):
        article = Article.objects.create(headline_ar=f"خبر رقم {n}", body_ar="<p>نص</p>", section=section)
        Byline.objects.create(article=article, author=author)


def test_an_author_rename_costs_the_same_queries_for_3_stories_as_for_30(
    section, django_assert_max_num_queries
):
    few, many = Author.objects.create(name_ar="كاتب أول"), Author.objects.create(name_ar="كاتب ثان")
    stories_by(few, section, 3)
    stories_by(many, section, 30)

    cost_for_few = renamed_in_queries(few, "منيرة الشهري")
    with django_assert_max_num_queries(cost_for_few):
        many.name_ar = "هند الزهراني"
        many.save()
    assert renamed_in_queries(many, "هند الزهرانى") == cost_for_few

    names = Article.objects.filter(bylines__author=many).values_list("search_names_ar", flat=True)
    assert len(names) == 30 and set(names) == {index_text("هند الزهراني")}
    assert set(Article.objects.filter(bylines__author=few).values_list("search_names_ar", flat=True)) == {
        index_text("منيره الشهري")
    }


def renamed_on_the_desk_in_queries(desk, author, new_name):
    url = reverse("admin:articles_author_change", args=[author.pk])
    form = desk.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields if name != "photo"}
    data["name_ar"] = new_name
    with CaptureQueriesContext(connection) as queries:
        assert desk.post(url, data).status_code == 302
    return len(queries)


def test_an_author_renamed_on_the_desk_costs_the_same_queries_for_3_stories_as_for_30(desk, section):
    few, many = Author.objects.create(name_ar="كاتب أول"), Author.objects.create(name_ar="كاتب ثان")
    stories_by(few, section, 3)
    stories_by(many, section, 30)

    cost_for_few = renamed_on_the_desk_in_queries(desk, few, "منيرة الشهري")
    assert renamed_on_the_desk_in_queries(desk, many, "هند الزهراني") == cost_for_few
    assert desk_search(desk, "هند الزهرانى") == list(Article.objects.filter(bylines__author=many))


def test_a_refresh_writes_the_search_columns_only(make_article):
    article = make_article("خبر قديم")
    Article.objects.filter(pk=article.pk).update(search_headline_ar="")
    before = Article.objects.values("updated_at", "version", "headline_ar").get(pk=article.pk)

    assert Article.objects.filter(pk=article.pk).refresh_search_columns() == 1

    after = Article.objects.values("updated_at", "version", "headline_ar", "search_headline_ar").get(
        pk=article.pk
    )
    assert after.pop("search_headline_ar") == index_text("خبر قديم")
    assert after == before


def test_any_story_queryset_can_be_refreshed(make_article):
    article = make_article("خبر في قائمة")
    Article.objects.update(search_headline_ar="")
    assert Article.objects.for_listing().published().refresh_search_columns() == 1
    assert site_finds("قائمة") == [article]


def test_a_refresh_of_many_stories_reads_and_writes_in_a_fixed_number_of_queries(section, author):
    stories_by(author, section, 3)
    with CaptureQueriesContext(connection) as few:
        Article.objects.all().refresh_search_columns()
    stories_by(author, section, 40)
    with CaptureQueriesContext(connection) as many:
        assert Article.objects.all().refresh_search_columns() == 43
    assert len(many) == len(few)


class TestTags:
    def test_added_and_removed_tags_are_searched(self, make_article):
        article = make_article("خبر عن الطقس")
        tag = Tag.objects.create(name_ar="أمطار", name_en="Rain")

        article.tags.add(tag)
        assert site_finds("امطار") == [article]

        article.tags.remove(tag)
        assert site_finds("امطار") == []

    def test_tags_added_from_the_tag_side_and_cleared_are_searched(self, make_article):
        first, second = make_article("الخبر الأول"), make_article("الخبر الثاني")
        tag = Tag.objects.create(name_ar="مرور", name_en="Traffic")

        tag.articles.add(first, second)
        assert set(site_finds("مرور")) == {first, second}
        assert site_finds("traffic", "en") == []  # no English edition: not in English search

        tag.articles.remove(second)
        assert site_finds("مرور") == [first]

        tag.articles.clear()
        assert site_finds("مرور") == []

    def test_a_renamed_tag_is_searched_by_its_new_name_only(self, make_article):
        article = make_article("خبر عن السير")
        tag = Tag.objects.create(name_ar="زحام")
        article.tags.add(tag)

        tag.name_ar = "اختناقات مرورية"
        tag.save()
        assert site_finds("اختناقات") == [article]
        assert site_finds("زحام") == []

    def test_a_deleted_tag_is_no_longer_searched(self, make_article):
        article = make_article("خبر عن المطر")
        tag = Tag.objects.create(name_ar="سيول")
        article.tags.add(tag)
        assert site_finds("سيول") == [article]

        tag.delete()
        assert site_finds("سيول") == []
        assert Article.objects.get(pk=article.pk).search_names_ar == index_text("فاطمه قرعه القحطاني")


def test_a_byline_removed_from_a_story_is_no_longer_searched(make_article, section):
    article = make_article("خبر مشترك")
    guest = Author.objects.create(name_ar="ضيف الصحيفة")
    line = Byline.objects.create(article=article, author=guest, position=1)
    assert site_finds("ضيف") == [article]

    line.delete()
    assert site_finds("ضيف") == []
    assert site_finds("القحطاني") == [article]


def test_stories_loaded_from_a_fixture_are_found_after_fill_search_columns(make_article, tmp_path):
    """loaddata saves raw (no save() rules, no signals): the documented command refills."""
    article = make_article("افتتاح متحف البحر")
    rows = json.loads(serializers.serialize("json", [article, *article.bylines.all()]))
    for field in SEARCH_FIELDS:
        rows[0]["fields"][field] = ""
    fixture = tmp_path / "stories.json"
    fixture.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    Article.objects.all().delete()

    call_command("loaddata", str(fixture), verbosity=0)
    assert site_finds("متحف") == []

    call_command("fill_search_columns", stdout=open("/dev/null", "w"))
    assert site_finds("متحف") == [article]
    assert site_finds("فاطمة القحطاني") == [article]
