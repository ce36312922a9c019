"""The full-page cache: anonymous readers get stored pages, and every change readers would see
makes every page fresh at once (home, sections, tags, authors, awards, archive, feeds,
sitemaps, search), through the one content version in articles/caching.py."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from articles import publishing
from articles.models import Article
from tests.reader.stories import story

pytestmark = pytest.mark.django_db


def everywhere(w):
    """Every kind of page that lists stories, for the world fixture's newsroom."""
    return [
        reverse("articles:home"),
        w.local.get_absolute_url(),
        w.health.get_absolute_url(),
        w.fatimah.get_absolute_url(),
        w.award.get_absolute_url(),
        w.municipality.get_absolute_url(),
        reverse("articles:archive"),
        reverse("articles:feed_rss"),
        reverse("articles:feed_atom"),
        reverse("articles:section_feed_rss", kwargs={"slug": w.local.slug}),
        reverse("articles:author_feed_rss", kwargs={"slug": w.fatimah.slug}),
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
        reverse("articles:search") + "?q=" + "الدرع",
    ]


def text(response):
    return response.content.decode()


def warm(client, urls):
    """Fetch each page twice: the second answer must come from the cache."""
    for url in urls:
        assert client.get(url).status_code == 200, url
        second = client.get(url)
        assert second.status_code == 200, url
        assert second["X-Page-Cache"] == "hit", url


def test_second_request_is_served_from_the_cache_without_queries(client, world, django_assert_num_queries):
    url = world.lead.get_absolute_url()
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_headers_for_shared_caches(client, world):
    response = client.get(reverse("articles:home"))
    control = response["Cache-Control"]
    assert control.startswith("public, max-age=")
    assert "stale-while-revalidate=" in control
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_304_for_a_current_copy_by_etag_and_by_date(client, world):
    url = reverse("articles:home")
    first = client.get(url)
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    # A change readers will see: the old copy is no longer current.
    world.lead.headline_ar = "عنوان جديد للخبر"
    world.lead.save()
    fresh = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200
    assert "عنوان جديد للخبر" in text(fresh)


def test_publishing_a_story_refreshes_every_page(client, world):
    urls = everywhere(world)
    warm(client, urls)
    new = story("الدرع يذهب إلى خبر جديد", world.local, [world.fatimah], status=Article.Status.DRAFT)
    new.tags.add(world.health)
    new.award_wins.add(world.win_2021)
    for url in urls:
        assert "الدرع يذهب إلى خبر جديد" not in text(client.get(url)), url  # a draft is invisible
    publishing.publish(new)
    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        shows(response, new, url)


def shows(response, article, url):
    """The story is on the page: its headline, or (sitemaps) its address."""
    body = text(response)
    assert article.headline_ar in body or f"/{article.pk}/" in body, url


def hides(response, article, url):
    body = text(response)
    assert article.headline_ar not in body and f"/{article.pk}/" not in body, url


def test_withdrawing_takes_the_story_off_every_page(client, world):
    urls = everywhere(world) + [world.lead.get_absolute_url()]
    warm(client, urls)
    publishing.withdraw(world.lead, None, "خطأ")
    assert client.get(world.lead.get_absolute_url()).status_code == 404
    for url in urls[:-1]:
        hides(client.get(url), world.lead, url)


def test_editing_a_live_story_refreshes_it_everywhere(client, world):
    urls = everywhere(world) + [world.lead.get_absolute_url()]
    urls[-1:] = [world.lead.get_absolute_url()]
    warm(client, urls)
    world.lead.headline_ar = "الأمانة تفوز بالدرع مرة أخرى"
    world.lead.save()
    for url in [u for u in urls if "sitemap" not in u]:
        assert "مرة أخرى" in text(client.get(url, follow=True)), url


def test_a_correction_shows_at_once(client, world):
    url = world.lead.get_absolute_url()
    warm(client, [url])
    publishing.add_correction(world.lead, None, "صُحّح اسم المدينة.")
    assert "صُحّح اسم المدينة." in text(client.get(url))


def test_a_scheduled_story_appears_on_time_with_nothing_written(client, world):
    due = world.scheduled.published_at
    urls = [
        reverse("articles:home"),
        world.economy.get_absolute_url(),
        reverse("articles:archive"),
        reverse("articles:feed_rss"),
        "/sitemap-articles.xml",
    ]
    with time_machine.travel(due - datetime.timedelta(minutes=1), tick=False):
        for url in urls:
            response = client.get(url)
            hides(response, world.scheduled, url)
            # Neither we nor a browser or the edge may keep the page past the story's time.
            max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
            stale = int(response["Cache-Control"].split("stale-while-revalidate=")[1])
            assert max_age + stale <= 60, url
        assert client.get(urls[0])["X-Page-Cache"] == "hit"
    with time_machine.travel(due + datetime.timedelta(seconds=1), tick=False):
        for url in urls:
            shows(client.get(url), world.scheduled, url)


def test_renaming_an_author_refreshes_every_page_that_names_them(client, world):
    urls = [
        world.lead.get_absolute_url(),
        reverse("articles:home"),
        reverse("articles:archive"),
        world.fatimah.get_absolute_url(),
        reverse("articles:feed_rss"),
    ]
    search = reverse("articles:search") + "?q=" + "علي"
    warm(client, urls + [search])
    hides(client.get(search), world.lead, "search before")
    world.fatimah.name_ar = "فاطمة علي القحطاني"
    world.fatimah.save()
    for url in urls:
        assert "فاطمة علي القحطاني" in text(client.get(url, follow=True)), url
    shows(client.get(search), world.lead, "search")


@pytest.mark.parametrize("change", ["section", "tag", "award", "organisation", "picture"])
def test_editing_what_stories_show_refreshes_pages(client, world, change):
    obj, field, page = {
        "section": (world.local, "name_ar", reverse("articles:home")),
        "tag": (world.health, "name_ar", world.lead.get_absolute_url()),
        "award": (world.award, "name_ar", world.lead.get_absolute_url()),
        "organisation": (world.municipality, "name_ar", world.award.get_absolute_url()),
        "picture": (world.picture, "caption_ar", world.lead.get_absolute_url()),
    }[change]
    warm(client, [page])
    setattr(obj, field, "اسم جديد تماما")
    obj.save()
    assert "اسم جديد تماما" in text(client.get(page, follow=True))


def test_a_draft_saved_again_keeps_the_cache(client, world):
    url = reverse("articles:home")
    warm(client, [url])
    world.draft.headline_ar = "مسودة معدلة"
    world.draft.save()
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_staff_previews_and_posts_bypass_the_cache(client, world):
    url = reverse("articles:home")
    warm(client, [url])
    editor = User.objects.create_superuser("editor", "e@example.com", "pw-123456-long")
    staff = type(client)()
    staff.force_login(editor)
    response = staff.get(url)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert client.post(url).get("X-Page-Cache") is None
    admin = staff.get(reverse("admin:index"))
    assert "X-Page-Cache" not in admin and "public" not in admin["Cache-Control"]
    from articles.desk.previews import make_token

    preview = client.get(reverse("articles:preview", kwargs={"token": make_token(world.draft)}))
    assert "X-Page-Cache" not in preview
    assert "public" not in preview.get("Cache-Control", "")


def test_query_strings_are_pages_of_their_own(client, world):
    base = reverse("articles:search")
    found = client.get(base + "?q=" + "الدرع")
    nothing = client.get(base + "?q=" + "زلزال")
    shows(found, world.lead, "found")
    hides(nothing, world.lead, "nothing")
    assert client.get(base + "?q=" + "زلزال")["X-Page-Cache"] == "hit"


def test_english_and_arabic_editions_are_cached_apart(client, world):
    url = world.lead.get_absolute_url()
    from django.utils.translation import override

    with override("en"):
        english = world.lead.get_absolute_url()
    warm(client, [url, english])
    assert "The municipality wins the shield" in text(client.get(english))
    assert (
        "The municipality wins the shield" not in text(client.get(url)).split("<body")[1].split("hreflang")[0]
    )


def test_a_story_published_by_a_command_is_fresh(client, world, tmp_path):
    warm(client, [reverse("articles:home")])
    path = tmp_path / "story.txt"
    path.write_text("أبها/فاطمة القحطاني\nفقرة أولى عن الخبر.\n", encoding="utf-8")
    call_command(
        "import_story",
        str(path),
        "--publish",
        "--headline",
        "خبر من سطر الأوامر",
        stdout=open("/dev/null", "w"),
    )
    assert "خبر من سطر الأوامر" in text(client.get(reverse("articles:home")))


def test_bulk_generated_stories_are_fresh(client, world):
    warm(client, [reverse("articles:archive")])
    call_command("generate_stories", 3, stdout=open("/dev/null", "w"))
    assert client.get(reverse("articles:archive"))["X-Page-Cache"] == "miss"
