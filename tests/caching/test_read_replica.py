"""The optional read replica: anonymous readers' pages read it, everything else reads the
primary, and right after a change pages come from the primary so a lagging replica never puts
an old page in the cache under the new content version.

A real drill with two SQLite files: the replica is a copy of the primary taken before a story
was published, i.e. a replica that has not caught up yet."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from articles import replica
from articles.replica import PublicReadsRouter, public_reads

ROOT = Path(__file__).resolve().parents[2]
HEADLINE = "خبر لم يصل إلى النسخة المتماثلة بعد"

PUBLISH = f"""
import django
django.setup()
from django.core.management import call_command
from articles import publishing
from articles.models import Article, Author, Byline, Section
story = Article.objects.create(headline_ar={HEADLINE!r}, body_ar="<p>نص</p>", section=Section.objects.first())
Byline.objects.create(article=story, author=Author.objects.first(), position=0)
publishing.publish(story)
print(story.get_absolute_url())
"""

READ = """
import json, sys, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
story_url, headline = sys.argv[1], sys.argv[2]
anonymous = Client()
home = anonymous.get("/").content.decode()
story = anonymous.get(story_url).status_code
editor = get_user_model().objects.filter(username="drill").first() or get_user_model().objects.create_superuser(
    "drill", password="drill-password-9")
desk = Client()
desk.force_login(editor)
admin = desk.get("/admin/articles/article/").content.decode()
print(json.dumps({"home_has_it": headline in home, "story": story, "admin_has_it": headline in admin}))
"""


def run(script, environment, *args):
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def lagging_replica(tmp_path):
    primary, copy = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    environment = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "REDIS_URL", "NEWSROOM_REPLICA_URL")},
        "DATABASE_URL": f"sqlite:///{primary}",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "CACHE_DIR": str(tmp_path / "cache-setup"),
    }
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environment,
            check=True,
            capture_output=True,
            timeout=300,
        )
    shutil.copy(primary, copy)  # the replica as it was before the story below
    story_url = run(PUBLISH, environment)

    def read(**settings):
        return json.loads(
            run(
                READ,
                {**environment, "NEWSROOM_REPLICA_URL": f"sqlite:///{copy}", **settings},
                story_url,
                HEADLINE,
            )
        )

    return read, tmp_path


def test_readers_read_the_replica_and_the_desk_reads_the_primary(lagging_replica):
    read, folder = lagging_replica
    answers = read(NEWSROOM_REPLICA_LAG_SECONDS="0", CACHE_DIR=str(folder / "cache-a"))
    assert answers == {"home_has_it": False, "story": 404, "admin_has_it": True}
    # With the page cache off, readers still read the replica.
    answers = read(
        NEWSROOM_REPLICA_LAG_SECONDS="0", NEWSROOM_PAGE_CACHE="false", CACHE_DIR=str(folder / "cache-b")
    )
    assert answers == {"home_has_it": False, "story": 404, "admin_has_it": True}


def test_right_after_a_change_pages_come_from_the_primary(lagging_replica):
    read, folder = lagging_replica
    # The publish just started a new content version (in this cache): within the lag window
    # the page is rendered from the primary, so what the cache keeps under it is fresh.
    shutil.copytree(folder / "cache-setup", folder / "cache-c")
    answers = read(NEWSROOM_REPLICA_LAG_SECONDS="3600", CACHE_DIR=str(folder / "cache-c"))
    assert answers == {"home_has_it": True, "story": 200, "admin_has_it": True}


def test_the_router_sends_only_public_reads_to_the_replica(monkeypatch):
    router = PublicReadsRouter()
    monkeypatch.setattr(replica, "configured", lambda: True)
    assert router.db_for_read(None) == "default"
    with public_reads():
        assert router.db_for_read(None) == "replica"
        assert router.db_for_write(None) == "default"
        with public_reads(allowed=False):
            assert router.db_for_read(None) == "default"
    assert router.allow_migrate("replica", "articles") is False and router.allow_migrate(
        "default", "articles"
    )
