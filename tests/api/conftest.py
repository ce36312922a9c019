"""The API tests reuse the reader tests' small newsroom (`world`) and add a withdrawn story."""

import pytest
from django.test import Client

from articles import publishing
from tests.reader.conftest import world  # noqa: F401  (the fixture, shared)
from tests.reader.stories import story


@pytest.fixture(autouse=True)
def api_settings(settings):
    # Tests are many requests from one address: only the throttling test sets a real rate.
    settings.NEWSROOM_API_RATE = "100000/minute"
    settings.NEWSROOM_API_CHANGES_DELAY = 0


@pytest.fixture
def api():
    """A client that asks for JSON and returns (status, data, response)."""
    client = Client()

    def get(url, **headers):
        response = client.get(url, headers=headers)
        data = response.json() if "json" in response.get("Content-Type", "") else None
        return response.status_code, data, response

    return get


@pytest.fixture
def withdrawn(world):  # noqa: F811
    article = story(
        "خبر مسحوب سري", world.local, [world.fatimah], hours_ago=5, body_ar="<p>نص مسحوب لا يظهر</p>"
    )
    article.tags.add(world.health)
    article.award_wins.add(world.win_2021)
    publishing.withdraw(article, None, "خطأ")
    return article


def ids(data):
    return [item["id"] for item in data["results"]]
