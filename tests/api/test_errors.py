"""Bad input is a 400 naming the parameter, unknown things a 404, too many requests a 429:
always JSON with the message in Arabic and English, never a 500 (PostgreSQL included)."""

import pytest

from articles.api import pagination
from tests.api.conftest import ids


def assert_error(result, status, code, parameter=None):
    got, data, response = result
    assert got == status, data
    assert response["Content-Type"] == "application/json"
    assert data["status"] == status and data["code"] == code
    assert data["message"]["ar"] and data["message"]["en"] and data["message"]["ar"] != data["message"]["en"]
    if parameter:
        assert data["parameter"] == parameter
    return data


BAD = [
    ("/api/v1/articles/?since=yesterday", "since"),
    ("/api/v1/articles/?until=2021-13-45", "until"),
    ("/api/v1/articles/?since=99999-01-01", "since"),
    ("/api/v1/articles/?until=", "until"),
    ("/api/v1/articles/?since=%202021-12-08", "since"),
    ("/api/v1/articles/?cursor=not-a-cursor", "cursor"),
    ("/api/v1/articles/?section=%00", "section"),
    ("/api/v1/articles/?tag=a%00b", "tag"),
    ("/api/v1/search/?q=%D8%A3%00", "q"),
    ("/api/v1/articles/?author=" + "9" * 30, "author"),
    ("/api/v1/articles/?award=" + "x" * 5000, "award"),
    ("/api/v1/articles/?limit=0", "limit"),
    ("/api/v1/articles/?limit=" + "9" * 40, "limit"),
    ("/api/v1/articles/?limit=-1", "limit"),
    ("/api/v1/articles/?limit=", "limit"),
    ("/api/v1/articles/?limit=%205", "limit"),
    ("/api/v1/articles/?lang=fr", "lang"),
    ("/api/v1/articles/?lang=", "lang"),
    ("/api/v1/sections/?lang=AR", "lang"),
    ("/api/v1/articles/?language=", "language"),
    ("/api/v1/articles/?language=xx", "language"),
    ("/api/v1/tags/?lang=%00", "lang"),
    ("/api/v1/changes/?since=abc", "since"),
    ("/api/v1/search/?q=", "q"),
    ("/api/v1/search/?q=" + "كلمة%20" * 60, "q"),
    ("/api/v1/search/?q=%20%20", "q"),
    ("/api/v1/search/?q=" + "x" * 199 + "%20%20", "q"),  # over 200 as typed, spaces too
    ("/api/v1/authors/?unknown=%00", "unknown"),
]


@pytest.mark.parametrize("url,parameter", BAD)
def test_bad_parameters_are_400_json(db, api, url, parameter):
    assert_error(api(url), 400, "bad_parameter", parameter)


def test_a_cursor_cannot_be_forged_or_reused_elsewhere(db, api):
    # A cursor for one list (or with edited values) is refused, not trusted.
    tag_cursor = pagination.encode("tags", 1)
    assert_error(api(f"/api/v1/articles/?cursor={tag_cursor}"), 400, "bad_parameter", "cursor")
    signed = pagination.encode("articles", "not a date", 1)
    assert_error(api(f"/api/v1/articles/?cursor={signed}"), 400, "bad_parameter", "cursor")
    forged = tag_cursor[:-3] + "abc"
    assert_error(api(f"/api/v1/tags/?cursor={forged}"), 400, "bad_parameter", "cursor")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/999999/",
        "/api/v1/articles/" + "9" * 30 + "/",
        "/api/v1/authors/999999/",
        "/api/v1/sections/999999/",
        "/api/v1/tags/999999/",
        "/api/v1/awards/999999/",
        "/api/v1/organisations/999999/",
        "/api/v1/nothing-here/",
        "/api/v1/articles/abc/",
        "/api/v2/",
    ],
)
def test_unknown_things_are_404_json(world, api, url):
    result = api(url)
    if url == "/api/v2/":  # outside the API: the site's own 404 page
        assert result[0] == 404
        return
    assert_error(result, 404, "not_found")


def test_english_message(db, api):
    data = assert_error(api("/api/v1/articles/?lang=fr"), 400, "bad_parameter", "lang")
    assert data["message"]["en"] == "Unknown language. Available: ar or en."


def test_read_only(db, client):
    response = client.post("/api/v1/articles/", {"headline": "x"})
    assert response.status_code == 405 and response.json()["code"] == "method_not_allowed"


def test_too_many_requests_is_a_clear_429(world, client, settings):
    settings.NEWSROOM_API_RATE = "3/minute"
    # An address of its own, so no other test's requests count against it.
    address = "203.0.113.77"
    statuses = [client.get("/api/v1/sections/", REMOTE_ADDR=address).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/sections/", REMOTE_ADDR=address)
    data = response.json()
    assert data["code"] == "throttled" and data["retry_after"] >= 1
    assert int(response["Retry-After"]) >= 1
    assert response["Access-Control-Allow-Origin"] == "*" and "no-store" in response["Cache-Control"]
    # Another client is not affected.
    assert client.get("/api/v1/sections/", REMOTE_ADDR="203.0.113.78").status_code == 200


def test_any_real_date_is_accepted_as_the_schema_says(world, api):
    # Before 1900 or after 9000 the databases cannot compare safely; no story is there, so
    # such a moment asks the same as the earliest or latest one (it was a 400 the schema did
    # not announce).
    everything = ids(api("/api/v1/articles/?limit=100")[1])
    assert everything
    assert ids(api("/api/v1/articles/?limit=100&since=0001-01-01T00:00:00%2B14:00")[1]) == everything
    assert ids(api("/api/v1/articles/?limit=100&until=9999-12-31")[1]) == everything
    assert ids(api("/api/v1/articles/?until=0500-01-01")[1]) == []
    assert ids(api("/api/v1/articles/?since=9999-12-31T23:59:59-12:00")[1]) == []


def test_punctuation_alone_finds_nothing(world, api):
    status, data, _ = api("/api/v1/search/?q=%21%21%21")
    assert status == 200 and data["results"] == [] and data["next"] is None
