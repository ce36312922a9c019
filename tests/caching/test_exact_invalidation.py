"""A change makes stale only the responses that show what changed (articles/freshness.py):
desk-only writes keep every page; a story published keeps the pages of stories in other
sections; a withdrawn story's URL answers a 404 the edge may keep for the short max-age; the
change feed is never kept past its hold-back; a CDN is told which keys changed."""

import http.server
import json
import threading

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles import freshness, locks, publishing
from articles.desk import autosaves, previews
from articles.desk.models import Notification
from articles.models import Article
from tests.reader.stories import story

pytestmark = pytest.mark.django_db


def kept(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response


def pages(w):
    return [
        reverse("articles:home"),
        w.lead.get_absolute_url(),
        w.tagged.get_absolute_url(),
        w.local.get_absolute_url(),
        reverse("articles:archive"),
        reverse("articles:feed_rss"),
        "/sitemap-articles.xml",
        reverse("articles:search") + "?q=الدرع",
        f"/api/v1/articles/{w.lead.pk}/",
        "/api/v1/articles/",
    ]


def test_desk_only_writes_leave_every_page_kept(client, world, django_capture_on_commit_callbacks):
    editor = User.objects.create_superuser("desk-editor", password="x")
    for url in pages(world):
        kept(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        autosaves.keep(
            world.lead, editor, {"headline_ar": "عنوان يكتبه المحرر", "version": world.lead.version}
        )
        locks.acquire(world.lead, editor)
        previews.share(world.lead, editor)
        Notification.objects.create(recipient=editor, story=world.lead, kind=Notification.Kind.SUBMIT)
    for url in pages(world):
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_publish_refreshes_its_lists_and_keeps_other_sections_stories(client, world):
    other_section_story = world.tagged  # economy; the new story goes to local
    for url in pages(world):
        kept(client, url)
    new = story("خبر محلي جديد تماما", world.local, [world.fatimah], status=Article.Status.DRAFT)
    publishing.publish(new)
    for url in (
        reverse("articles:home"),
        world.local.get_absolute_url(),
        reverse("articles:archive"),
        reverse("articles:feed_rss"),
        "/api/v1/articles/",
        world.lead.get_absolute_url(),
    ):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url  # the lead's related stories are local's newest
        assert "خبر محلي جديد تماما" in response.content.decode(), url
    # A story in another section, sharing no tag: its page and related stories are unchanged.
    assert client.get(other_section_story.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get(f"/api/v1/articles/{world.lead.pk}/")["X-Page-Cache"] == "hit"


def test_an_edit_of_one_story_keeps_the_pages_that_do_not_show_it(client, world):
    for url in pages(world):
        kept(client, url)
    world.tagged.headline_ar = "عنوان اقتصادي معدل"
    world.tagged.save()
    assert "عنوان اقتصادي معدل" in client.get(world.tagged.get_absolute_url()).content.decode()
    assert "عنوان اقتصادي معدل" in client.get(reverse("articles:home")).content.decode()
    # The local section's page does not list it: kept.
    assert client.get(world.local.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_withdrawn_story_answers_a_404_the_edge_may_keep_briefly(client, world, settings):
    url, api = world.lead.get_absolute_url(), f"/api/v1/articles/{world.lead.pk}/"
    for address in (url, api):
        kept(client, address)
    publishing.withdraw(world.lead, None, "طلب قانوني")
    for address in (url, api):
        response = client.get(address)
        assert response.status_code == 404, address
        # Public for shared caches, so nginx or a CDN replaces its kept 200 with it; short, so a
        # story put back out shows again within the same few seconds; not kept by browsers.
        assert response["Cache-Control"] == (
            f"public, max-age=0, s-maxage={settings.NEWSROOM_EDGE_MAX_AGE}"
        ), address


def test_the_change_feed_is_kept_no_longer_than_its_hold_back(client, world, settings):
    settings.NEWSROOM_API_CHANGES_DELAY = 3
    settings.NEWSROOM_CACHE_MAX_AGE = 30
    response = client.get("/api/v1/changes/")
    assert "max-age=3," in response["Cache-Control"]
    article_page = client.get(world.lead.get_absolute_url())
    assert "max-age=30," in article_page["Cache-Control"]


def test_a_scheduled_story_coming_due_refreshes_its_lists(client, world):
    import datetime

    import time_machine
    from django.utils import timezone

    home = reverse("articles:home")
    kept(client, home)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3), tick=False):
        assert world.scheduled.headline_ar in client.get(home).content.decode()
        assert world.scheduled.headline_ar in client.get(world.economy.get_absolute_url()).content.decode()


class FakeCdn(http.server.BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802 (the handler's own name)
        length = int(self.headers.get("Content-Length") or 0)
        FakeCdn.received.append((self.path, dict(self.headers), self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}')

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("cdn", ["fastly", "cloudflare"])
def test_a_cdn_is_told_which_keys_changed(client, world, settings, cdn, django_capture_on_commit_callbacks):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeCdn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FakeCdn.received = []
    settings.NEWSROOM_CDN_PURGE = {
        "fastly": "articles.cdn.FastlyPurger",
        "cloudflare": "articles.cdn.CloudflarePurger",
    }[cdn]
    settings.NEWSROOM_CDN_KEY_HEADER = "Cache-Tag" if cdn == "cloudflare" else "Surrogate-Key"
    settings.NEWSROOM_CDN_API = f"http://127.0.0.1:{server.server_port}"
    settings.NEWSROOM_CDN_SERVICE = "zone-1"
    try:
        client.get(world.lead.get_absolute_url())
        page = client.get(world.lead.get_absolute_url())
        assert f"article:{world.lead.pk}" in page[settings.NEWSROOM_CDN_KEY_HEADER].split()
        with django_capture_on_commit_callbacks(execute=True):
            publishing.withdraw(world.lead, None, "طلب قانوني")
        for _ in range(50):
            if FakeCdn.received:
                break
            threading.Event().wait(0.1)
        path, headers, body = FakeCdn.received[0]
        keys = headers["Surrogate-Key"].split() if cdn == "fastly" else json.loads(body)["tags"]
        assert f"article:{world.lead.pk}" in keys and freshness.ALL_LISTS in keys
        assert "zone-1" in path
    finally:
        server.shutdown()
