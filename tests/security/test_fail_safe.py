"""Failing parts degrade, never fail: with Redis unreachable the pages and the API are served
uncached, the API's rate limit still holds (counted per process), /readyz stays ready; and the
rate counters are atomic, so concurrent clients get at most the limit."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from articles.ratelimits import RateLimit
from tests.caching.test_backends import redis_cache, redis_prefix  # noqa: F401  (the fixture, shared)
from tests.reader.conftest import world  # noqa: F401  (the fixture, shared)

REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture(autouse=True)
def cache_thought_up(monkeypatch):
    """Each test starts with the cache believed reachable (an outage seen by an earlier test
    would otherwise send this one's counts to the per-process fallback for a few seconds)."""
    from articles import ratelimits

    monkeypatch.setattr(ratelimits, "_outage", {"logged": 0.0, "until": 0.0})


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(REDIS_DOWN, f"down-{uuid.uuid4().hex}")


def test_redis_down_pages_and_api_are_served(world, redis_down, settings):  # noqa: F811
    settings.NEWSROOM_API_RATE = "1000/minute"
    client = Client()
    for url in (
        reverse("articles:home"),
        world.lead.get_absolute_url(),
        "/en/",
        "/api/v1/articles/",
        f"/api/v1/articles/{world.lead.pk}/",
        "/api/v1/sections/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_redis_down_the_api_limit_still_holds(world, redis_down, settings):  # noqa: F811
    settings.NEWSROOM_API_RATE = "3/minute"
    client = Client()
    address = f"198.51.100.{uuid.uuid4().int % 250}"
    statuses = [client.get("/api/v1/sections/", REMOTE_ADDR=address).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.django_db
def test_redis_down_readyz_stays_ready_and_names_the_cache(redis_down, client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "failed"}


def _hammer(limit, clients=64, each=3):
    """`clients` threads, all from one address, each asking `each` times: how many were let in."""
    start = threading.Barrier(clients)

    def client(_n):
        start.wait()
        return sum(limit.hit("192.0.2.1") is None for _ in range(each))

    with ThreadPoolExecutor(clients) as pool:
        return sum(pool.map(client, range(clients)))


@pytest.mark.django_db
def test_counters_are_atomic_in_memory():
    assert _hammer(RateLimit(f"t{uuid.uuid4().hex}", "100/hour")) == 100


@pytest.mark.django_db
def test_counters_are_atomic_on_redis(redis_prefix):  # noqa: F811
    assert _hammer(RateLimit(f"t{uuid.uuid4().hex}", "100/hour")) == 100


@pytest.mark.django_db
def test_counters_hold_while_redis_is_down(redis_down):
    assert _hammer(RateLimit(f"t{uuid.uuid4().hex}", "100/hour"), clients=16, each=10) == 100


def test_the_limit_slides_across_windows():
    """A client that spent the limit at the end of one window cannot spend it again at once."""
    limit = RateLimit(f"t{uuid.uuid4().hex}", "10/minute")
    start = 6000 * 60 + 59.0  # the last second of a window
    assert all(limit.hit("a", now=start) is None for _ in range(10))
    assert limit.hit("a", now=start + 2) is not None  # 2 s later, the next window
    # Once the old window has slid out, the client is let in again.
    assert limit.hit("a", now=start + 61) is None


@pytest.mark.django_db(transaction=True)
def test_64_concurrent_api_clients_get_at_most_the_limit(settings):
    """64 real clients at once (threads, each its own connection) through the API."""
    settings.NEWSROOM_API_RATE = "100/hour"
    address = f"203.0.113.{uuid.uuid4().int % 250}"
    start = threading.Barrier(64)

    def client(_n):
        start.wait()
        try:
            browser = Client()
            return [browser.get("/api/v1/sections/", REMOTE_ADDR=address).status_code for _ in range(3)]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(64) as pool:
        statuses = [status for answers in pool.map(client, range(64)) for status in answers]
    assert statuses.count(200) == 100
    assert statuses.count(429) == 92


# The database down, for a signed-in editor too: the request carries a session cookie, so
# reading request.user needs the (dead) database, in the views and in the log filter.
SIGNED_IN_DRILL = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
client.cookies["sessionid"] = "a" * 32  # any session: reading it needs the database
out = {}
for url in ("/", "/en/", "/admin/", "/admin/articles/article/", "/api/v1/articles/", "/healthz"):
    response = client.get(url)
    out[url] = {"status": response.status_code, "retry": response.get("Retry-After"),
                "type": response.get("Content-Type"), "body": response.content.decode()}
print(json.dumps(out))
"""


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_database_down_signed_in_is_the_arabic_503_and_logged(engine):
    import json
    import os
    import subprocess
    import sys

    from .test_faults import DEAD, ROOT

    environment = {
        **os.environ,
        "DATABASE_URL": DEAD[engine],
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", SIGNED_IN_DRILL],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    for url in ("/", "/en/", "/admin/", "/admin/articles/article/"):
        assert answers[url]["status"] == 503, (url, answers[url]["status"])
        assert answers[url]["retry"] == "30"
    for url in ("/", "/admin/", "/admin/articles/article/"):
        assert 'lang="ar" dir="rtl"' in answers[url]["body"]
    assert 'lang="en" dir="ltr"' in answers["/en/"]["body"]
    # The API answers JSON, as docs/api.md promises, with the same Retry-After.
    api = answers["/api/v1/articles/"]
    assert api["status"] == 503 and api["retry"] == "30" and api["type"] == "application/json"
    data = json.loads(api["body"])
    assert data["code"] == "unavailable" and data["retry_after"] == 30 and data["message"]["ar"]
    # /healthz touches nothing else: the cookie does not make it fail.
    assert answers["/healthz"]["status"] == 200
    # Every outage is logged with its request id (the log filter did not need the database).
    logged = [line for line in result.stdout.splitlines() if "ERROR django.request request=" in line]
    assert any("path=/admin/articles/article/" in line for line in logged), result.stdout[-3000:]
    assert "OperationalError" in result.stdout


@pytest.mark.django_db
def test_an_api_error_is_json(client, monkeypatch):
    from articles.api import views

    def fail(self, request):
        raise RuntimeError("the printing press is on fire")

    monkeypatch.setattr(views.Root, "get", fail)
    response = Client(raise_request_exception=False).get("/api/v1/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["status"] == 500 and data["code"] == "error"
    assert data["message"]["en"] and data["message"]["ar"]
    assert "Retry-After" not in response
