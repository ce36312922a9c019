"""/api/v1/search/: the site's own search service, over published stories only."""

import pytest

from articles.search import query as search
from tests.api.conftest import ids


@pytest.mark.parametrize("words", ["الدرع", "الأمانه", "الأمانة", "فاطمه القحطاني", "الصحه"])
def test_same_answers_as_the_site_search(world, api, words):
    status, data, _ = api(f"/api/v1/search/?q={words}")
    assert status == 200
    expected = list(search.search(search.parse(words), "ar").values_list("id", flat=True))
    assert ids(data) == expected and expected


def test_results_are_highlighted_and_linked(world, api):
    data = api("/api/v1/search/?q=الدرع")[1]
    first = data["results"][0]
    assert first["id"] == world.lead.pk and "<mark>" in first["headline_html"]
    assert first["url"].endswith(f"/api/v1/articles/{world.lead.pk}/")


def test_english_edition_searches_english(world, api):
    assert ids(api("/api/v1/search/?q=shield&lang=en")[1]) == [world.lead.pk]
    assert ids(api("/api/v1/search/?q=shield")[1]) == []


def test_search_never_finds_hidden_stories(world, withdrawn, api):
    for words in ("سري", "مسودة", "مجدول", "مسحوب"):
        assert ids(api(f"/api/v1/search/?q={words}")[1]) == []


def test_search_pages(world, api):
    first = api("/api/v1/search/?q=خبر&limit=2")[1]
    assert len(first["results"]) == 2 and first["next"]
    second = api(first["next"])[1]
    assert not set(ids(first)) & set(ids(second))
