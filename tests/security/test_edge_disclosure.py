"""The shipped nginx does not disclose its version (Server: nginx, not nginx/1.22.1), on
pages, static files and its own error pages."""

from .servers import fetch
from .test_media_in_production import production_stack  # noqa: F401  (the fixture, shared)


def test_nginx_does_not_say_its_version(production_stack):  # noqa: F811
    edge, _app, story_url = production_stack
    for path in (story_url, "/static/css/site.css", "/media/no-such-picture.jpg", "/healthz"):
        status, headers, body = fetch(edge + path)
        assert headers["Server"] == "nginx", (path, headers["Server"])
        assert b"nginx/" not in body, path
