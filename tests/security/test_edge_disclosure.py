"""The shipped nginx does not disclose its version (Server: nginx, not nginx/1.22.1), on
pages, static files and its own error pages; its own 413 is the app's Arabic page."""

import http.client
from urllib.parse import urlsplit

from .servers import fetch
from .test_media_in_production import production_stack  # noqa: F401  (the fixture, shared)


def test_nginx_does_not_say_its_version(production_stack):  # noqa: F811
    edge, _app, story_url = production_stack
    for path in (story_url, "/static/css/site.css", "/media/no-such-picture.jpg", "/healthz"):
        status, headers, body = fetch(edge + path)
        assert headers["Server"] == "nginx", (path, headers["Server"])
        assert b"nginx/" not in body, path


def test_nginx_answers_a_body_too_large_with_the_arabic_413(production_stack):  # noqa: F811
    edge, _app, _story_url = production_stack
    address = urlsplit(edge)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    # Over client_max_body_size (12m): nginx refuses on the announced length, before any body.
    connection.putrequest("POST", "/admin/login/")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(20 * 1024 * 1024))
    connection.endheaders()
    response = connection.getresponse()
    page = response.read().decode()
    connection.close()
    assert response.status == 413
    assert response.headers["Server"] == "nginx"
    assert "ما أُرسل أكبر مما نقبل" in page and 'lang="ar"' in page and "nginx" not in page
