"""The data migrations, run as `migrate` runs them (the test database is built by them)."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.models import Article
from articles.models.search_columns import SEARCH_FIELDS
from articles.search import query as search

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_the_roles_migration_made_editors_and_reporters_with_their_permissions():
    editors, reporters = codenames("Editors"), codenames("Reporters")
    assert {"publish_article", "send_back_article", "correct_article", "edit_any_article"} <= editors
    assert {"delete_article", "change_tag", "view_editlock", "view_workflowevent"} <= editors
    assert {"add_article", "change_article", "add_byline", "delete_byline", "add_image"} <= reporters
    assert not {"publish_article", "delete_article", "change_tag", "edit_any_article"} & reporters
    assert not any(name.endswith(("_user", "_group", "_permission")) for name in editors | reporters)


def test_stories_stored_under_an_older_analysis_are_refilled_after_migrate(demo):
    Article.objects.update(**{field: "" for field in SEARCH_FIELDS})
    assert list(search.search(search.parse("فاطمة القحطاني"))) == []

    # 0004's frozen fill writes the columns as they were then (unpadded, no stems) ...
    migration = importlib.import_module("articles.migrations.0004_search")
    migration.fill(apps, schema_editor=None)
    assert Article.objects.with_stale_search_columns().count() == 1

    # ... and `migrate` ends by refilling them with today's analysis.
    call_command("migrate", verbosity=0)
    assert not Article.objects.with_stale_search_columns().exists()
    for words in ("فاطمة القحطاني", "الجائزه", "عسير", "جوائز"):
        assert list(search.search(search.parse(words))) == [demo]
    assert list(search.search(search.parse("Qahtani"), "en")) == [demo]
