"""Faults: health checks, and the database-down drill (a 503 with Retry-After in the reader's
language, from a process whose database cannot be reached, on SQLite and on PostgreSQL)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client

from .servers import fetch, free_port

ROOT = Path(__file__).resolve().parents[2]

DRILL = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for url in ("/", "/en/", "/archive/", "/en/search/?q=x", "/healthz", "/readyz"):
    response = client.get(url)
    out[url] = {"status": response.status_code, "retry": response.get("Retry-After"),
                "lang": response.content.decode()[:400]}
print(json.dumps(out))
"""

DEAD = {
    "sqlite": "sqlite:////nonexistent-folder/for/the/drill/db.sqlite3",
    "postgresql": "postgres://postgres@127.0.0.1:1/newsroom_down",
}


@pytest.mark.parametrize("engine", DEAD)
def test_database_down_is_a_503_in_the_readers_language(engine):
    environment = {
        **os.environ,
        "DATABASE_URL": DEAD[engine],
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", DRILL], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    for url in ("/", "/archive/", "/en/", "/en/search/?q=x"):
        assert answers[url]["status"] == 503, (url, answers[url])
        assert answers[url]["retry"] == "30"
    assert 'lang="ar" dir="rtl"' in answers["/"]["lang"]
    assert 'lang="en" dir="ltr"' in answers["/en/"]["lang"]
    assert answers["/healthz"]["status"] == 200
    assert answers["/readyz"]["status"] == 503
    # The outage is logged (the traceback goes to stdout with the request id).
    assert "OperationalError" in result.stdout


def test_runserver_starts_with_the_database_down_and_answers_503():
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": DEAD["postgresql"],
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        statuses = {}
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            try:
                statuses = {path: fetch(f"http://127.0.0.1:{port}{path}")[0] for path in ("/", "/healthz")}
                break
            except OSError:  # not listening yet
                time.sleep(0.5)
        assert server.poll() is None, server.stdout.read()[-3000:]
        assert statuses == {"/": 503, "/healthz": 200}
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "The database is not reachable" in output


@pytest.mark.django_db
def test_health_checks_when_all_is_well(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_readyz_names_a_broken_cache(client, settings):
    # A cache that keeps nothing answers like one that is gone: named, but the site still
    # serves (uncached), so the instance stays ready (tests/security/test_fail_safe.py).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "cache": "failed", "database": "ok"}


@pytest.mark.django_db
def test_other_errors_stay_500(settings):
    settings.ROOT_URLCONF = "tests.security.urls_boom"
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "حدث خطأ في الخادم" in response.content.decode()
