"""Authors, sections, tags, awards (with categories and wins) and organisations."""

import pytest

from tests.api.conftest import ids


@pytest.mark.parametrize("kind", ["authors", "sections", "tags", "awards", "organisations"])
def test_lists_and_details(world, api, kind):
    status, data, _ = api(f"/api/v1/{kind}/")
    assert status == 200 and data["results"]
    for item in data["results"]:
        status, detail, _ = api(item["url"])
        assert status == 200 and detail["id"] == item["id"] and detail["name"] == item["name"]
        assert detail["web_url"].startswith("http://testserver/")


def test_author_in_both_languages(world, api):
    ar = api(f"/api/v1/authors/{world.fatimah.pk}/")[1]
    en = api(f"/api/v1/authors/{world.fatimah.pk}/?lang=en")[1]
    assert (ar["name"], ar["role"], ar["bio"]) == ("فاطمة القحطاني", "مراسلة", "مراسلة الصحيفة في عسير.")
    assert (en["name"], en["role"]) == ("Fatimah Al-Qahtani", "Correspondent")
    assert ar["photo"].startswith("http://testserver/")
    stories = api(ar["articles"])[1]
    assert world.draft.pk not in ids(stories) and world.lead.pk in ids(stories)


def test_award_with_categories_and_wins(world, api):
    data = api(f"/api/v1/awards/{world.award.pk}/")[1]
    assert data["awarding_body"]["name"] == "أكاديمية التميز"
    assert [c["name"] for c in data["categories"]] == ["المواقع الحكومية", "الابتكار الحكومي"]
    win = data["categories"][0]["wins"][0]
    assert (win["year"], win["organisation"]["name"], win["entry"], win["ceremony_city"]) == (
        2021,
        "أمانة منطقة عسير",
        "نظام خدمة العملاء",
        "دبي",
    )
    assert ids(api(data["articles"])[1]) == [world.lead.pk]


def test_organisation_with_its_wins(world, api):
    data = api(f"/api/v1/organisations/{world.municipality.pk}/?lang=en")[1]
    assert data["name"] == "Asir Region Municipality" and data["kind"] == "government"
    assert data["kind_label"] == "Government body" or data["kind_label"]
    assert sorted(w["year"] for w in data["award_wins"]) == [2019, 2021]
    academy = api(f"/api/v1/organisations/{world.academy.pk}/")[1]
    assert [a["name"] for a in academy["awards_given"]] == ["درع الحكومة الذكية"]


def test_list_pages(world, api):
    first = api("/api/v1/sections/?limit=1")[1]
    second = api(first["next"])[1]
    assert ids(first) == [world.local.pk] and ids(second) == [world.economy.pk] and second["next"] is None


def test_query_counts(world, api, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        api("/api/v1/organisations/")
    with django_assert_max_num_queries(4):
        api(f"/api/v1/awards/{world.award.pk}/")
