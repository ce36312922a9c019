"""The permission matrix: anonymous, reporter, editor and superuser × every admin URL of every
registered model (list, add, change, delete, history) and the desk's transitions.

No combination answers 500; anonymous users are always sent to the login page; no page opens
for a role that lacks the permission it needs; only superusers manage users and groups; a
reporter cannot move another reporter's story or publish anything."""

import datetime

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import NoReverseMatch, reverse

from articles import publishing
from articles.desk.models import PreviewLink
from articles.models import Article
from tests.desk.conftest import press

pytestmark = pytest.mark.django_db
# Admins whose rule is not the model's own permission (they say so in their docstring).
OWN_RULE = {PreviewLink: "articles.change_article"}  # desk members see the links they shared
TRANSITIONS = ("submit", "send_back", "publish", "schedule", "withdraw")


@pytest.fixture(autouse=True)
def frozen_clock():
    """One instant for the whole matrix: a schedule, a lock's life or "today" on the front page
    cannot change an answer between two roles."""
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC), tick=False):
        yield


def user_in(group, name):
    user = User.objects.create_user(name, password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def people(db):
    return {
        "anonymous": None,
        "reporter": user_in("Reporters", "rep"),
        "editor": user_in("Editors", "ed"),
        "superuser": User.objects.create_superuser("root", "root@example.org", "x" * 12),
    }


def client_for(user):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def admin_urls(demo):
    """(model, kind, url) for every registered model; objects are the demo's where it has them."""
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        obj = model._default_manager.order_by("pk").first()
        yield model, "view", reverse("admin:{}_{}_changelist".format(*info))
        yield model, "add", reverse("admin:{}_{}_add".format(*info))
        if obj is not None:
            for kind, name in (("view", "change"), ("delete", "delete"), ("view", "history")):
                try:
                    yield model, kind, reverse(f"admin:{info[0]}_{info[1]}_{name}", args=[obj.pk])
                except NoReverseMatch:
                    pass


def test_every_admin_url_for_every_role(people, demo, make_article):
    make_article("خبر آخر")
    for role, user in people.items():
        client = client_for(user)
        for model, kind, url in admin_urls(demo):
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 404), (role, url, response.status_code)
            if user is None:
                assert response.status_code == 302 and "/admin/login/" in response["Location"], url
                continue
            if response.status_code != 200:
                continue
            opts = model._meta
            needed = [
                f"{opts.app_label}.{action}_{opts.model_name}"
                for action in (("view", "change") if kind == "view" else (kind,))
            ]
            if model in OWN_RULE and kind == "view":
                needed = [OWN_RULE[model]]
            assert any(user.has_perm(perm) for perm in needed), (role, url, needed)
            if opts.app_label == "auth":
                assert user.is_superuser, (role, url)


def test_transitions_for_every_role(people, make_article):
    for role, user in people.items():
        for action in TRANSITIONS:
            # A story another reporter wrote, in each status a transition may start from.
            for status in (Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.PUBLISHED):
                story = make_article(f"خبر {role} {action}", status=status)
                story.created_by = User.objects.create_user(f"w-{role}-{action}-{status}")
                story.save()
                before = (story.status, story.published_at)
                # The step's button on the story's own form (tests/desk/conftest.py `press`).
                response = press(
                    client_for(user), story, action, inputs={"note": "سبب", "at": "2031-01-01T10:00"}
                )
                assert response.status_code in (200, 302, 403, 404, 405), (role, action, status)
                story.refresh_from_db()
                moved = (story.status, story.published_at) != before
                if role in ("anonymous", "reporter"):
                    assert not moved, (role, action, status)
                if moved:
                    assert user.has_perm("articles.edit_any_article")


def test_reporter_cannot_publish_even_their_own_story(people, make_article):
    reporter = people["reporter"]
    story = make_article("خبري", status=Article.Status.REVIEW)
    story.created_by = reporter
    story.save()
    press(client_for(reporter), story, "publish")
    story.refresh_from_db()
    assert story.status == Article.Status.REVIEW
    with pytest.raises(PermissionDenied):
        publishing.publish(story, reporter)
