"""Search at scale: a common word ranks only the newest matches and says «أكثر من …»; no
search holds a worker past the statement timeout (PostgreSQL)."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.search import query as search

pytestmark = pytest.mark.django_db


def test_a_common_word_ranks_the_newest_matches_and_says_more(client, make_article, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 5)
    stories = [
        make_article(
            headline=f"الجائزة الكبرى {n}",
            published_at=timezone.now() - datetime.timedelta(days=n * 20, hours=1),
        )
        for n in range(8)
    ]
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


def _ago(days):
    return timezone.now() - datetime.timedelta(days=days, hours=1)


@pytest.fixture
def plans(monkeypatch):
    """The (since, walk) each search chose for its second look."""
    chosen = []
    real_plan = search._plan

    def recording_plan(*args):
        chosen.append(real_plan(*args))
        return chosen[-1]

    monkeypatch.setattr(search, "_plan", recording_plan)
    return chosen


def test_each_second_look_finds_every_match_back_to_the_oldest(make_article, monkeypatch, plans):
    """A word in most recent stories walks the archive; a rarer one looks in a wider window,
    then everywhere when the window holds too few; a word absent lately looks everywhere."""
    monkeypatch.setattr(search, "CANDIDATES", 10)
    recent = [
        make_article(headline=f"الجائزة الكبرى {n}" + (" في الرياض" if n < 2 else ""), published_at=_ago(n))
        for n in range(8)
    ]
    riyadh_old = [
        make_article(headline=f"أمطار على الرياض {n}", published_at=_ago(days))
        for n, days in enumerate((200, 300, 2000))
    ]
    award_old = make_article(headline="الجائزة الأولى", published_at=_ago(1500))
    rare = make_article(headline="خبر نادر", published_at=_ago(3000))

    found = search.find(search.parse("الجائزة "))
    assert plans[-1] == (None, True)  # 8 of 8 recent stories: walk
    assert set(found.stories) == {*recent, award_old} and not found.more

    found = search.find(search.parse("الرياض "))
    since, walk = plans[-1]
    assert not walk and since is not None  # 2 of 8: a wider window (2 × 11 / 2 × 30 days)…
    assert set(found.stories) == {*recent[:2], *riyadh_old}  # …then everywhere: 2,000 days back

    found = search.find(search.parse("نادر"))
    assert plans[-1] == (None, False) and list(found.stories) == [rare]


def test_the_last_word_typed_matches_the_start_of_words_only(make_article):
    """On both databases: الجائ (still typing) finds الجائزة; جاي, too short for a prefix,
    is a whole word only; a finished word (a space after it) is whole too."""
    prize = make_article(headline="الجائزة")
    make_article(headline="خبر آخر")
    assert list(search.search(search.parse("الجائ"))) == [prize]
    assert list(search.search(search.parse("جاي"))) == []
    assert list(search.search(search.parse("الجائ "))) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search index is PostgreSQL's")
def test_the_search_words_column_holds_words_and_keys(make_article):
    story = make_article(headline="وبالجائزة فاطمه")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_words_ar::text FROM articles_article WHERE id = %s", [story.pk])
        words = cursor.fetchone()[0]
    for lexeme in ("'وبالجايزه'", "'~جايز'", "'فاطمه'"):
        assert lexeme in words


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_common_words_at_thousands_of_stories_answer_within_a_short_limit(
    client, settings, tmp_path, monkeypatch
):
    """Every kind of common search at 3,000 generated stories finds results under a limit of
    half a second, which a look through every match (as before migration 0013) overran."""
    from django.core.management import call_command

    settings.NEWSROOM_PAGE_CACHE = False
    settings.MEDIA_ROOT = tmp_path
    call_command("generate_stories", 3000, stdout=open("/dev/null", "w"))
    monkeypatch.setattr(search, "STATEMENT_TIMEOUT_MS", 500)
    for words in ("الجائزة", "الرياض", "هيئة السوق", "فاطمة القحطاني", "القحطا", "الشباب"):
        page = client.get(reverse("articles:search"), {"q": words}).content.decode()
        assert "استغرق البحث وقتًا أطول من اللازم" not in page, words
        assert page.count('class="search-result"') == 10, words
