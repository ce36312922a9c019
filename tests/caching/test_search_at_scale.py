"""Search at scale: a common word ranks only the newest matches and says «أكثر من …»; no
search holds a worker past the statement timeout (PostgreSQL)."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles import search

pytestmark = pytest.mark.django_db


def test_a_common_word_ranks_the_newest_matches_and_says_more(client, make_article, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 5)
    stories = [make_article(headline=f"الجائزة الكبرى {n}",
                            published_at=timezone.now() - datetime.timedelta(days=n * 20, hours=1))
               for n in range(8)]
    found = search.find(search.parse("الجائزة"))
    assert found.more and found.count == 5
    assert set(found.stories) == set(stories[:5])  # the five newest matches
    page = client.get(reverse("articles:search"), {"q": "الجائزة"}).content.decode()
    assert "أكثر من 5 نتيجة" in page
    assert page.count('class="search-result"') == 5


def test_a_rare_word_is_found_anywhere_in_the_archive(make_article):
    old = make_article(headline="خبر نادر جدا", published_at=timezone.now() - datetime.timedelta(days=3000))
    make_article(headline="خبر حديث")
    found = search.find(search.parse("نادر"))
    assert list(found.stories) == [old] and found.count == 1 and not found.more


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_a_search_that_runs_too_long_is_stopped_with_a_message(client, make_article, monkeypatch):
    make_article(headline="جائزة")
    monkeypatch.setattr(search, "STATEMENT_TIMEOUT_MS", 50)
    real_find = search.find

    def slow_find(query, language="ar"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(1)")
        return real_find(query, language)

    monkeypatch.setattr(search, "find", slow_find)
    response = client.get(reverse("articles:search"), {"q": "جائزة"})
    assert response.status_code == 200
    assert "استغرق البحث وقتًا أطول من اللازم" in response.content.decode()
