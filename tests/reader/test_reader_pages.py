import datetime
import re
from urllib.parse import quote, unquote

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from articles.models import Article


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.django_db
def test_seed_story_page_is_arabic_rtl_with_byline_dateline_date_and_awards(client, demo):
    response = client.get(demo.get_absolute_url())
    assert response.status_code == 200
    assert 'lang="ar"' in html_tag(response) and 'dir="rtl"' in html_tag(response)
    page = response.content.decode()
    assert demo.headline_ar in page
    assert '<span class="dateline">عسير</span>' in page
    assert "فاطمه قرعه القحطاني" in page
    assert reverse("articles:author", kwargs={"slug": demo.byline[0].slug}) in page
    assert "8 ديسمبر 2021" in page
    assert 'datetime="2021-12-08T10:00:00+03:00"' in page
    assert "المواقع الإلكترونية الحكومية" in page and "الابتكار الحكومي" in page
    assert "نظام أتمتة أعمال الرقابة الميدانية للمراقبين" in page
    assert page.count("<p>") >= 8


@pytest.mark.django_db
def test_english_edition_is_ltr_and_in_english(client, demo):
    with override("en"):
        url = demo.get_absolute_url()
    assert url.startswith("/en/local/")
    response = client.get(url)
    assert response.status_code == 200
    assert 'lang="en"' in html_tag(response) and 'dir="ltr"' in html_tag(response)
    page = response.content.decode()
    assert "Arab Smart Government Shield" in page
    assert "Government websites" in page and "Government innovation" in page
    assert "Fatimah Qarah Al-Qahtani" in page
    assert "8 December 2021" in page
    assert "Awards in this story" in page
    assert "حصدت" not in page  # no Arabic body on the English page


@pytest.mark.django_db
def test_language_switch_links_the_other_edition(client, demo):
    page = client.get(demo.get_absolute_url()).content.decode()
    with override("en"):
        english = demo.get_absolute_url()
    assert f'href="{english}"' in page


@pytest.mark.django_db
def test_untranslated_story_sends_english_readers_to_the_arabic_edition(client, make_article):
    article = make_article("خبر بالعربية فقط")
    arabic = article.get_absolute_url()
    with override("en"):
        english = reverse("articles:article", kwargs={"section": "local", "pk": article.pk, "slug": "x"})
    response = client.get(english)
    assert response.status_code == 302
    assert response["Location"] == arabic
    assert article.headline_ar not in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_home_lists_published_stories_only(client, make_article):
    make_article("خبر منشور")
    make_article("مسودة لم تنشر", status=Article.Status.DRAFT)
    make_article("خبر مجدول", published_at=timezone.now() + datetime.timedelta(hours=2))
    make_article("خبر مسحوب", status=Article.Status.WITHDRAWN)
    page = client.get("/").content.decode()
    assert "خبر منشور" in page
    assert "مسودة لم تنشر" not in page
    assert "خبر مجدول" not in page
    assert "خبر مسحوب" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status, delta",
    [
        (Article.Status.DRAFT, None),
        (Article.Status.REVIEW, None),
        (Article.Status.WITHDRAWN, -1),
        (Article.Status.PUBLISHED, +1),  # scheduled: due in an hour
    ],
)
def test_unpublished_and_future_stories_are_404(client, make_article, status, delta):
    when = timezone.now() + datetime.timedelta(hours=delta) if delta else None
    article = make_article("خبر غير متاح", status=status, published_at=when)
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_scheduled_story_appears_when_its_time_comes(client, make_article):
    article = make_article("خبر مجدول", published_at=timezone.now() + datetime.timedelta(minutes=2))
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "wrong_path",
    [
        "/{section}/{pk}/old-headline/",
        "/{section}/{pk}/",
        "/sport/{pk}/{slug}/",  # the story moved section
    ],
)
def test_wrong_slug_or_section_redirects_permanently_to_canonical(client, demo, wrong_path):
    canonical = demo.get_absolute_url()
    path = wrong_path.format(section=quote(demo.section.slug), pk=demo.pk, slug=quote(demo.slug))
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == canonical


@pytest.mark.django_db
def test_ta_marbuta_spelling_of_slug_redirects(client, demo):
    # The slug keeps ة; a link with the older folded spelling (ه) still reaches the story.
    canonical = unquote(demo.get_absolute_url())
    with_ta = canonical.replace("أمانة", "امانه")
    assert with_ta != canonical
    response = client.get(with_ta)
    assert response.status_code == 301 and unquote(response["Location"]) == canonical


@pytest.mark.django_db
def test_author_page_lists_their_published_stories(client, demo, make_article):
    make_article("مسودة الكاتبة", status=Article.Status.DRAFT)
    author = demo.byline[0]
    response = client.get(author.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert author.name_ar in page and author.role_ar in page and author.bio_ar in page
    assert demo.headline_ar in page
    assert "مسودة الكاتبة" not in page
    with override("en"):
        english = client.get(author.get_absolute_url()).content.decode()
    assert "Fatimah Qarah Al-Qahtani" in english and "Correspondent" in english


@pytest.mark.django_db
def test_author_reached_by_other_language_slug_redirects(client, demo):
    author = demo.byline[0]
    response = client.get(f"/authors/{author.slug_en}/")
    assert response.status_code == 301
    assert response["Location"] == author.get_absolute_url()


@pytest.mark.django_db
def test_section_page(client, demo):
    response = client.get(demo.section.get_absolute_url())
    assert response.status_code == 200
    assert demo.headline_ar in response.content.decode()


@pytest.mark.django_db
def test_unknown_pages_are_404(client, demo):
    assert client.get("/authors/nobody/").status_code == 404
    assert client.get("/no-such-section/").status_code == 404
    assert client.get(f"/{quote(demo.section.slug)}/999999/x/").status_code == 404


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_stories(
    client, make_article, django_assert_max_num_queries
):
    for n in range(15):
        make_article(f"خبر رقم {n}")
    # The front page shows the lead, the ten latest after it and a block per section;
    # the archive lists them all.
    with django_assert_max_num_queries(5):
        response = client.get("/")
    assert response.content.decode().count('class="story-card"') == 10
    with django_assert_max_num_queries(4):
        response = client.get("/archive/")
    assert response.content.decode().count('class="story-card"') == 15


@pytest.mark.django_db
def test_article_page_query_count(client, demo, django_assert_max_num_queries):
    url = demo.get_absolute_url()
    # The story, its byline, award wins, corrections, tags and related stories: one query
    # each, whatever their number.
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_pages_reference_no_outside_host(client, demo, admin_client):
    paths = ["/", demo.get_absolute_url(), demo.byline[0].get_absolute_url(), "/en/"]
    with override("en"):
        paths.append(demo.get_absolute_url())
    admin_paths = [
        "/admin/",
        reverse("admin:articles_article_change", args=[demo.pk]),
        reverse("admin:articles_author_add"),
    ]
    for path in paths + admin_paths:
        response = (admin_client if path in admin_paths else client).get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        # What the page loads (src, <link href>); share links (<a href>) are plain navigation.
        sources = re.findall(r'src="([^"]+)"', page) + re.findall(r'<link[^>]*href="([^"]+)"', page)
        outside = [s for s in sources if re.match(r"(https?:)?//", s)]
        assert outside == [] or all(s.startswith("http://testserver/") for s in outside), (path, outside)


@pytest.mark.django_db
def test_corrections_show_under_their_own_heading(client, demo):
    from articles.models import Correction

    Correction.objects.create(
        article=demo, text_ar="صُحّح اسم الفئة.", text_en="The category name was corrected."
    )
    page = client.get(demo.get_absolute_url()).content.decode()
    assert "تصحيحات وتحديثات" in page and "صُحّح اسم الفئة." in page
    with override("en"):
        english = client.get(demo.get_absolute_url()).content.decode()
    assert "Corrections and updates" in english and "The category name was corrected." in english
