"""/api/v1/articles/: the published stories, newest first, filtered and paged; one story in full."""

import datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.utils import timezone

from articles.models import Article
from tests.api.conftest import ids
from tests.reader.stories import story

SECRETS = ("سري", "مسحوب")


def public_ids(world):
    return list(Article.objects.published().order_by("-published_at", "-id").values_list("id", flat=True))


def test_list_is_the_published_stories_newest_first(world, withdrawn, api):
    status, data, _ = api("/api/v1/articles/?limit=100")
    assert status == 200
    assert ids(data) == public_ids(world)
    assert data["next"] is None
    assert world.draft.pk not in ids(data) and world.scheduled.pk not in ids(data)
    assert withdrawn.pk not in ids(data)
    assert not any(secret in str(data) for secret in SECRETS)


def test_cursor_walks_every_story_once_even_when_one_is_published_meanwhile(world, api):
    seen, url = [], "/api/v1/articles/?limit=3"
    status, data, _ = api(url)
    seen += ids(data)
    # A story published between two pages does not shift what comes next.
    story("خبر جديد بين صفحتين", world.local, [world.khalid], hours_ago=0)
    while data["next"]:
        status, data, _ = api(data["next"])
        assert status == 200
        seen += ids(data)
    assert seen == [pk for pk in public_ids(world) if pk in seen]
    assert len(seen) == len(set(seen)) == Article.objects.published().count() - 1


@pytest.mark.parametrize("value", ["section_id", "slug_ar", "slug_en"])
def test_filter_by_section_id_or_slug_in_either_edition(world, api, value):
    key = world.economy.pk if value == "section_id" else getattr(world.economy, value)
    status, data, _ = api(f"/api/v1/articles/?section={key}")
    assert status == 200
    assert ids(data) == [world.tagged.pk]  # the scheduled economy story stays out


def test_filters_tag_author_award_language(world, withdrawn, api):
    assert ids(api(f"/api/v1/articles/?tag={world.health.slug_ar}")[1]) == [world.lead.pk, world.tagged.pk]
    assert ids(api(f"/api/v1/articles/?author={world.khalid.pk}")[1]) == [world.lead.pk, world.tagged.pk]
    assert ids(api(f"/api/v1/articles/?award={world.award.pk}")[1]) == [
        world.lead.pk
    ]  # two wins, listed once
    assert ids(api(f"/api/v1/articles/?award={world.award.slug_en}")[1]) == [world.lead.pk]
    assert ids(api("/api/v1/articles/?language=en")[1]) == [world.lead.pk]


@pytest.mark.parametrize("name", ["section", "tag", "author", "award"])
def test_a_filter_naming_nothing_is_404_not_an_empty_list(world, api, name):
    for value in ("no-such-slug", "999999"):
        status, data, response = api(f"/api/v1/articles/?{name}={value}")
        assert status == 404 and response["Content-Type"] == "application/json", data
        assert data["code"] == "not_found" and data["parameter"] == name
        assert data["message"]["en"] == "Nothing has this id or slug."


def test_a_filter_by_an_old_slug_redirects_to_the_current_one(world, api):
    old = world.local.slug_ar
    world.local.slug_ar = "محليات-المملكة"
    world.local.save()
    status, data, response = api(f"/api/v1/articles/?section={old}&limit=5")
    assert status == 301 and data["code"] == "moved" and data["parameter"] == "section"
    assert response["Location"] == data["location"]
    moved = urlsplit(data["location"])
    assert moved.path == "/api/v1/articles/"
    assert parse_qs(moved.query) == {"section": ["محليات-المملكة"], "limit": ["5"]}
    # Followed, it lists the section's stories, as the current slug does.
    followed = api(f"{moved.path}?{moved.query}")
    assert followed[0] == 200 and ids(followed[1]) == ids(
        api(f"/api/v1/articles/?section={world.local.pk}&limit=5")[1]
    )
    assert ids(followed[1])


def test_filter_by_publication_time(world, api):
    # Stories in `world` are an hour or more apart: a two-minute window holds one.
    since = (world.older[0].published_at - datetime.timedelta(minutes=1)).isoformat()
    until = (world.older[0].published_at + datetime.timedelta(minutes=1)).isoformat()
    status, data, _ = api(
        f"/api/v1/articles/?since={since.replace('+', '%2B')}&until={until.replace('+', '%2B')}"
    )
    assert status == 200
    assert ids(data) == [world.older[0].pk]
    today = timezone.localdate().isoformat()
    assert set(ids(api(f"/api/v1/articles/?until={today}")[1])) == set(public_ids(world))
    assert ids(api("/api/v1/articles/?since=2999-01-01")[1]) == []


def test_detail_has_everything_the_page_shows(world, api):
    status, data, response = api(f"/api/v1/articles/{world.lead.pk}/")
    assert status == 200
    assert data["headline"] == "الأمانة تفوز بالدرع" and data["language"] == "ar"
    assert data["editions"] == ["ar", "en"]
    assert data["kicker"] == "جوائز" and data["dateline"] == "أبها" and "كلمة" in data["body"]
    assert [a["name"] for a in data["byline"]] == ["فاطمة القحطاني", "خالد العمري"]
    author = data["byline"][0]
    assert author["url"].endswith(f"/api/v1/authors/{world.fatimah.pk}/")
    assert unquote(author["web_url"]).endswith(f"/authors/{world.fatimah.slug_ar}/")
    assert unquote(data["web_url"]) == f"http://testserver{unquote(world.lead.get_absolute_url())}"
    image = data["lead_image"]
    assert (image["width"], image["height"], image["caption"]) == (1200, 675, "مبنى الأمانة في أبها")
    sizes = {(r["format"], r["width"], r["height"]) for r in image["renditions"]}
    assert {("webp", 400, 225), ("jpeg", 800, 450), ("jpeg", 1200, 675)} <= sizes
    assert [c["text"] for c in data["corrections"]] == ["صُحّح اسم الفئة."]
    assert data["revised_at"] is not None
    wins = data["award_wins"]
    assert {(w["year"], w["award"]["name"], w["organisation"]["name"]) for w in wins} == {
        (2021, "درع الحكومة الذكية", "أمانة منطقة عسير"),
        (2019, "درع الحكومة الذكية", "أمانة منطقة عسير"),
    }
    assert [t["name"] for t in data["tags"]] == ["الصحة"]
    published = data["published_at"]
    local = timezone.localtime(world.lead.published_at)
    assert published["gregorian"] == local.date().isoformat()
    assert published["hijri"]["year"] > 1440 and "هـ الموافق" in published["text"]
    assert response["Last-Modified"]


def test_detail_in_english_with_arabic_fallback(world, api):
    data = api(f"/api/v1/articles/{world.lead.pk}/?lang=en")[1]
    assert data["headline"] == "The municipality wins the shield" and data["language"] == "en"
    assert data["kicker"] == "جوائز"  # no English kicker: the Arabic one
    assert data["section"]["name"] == "Local" and data["byline"][0]["name"] == "Fatimah Al-Qahtani"
    assert data["corrections"][0]["text"] == "The category name was corrected."
    assert " AH (" in data["published_at"]["text"]
    assert "/en/" in data["web_url"]
    untranslated = api(f"/api/v1/articles/{world.tagged.pk}/?lang=en")[1]
    assert untranslated["language"] == "ar" and untranslated["headline"] == "خبر اقتصادي عن الصحة"
    assert "/en/" not in untranslated["web_url"]


def test_lang_parameter_wins_over_accept_language(world, api):
    url = f"/api/v1/articles/{world.lead.pk}/"
    assert api(url, accept_language="en")[1]["language"] == "en"
    status, data, response = api(url + "?lang=ar", accept_language="en")
    assert data["language"] == "ar" and response["Content-Language"] == "ar"
    assert "Accept-Language" in response["Vary"]
    assert api(url)[1]["language"] == "ar"


@pytest.mark.parametrize("which", ["draft", "scheduled", "withdrawn"])
def test_no_story_the_public_cannot_see(world, withdrawn, api, which):
    article = withdrawn if which == "withdrawn" else getattr(world, which)
    status, data, _ = api(f"/api/v1/articles/{article.pk}/")
    assert status == 404 and data["code"] == "not_found"
    for query in (
        f"tag={world.health.pk}",
        f"award={world.award.pk}",
        f"author={world.fatimah.pk}",
        f"section={article.section_id}",
        "limit=100",
    ):
        assert article.pk not in ids(api(f"/api/v1/articles/?{query}")[1])


def test_scheduled_story_appears_when_its_time_comes(world, api):
    import time_machine

    assert world.scheduled.pk not in ids(api("/api/v1/articles/")[1])
    with time_machine.travel(world.scheduled.published_at + datetime.timedelta(minutes=1)):
        assert ids(api("/api/v1/articles/")[1])[0] == world.scheduled.pk
        assert api(f"/api/v1/articles/{world.scheduled.pk}/")[0] == 200


def test_query_counts_do_not_grow_with_the_page(world, api, django_assert_max_num_queries):
    for n in range(10):
        story(f"خبر إضافي {n}", world.local, [world.fatimah, world.khalid], hours_ago=10 + n)
    with django_assert_max_num_queries(3):
        assert len(api("/api/v1/articles/?limit=20")[1]["results"]) == 17
    with django_assert_max_num_queries(7):
        assert api(f"/api/v1/articles/{world.lead.pk}/")[0] == 200


def test_a_story_says_how_it_is_shared(world, api, django_capture_on_commit_callbacks):
    from articles.pictures.models import Image
    from tests.reader.stories import png

    lead = world.lead
    status, data, _ = api(f"/api/v1/articles/{lead.pk}/")
    assert status == 200
    assert data["sharing"]["title"] == lead.headline_ar
    assert data["sharing"]["description"] == "فوز في فئتين."
    assert data["sharing"]["image"]["alt_text"] == "مبنى حجري"
    with django_capture_on_commit_callbacks(execute=True):
        logo = Image.objects.create(file=png(), alt_text_ar="شعار الجائزة")
    lead.refresh_from_db()
    lead.seo_title_ar, lead.seo_description_ar, lead.seo_title_en = "عنوان البحث", "وصف البحث", "Search title"
    lead.social_image = logo
    lead.save()
    data = api(f"/api/v1/articles/{lead.pk}/")[1]
    assert data["sharing"]["title"] == "عنوان البحث" and data["sharing"]["description"] == "وصف البحث"
    assert data["sharing"]["image"]["alt_text"] == "شعار الجائزة"
    data = api(f"/api/v1/articles/{lead.pk}/?lang=en")[1]
    assert data["sharing"]["title"] == "Search title" and data["sharing"]["description"] == "Two categories."
    # A story without an English edition is shared from its Arabic one.
    data = api(f"/api/v1/articles/{world.older[0].pk}/?lang=en")[1]
    assert data["language"] == "ar" and data["sharing"]["title"] == world.older[0].headline_ar
