"""The OpenAPI document, the interactive docs page, and schemathesis fuzzing the API
against its own document with all its checks: no server error, no answer that breaks the
schema, the schema saying exactly what the API accepts."""

import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from articles.api import pagination

EXAMPLES = 15
EXPECTED_PATHS = {
    "/api/v1/",
    "/api/v1/articles/",
    "/api/v1/articles/{id}/",
    "/api/v1/search/",
    "/api/v1/changes/",
    "/api/v1/authors/",
    "/api/v1/authors/{id}/",
    "/api/v1/sections/",
    "/api/v1/sections/{id}/",
    "/api/v1/tags/",
    "/api/v1/tags/{id}/",
    "/api/v1/awards/",
    "/api/v1/awards/{id}/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{id}/",
}


def test_openapi_document(db, api):
    status, data, _ = api("/api/v1/openapi.json")
    assert status == 200 and data["openapi"].startswith("3.")
    assert set(data["paths"]) == EXPECTED_PATHS
    for path, operations in data["paths"].items():
        assert set(operations) == {"get"}, path
        responses = operations["get"]["responses"]
        assert {"200", "400", "429"} <= set(responses), path


def test_root_lists_the_resources(db, api):
    status, data, _ = api("/api/v1/")
    assert status == 200
    for name in ("articles", "search", "changes", "authors", "sections", "tags", "awards", "organisations"):
        assert api(data[name])[0] in (200, 400), name  # search without q is a 400
    assert api(data["openapi"])[0] == 200


def test_docs_page_is_served_from_our_own_files(db, client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith("/") for url in urls), urls
    assert "<script>" not in html and "<style" not in html  # nothing inline: works under a strict CSP
    for url in urls:
        if url.startswith("/static/"):
            assert finders.find(url.removeprefix("/static/")), url
    script = client.get(next(url for url in urls if "script" in url))
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/openapi.json" in script.content.decode()
    assert not re.search(r"https?://", script.content.decode())


@pytest.fixture
def wsgi_app():
    """The API as a WSGI app, as a client reaches it. Django closes the connection at the
    end of each request, which would end the test's transaction: its test client keeps it
    open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# The kind of cursor each list signs (articles/api/pagination.py) and the values it carries.
CURSOR_KINDS = {
    "/api/v1/articles/": ("cursor", "articles", lambda: [timezone.now(), 1]),
    "/api/v1/search/": ("cursor", "search", lambda: [20]),
    "/api/v1/changes/": ("since", "changes", lambda: [timezone.now(), 1]),
    "/api/v1/authors/": ("cursor", "authors", lambda: [1]),
    "/api/v1/sections/": ("cursor", "sections", lambda: [1]),
    "/api/v1/tags/": ("cursor", "tags", lambda: [1]),
    "/api/v1/awards/": ("cursor", "awards", lambda: [1]),
    "/api/v1/organisations/": ("cursor", "organisations", lambda: [1]),
}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda m: m.value)
def test_api_keeps_to_its_schema(world, wsgi_app, mode):
    """Every operation, a bounded number of generated requests each, with every check:
    no 5xx, documented statuses, content types and headers, answers that match the schema,
    every request the schema allows accepted (positive) and every one it forbids refused
    (negative: an empty `lang=`, `limit=0`, `q=`, …)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(EXPECTED_PATHS)
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # A cursor is signed, so no schema can tell a real one from a made-up string: a
            # schema-valid request carries a real one, as a client copies it from `next`.
            name, kind, values = CURSOR_KINDS.get(case.operation.path, (None, None, None))
            if mode is GenerationMode.POSITIVE and case.query and name in case.query:
                case.query[name] = pagination.encode(kind, *values())
            case.call_and_validate()

        check()
