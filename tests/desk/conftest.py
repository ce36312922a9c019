"""Desk fixtures: the two roles' users and a way to post the story's admin form as a browser would."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from articles.models import Article, Byline
from tests.conftest import desk_groups


@pytest.fixture
def roles(db):
    return desk_groups()


@pytest.fixture
def make_user(roles):
    editors, reporters = roles

    def make(username, group, full_name=""):
        first, _, last = full_name.partition(" ")
        user = get_user_model().objects.create_user(
            username, password="x-desk-test-9", is_staff=True, first_name=first, last_name=last
        )
        user.groups.add(editors if group == "editor" else reporters)
        return user

    return make


@pytest.fixture
def reporter(make_user):
    return make_user("reporter", "reporter", "سارة المراسلة")


@pytest.fixture
def other_reporter(make_user):
    return make_user("reporter2", "reporter", "خالد المراسل")


@pytest.fixture
def editor(make_user):
    return make_user("editor", "editor", "منى المحررة")


@pytest.fixture
def second_editor(make_user):
    return make_user("editor2", "editor", "عمر المحرر")


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def login():
    return client_for


@pytest.fixture
def draft(make_article, reporter):
    """A reporter's draft."""
    article = make_article("مسودة المراسلة", status=Article.Status.DRAFT)
    article.created_by = reporter
    article.save()
    return article


@pytest.fixture
def review(draft, reporter):
    """The reporter's draft, sent for review."""
    from articles import publishing

    publishing.submit(draft, reporter)
    draft.refresh_from_db()
    return draft


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def press(client, article, action, inputs=None, follow=False, **changes):
    """Press a workflow button of the story's form: the form as saved (plus `changes`), the
    step's inputs (e.g. {"note": ...}) in their desk-<step>-<input> fields."""
    data = form_data(article, **changes)
    data["_desk_action"] = action
    data.update({f"desk-{action}-{name}": value for name, value in (inputs or {}).items()})
    return client.post(change_url(article), data, follow=follow)


def form_data(article, **changes):
    """The change form as the browser would post it (the story's saved values, then `changes`)."""
    article.refresh_from_db()
    data = {"section": article.section_id, "version": article.version}
    for name in (
        "headline",
        "slug",
        "kicker",
        "standfirst",
        "body",
        "dateline",
        "seo_title",
        "seo_description",
    ):
        for lang in ("ar", "en"):
            data[f"{name}_{lang}"] = getattr(article, f"{name}_{lang}") or ""
    bylines = list(Byline.objects.filter(article=article))
    data.update(
        {
            "bylines-TOTAL_FORMS": str(len(bylines)),
            "bylines-INITIAL_FORMS": str(len(bylines)),
            "bylines-MIN_NUM_FORMS": "1",
            "bylines-MAX_NUM_FORMS": "1000",
        }
    )
    for n, line in enumerate(bylines):
        data.update(
            {
                f"bylines-{n}-id": line.pk,
                f"bylines-{n}-article": article.pk,
                f"bylines-{n}-author": line.author_id,
                f"bylines-{n}-position": line.position,
            }
        )
    data.update(changes)
    return data


def new_story_form(section, author, **typed):
    """The "add story" form as the browser would post it: one byline, the fields typed."""
    data = {
        "section": section.pk,
        "version": "",
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": author.pk,
        "bylines-0-position": "0",
    }
    for name in ("headline", "slug", "kicker", "standfirst", "body", "dateline"):
        for lang in ("ar", "en"):
            data[f"{name}_{lang}"] = ""
    data.update(typed)
    return data
