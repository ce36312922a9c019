"""What the desk decides, every reader sees within seconds: the shipped stack (deploy/serve.sh:
nginx's micro-cache → gunicorn, two workers, the page cache in Redis), readers loading pages
all the while, and the desk's writes made by another process, as an editor's would be.

Needs nginx (Debian's package; .ci/run installs it) and Redis on 127.0.0.1:6379. Skipped
without them, except under CI."""

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.security.servers import free_port, run_in_stack, stack_environment, stop, wait_until_healthy

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = "redis://127.0.0.1:6379/6"
WITHIN = 5.0  # seconds: docs/deployment.md's promise

if os.environ.get("CI") != "true":
    if not shutil.which("nginx"):
        pytest.skip("nginx is not installed (apt-get install nginx)", allow_module_level=True)
    try:
        import redis

        redis.Redis.from_url(REDIS_DB, socket_connect_timeout=0.5).ping()
    except Exception:
        pytest.skip("no Redis on 127.0.0.1:6379", allow_module_level=True)

SETUP = """
import django, json
django.setup()
from django.core.management import call_command
from articles.models import Article
call_command("load_demo", stdout=open("/dev/null", "w"))
story = Article.objects.get(import_source="000_7077a1414e491a78.txt")
print(json.dumps({"id": story.pk, "url": story.get_absolute_url(), "en": story.has_edition("en")}))
"""

# The desk, from another process: each action prints the time its change was committed.
DESK = """
import django, json, sys, time
django.setup()
from django.contrib.auth import get_user_model
from django.db import transaction
from articles import locks, publishing
from articles.desk import autosaves, previews
from articles.desk.models import Notification
from articles.models import Article
story = Article.objects.get(pk=int(sys.argv[2]))
editor, _ = get_user_model().objects.get_or_create(username="edge-editor", defaults={"is_superuser": True, "is_staff": True})
action = sys.argv[1]
with transaction.atomic():
    if action == "desk-only":
        autosaves.keep(story, editor, {"headline_ar": story.headline_ar + " (يكتب)", "version": story.version})
        locks.acquire(story, editor, take_over=True)
        previews.share(story, editor)
        Notification.objects.create(recipient=editor, story=story, kind=Notification.Kind.SUBMIT)
    elif action == "correct":
        publishing.add_correction(story, editor, sys.argv[3])
    elif action == "withdraw":
        publishing.withdraw(story, editor, "طلب قانوني")
print(time.time())
"""


@pytest.fixture(scope="module")
def stack():
    folder = Path(tempfile.mkdtemp(prefix="newsroom-edge-test-"))
    folder.chmod(0o755)
    port, app_port = free_port(), free_port()
    environment = stack_environment(
        folder, port, app_port, workers=2, REDIS_URL=REDIS_DB, CACHE_KEY_PREFIX=f"edge-{uuid.uuid4().hex}"
    )
    run_in_stack(environment, "manage.py", "migrate", "--noinput", "-v", "0")
    story = json.loads(run_in_stack(environment, "-c", SETUP))
    # The stack logs every request: to a file, as a pipe nobody reads would fill and stall it.
    log = open(folder / "stack.log", "w")  # noqa: SIM115 (closed with the folder)
    server = subprocess.Popen(
        ["deploy/serve.sh"],
        cwd=ROOT,
        env=environment,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_healthy(server, f"http://127.0.0.1:{port}", folder / "stack.log")

        def desk(*args):
            return float(run_in_stack(environment, "-c", DESK, *args, timeout=120))

        yield {
            "edge": f"http://127.0.0.1:{port}",
            "app": f"http://127.0.0.1:{app_port}",
            "port": port,
            "story": story,
            "desk": desk,
        }
    finally:
        stop(server)
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def reader_urls(stack):
    story = stack["story"]
    urls = {
        "article": story["url"],
        "api": f"/api/v1/articles/{story['id']}/",
        "home": "/",
        "rss": "/feeds/rss/",
        "sitemap": "/sitemap-articles.xml",
        "search": "/search/?q=%D8%A7%D9%84%D8%AF%D8%B1%D8%B9",  # الدرع
        "archive": "/archive/",
    }
    if story["en"]:
        urls["article-en"] = "/en" + story["url"]
    return urls


def shows_story(stack, name, status, body):
    story = stack["story"]
    if name in ("article", "article-en", "api"):
        return status == 200
    return f"/{story['id']}/" in body.decode("utf-8", "replace") or (
        f'"id": {story["id"]}' in body.decode("utf-8", "replace")
    )


class Readers:
    """Readers loading the pages through nginx all the while (bounded in time)."""

    def __init__(self, edge, paths, threads=6, seconds=60):
        self.stop = threading.Event()
        self.errors = []
        self.count = 0
        deadline = time.monotonic() + seconds
        self.threads = [
            threading.Thread(target=self.read, args=(edge, paths, deadline), daemon=True)
            for _ in range(threads)
        ]

    def read(self, edge, paths, deadline):
        while not self.stop.is_set() and time.monotonic() < deadline:
            for path in paths:
                status, _headers, _body = get(edge + path)
                self.count += 1
                if status >= 500:
                    self.errors.append((path, status))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)


def test_links_carry_the_port_and_answers_are_compressed(stack):
    edge, port = stack["edge"], stack["port"]
    _status, _headers, robots = get(edge + "/robots.txt")
    assert f"http://127.0.0.1:{port}/sitemap.xml" in robots.decode()
    status, headers, body = get(edge + stack["story"]["url"], **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    page = gzip.decompress(body).decode()
    assert f'rel="canonical" href="http://127.0.0.1:{port}/' in page
    for path in ("/feeds/rss/", "/sitemap.xml", f"/api/v1/articles/{stack['story']['id']}/"):
        status, headers, body = get(edge + path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip", path
        assert f"127.0.0.1:{port}/" in gzip.decompress(body).decode(), path
    if Path("/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so").exists():
        assert get(edge + "/", **{"Accept-Encoding": "br"})[1]["Content-Encoding"] == "br"


def test_desk_only_writes_leave_every_cached_page_cached(stack):
    urls = reader_urls(stack)
    for path in urls.values():  # kept by the app
        get(stack["app"] + path)
        assert get(stack["app"] + path)[1]["X-Page-Cache"] == "hit", path
    stack["desk"]("desk-only", stack["story"]["id"])
    for name, path in urls.items():
        status, headers, body = get(stack["app"] + path)
        assert headers["X-Page-Cache"] == "hit", name
        assert shows_story(stack, name, status, body), name


def _seconds_until_every_url(stack, urls, changed_at, is_done, limit):
    """For each URL, how long after `changed_at` a request was sent that got the change: every
    request sent before it got the old answer, so the edge served the old one no longer than
    that (the answer's own travel time on a loaded machine is not the edge keeping it)."""
    seen, deadline = {}, changed_at + limit
    while len(seen) < len(urls) and time.time() < deadline:
        for name, path in urls.items():
            if name not in seen:
                sent = time.time()
                status, _headers, body = get(stack["edge"] + path)
                if is_done(name, status, body):
                    seen[name] = sent - changed_at
        time.sleep(0.1)
    return seen


def test_a_correction_then_a_withdrawal_reach_every_layer_within_five_seconds_under_load(stack):
    urls = reader_urls(stack)
    story_id = stack["story"]["id"]
    with Readers(stack["edge"], list(urls.values())) as readers:
        time.sleep(3)  # every page kept at the edge and in the app, and being refreshed
        for path in urls.values():
            assert get(stack["edge"] + path)[1]["X-Edge-Cache"] in (
                "HIT",
                "STALE",
                "UPDATING",
                "EXPIRED",
                "MISS",
            )

        note = f"تصحيح رقم {uuid.uuid4().hex[:6]}"
        corrected_at = stack["desk"]("correct", story_id, note)
        article_urls = {name: urls[name] for name in ("article", "api")}
        seen = _seconds_until_every_url(
            stack, article_urls, corrected_at, lambda name, status, body: note in body.decode(), 20
        )
        print("correction seen after (s):", {name: round(after, 2) for name, after in seen.items()})
        assert set(seen) == set(article_urls) and max(seen.values()) <= WITHIN, seen

        withdrawn_at = stack["desk"]("withdraw", story_id)
        seen = _seconds_until_every_url(
            stack,
            urls,
            withdrawn_at,
            lambda name, status, body: not shows_story(stack, name, status, body),
            20,
        )
        print("withdrawal seen after (s):", {name: round(after, 2) for name, after in seen.items()})
        assert set(seen) == set(urls), f"still public: {set(urls) - set(seen)}"
        assert max(seen.values()) <= WITHIN, seen

        # The change feed holds back its newest seconds; the tombstone comes within hold-back + max-age.
        seen = _seconds_until_every_url(
            stack,
            {"changes": "/api/v1/changes/"},
            withdrawn_at,
            lambda name, status, body: re.search(
                rf'"id":\s*{story_id},\s*"change":\s*"withdrawn"', body.decode()
            ),
            30,
        )
        assert seen and seen["changes"] <= 5 + WITHIN + 1, seen
    assert readers.count > 50 and not readers.errors, readers.errors[:5]
