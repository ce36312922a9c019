"""Revalidation (ETag, Last-Modified → 304), caching headers and CORS."""

from articles import publishing
from articles.models import Article


def test_etag_and_304(world, api):
    status, _, response = api("/api/v1/articles/")
    etag = response["ETag"]
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    status, _, again = api("/api/v1/articles/", if_none_match=etag)
    assert status == 304 and again.content == b"" and again["ETag"] == etag
    # Another language is another representation.
    assert api("/api/v1/articles/?lang=en", if_none_match=etag)[0] == 200


def test_last_modified_and_if_modified_since(world, api):
    url = f"/api/v1/articles/{world.lead.pk}/"
    _, _, response = api(url)
    assert api(url, if_modified_since=response["Last-Modified"])[0] == 304
    assert api(url, if_modified_since="Mon, 01 Jan 2001 00:00:00 GMT")[0] == 200


def test_an_edit_changes_the_answer_at_once(world, api):
    url = f"/api/v1/articles/{world.lead.pk}/"
    _, data, response = api(url)
    article = Article.objects.get(pk=world.lead.pk)
    article.headline_ar = "عنوان بعد التعديل"
    publishing.note_edit(article)
    article.save()
    status, edited, _ = api(url, if_none_match=response["ETag"])
    assert status == 200 and edited["headline"] == "عنوان بعد التعديل"
    assert edited["revised_at"] is not None
    assert api("/api/v1/articles/")[1]["results"][0]["headline"] == "عنوان بعد التعديل"


def test_a_withdrawal_is_visible_at_once(world, api):
    url = f"/api/v1/articles/{world.lead.pk}/"
    assert api(url)[0] == 200
    publishing.withdraw(Article.objects.get(pk=world.lead.pk), None, "")
    assert api(url)[0] == 404
    assert world.lead.pk not in [a["id"] for a in api("/api/v1/articles/")[1]["results"]]


def test_cors_for_any_origin_without_credentials(world, client):
    response = client.get("/api/v1/articles/", headers={"Origin": "https://partner.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/articles/",
        headers={
            "Origin": "https://partner.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_errors_are_not_cached(world, api):
    _, _, response = api("/api/v1/articles/?since=bad")
    assert "no-store" in response["Cache-Control"]


def test_each_client_gets_its_own_language_from_the_same_url(world, api):
    # Asked first in English by header, then in Arabic: a cache keyed on the URL must not
    # hand the English answer to the Arabic client.
    url = f"/api/v1/articles/{world.lead.pk}/"
    assert api(url, accept_language="en-GB,en;q=0.8")[1]["language"] == "en"
    assert api(url, accept_language="ar-SA")[1]["language"] == "ar"
    assert api(url)[1]["language"] == "ar"
    assert api(url, accept_language="fr, en;q=0.5")[1]["language"] == "en"
