"""The transition table: each role × each status × each step, as the desk, the functions and a
crafted request see it. The expected table is written out here, so a change to the rules shows."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import publishing
from articles.models import Article

from .conftest import press

Status = Article.Status
STEPS = ("submit", "recall", "send_back", "publish", "schedule", "withdraw", "correct")
STATUSES = ("draft", "review", "published", "scheduled", "withdrawn")
INPUTS = {
    "send_back": {"note": "أضف مصدراً"},
    "withdraw": {"note": "خطأ في الأرقام"},
    "schedule": {"at": "2099-01-01T10:00"},
    "correct": {"text": "صُحح الرقم", "kind": "correction"},
}
EXPECTED = {
    "author": {"draft": {"submit"}, "review": {"recall"}},
    "other_reporter": {},
    "editor": {
        "draft": {"submit", "publish", "schedule"},
        "review": {"send_back", "publish", "schedule"},
        "published": {"withdraw", "correct"},
        "scheduled": {"publish", "schedule", "withdraw", "correct"},
        "withdrawn": {"send_back", "publish", "schedule"},
    },
}


@pytest.fixture
def story(make_article, reporter):
    def make(status):
        if status == "published":
            article = make_article("خبر منشور")
        elif status == "scheduled":
            article = make_article("خبر مجدول", published_at=timezone.now() + datetime.timedelta(days=1))
        else:
            article = make_article("خبر", status=status)
        Article.objects.filter(pk=article.pk).update(created_by=reporter)
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def person(reporter, other_reporter, editor):
    return {"author": reporter, "other_reporter": other_reporter, "editor": editor}


def state(article):
    article.refresh_from_db()
    return (
        article.status,
        article.published_at,
        article.workflow_events.count(),
        article.corrections.count(),
    )


COMBINATIONS = [(status, name) for status in STATUSES for name in STEPS]


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_available_transitions_follow_the_table(story, person, role):
    for status in STATUSES:
        article = story(status)
        offered = {step.name for step in publishing.available_transitions(article, person[role])}
        assert offered == EXPECTED[role].get(status, set()), status


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_functions_do_exactly_what_is_offered(story, person, role):
    user = person[role]
    for status, name in COMBINATIONS:
        article = story(status)
        before = state(article)
        if name in EXPECTED[role].get(status, set()):
            publishing.perform(name, article, user, **INPUTS.get(name, {}))
            assert state(article) != before, (status, name)
        else:
            with pytest.raises((PermissionDenied, publishing.TransitionNotAllowed)):
                publishing.perform(name, article, user, **INPUTS.get(name, {}))
            assert state(article) == before, (status, name)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_a_crafted_post_of_an_unavailable_step_is_refused(story, person, login, role):
    client = login(person[role])
    for status, name in COMBINATIONS:
        if name in EXPECTED[role].get(status, set()):
            continue  # available: test_no_lost_words presses each of them
        article = story(status)
        before = state(article)
        response = press(client, article, name, INPUTS.get(name, {}))
        page = response.content.decode()
        assert response.status_code in (200, 403), (status, name)
        if response.status_code == 200:  # the form again, with the reason in Arabic
            assert 'class="errornote"' in page, (status, name)
        else:
            assert "صلاحية" in page, (status, name)
        assert state(article) == before, (status, name)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["send_back", "withdraw", "correct", "schedule"])
def test_a_step_without_what_it_needs_is_refused_by_publishing(story, editor, name):
    article = story("withdrawn" if name == "send_back" else ("review" if name == "schedule" else "published"))
    before = state(article)
    with pytest.raises(publishing.TransitionNotAllowed):
        publishing.perform(name, article, editor)
    assert state(article) == before


@pytest.mark.django_db
@pytest.mark.parametrize("at", ["", "غداً", "2000-01-01T10:00", "2030-13-01T10:00"])
def test_schedule_times_are_checked_in_publishing(story, editor, at):
    article = story("review")
    with pytest.raises(publishing.TransitionNotAllowed):
        publishing.check("schedule", article, editor, at=at)
