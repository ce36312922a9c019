"""Purging a CDN by key, for a site with a CDN in front of nginx (NEWSROOM_CDN).

Every kept response carries the keys of what it shows (articles/freshness.py) in a header
the CDN indexes (Fastly's Surrogate-Key, Cloudflare's Cache-Tag); when those keys change,
the purger asks the CDN to drop every response tagged with them. Sent from a background
thread after the change commits, so an editor's request never waits for the CDN; a failure
is logged, and the CDN's copy then lapses with the short max-age like nginx's.
"""

import json
import logging
import threading
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)


class Purger:
    batch = 100
    default_api = ""

    def purge(self, keys):
        for start in range(0, len(keys), self.batch):
            request = self.request(keys[start : start + self.batch])
            threading.Thread(target=self._send, args=(request,), daemon=True).start()

    @property
    def api(self):
        return (settings.NEWSROOM_CDN_API or self.default_api).rstrip("/")

    @staticmethod
    def _send(request):
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                answer.read()
        except Exception:
            logger.exception("CDN purge refused or unreachable: %s", request.full_url)


class FastlyPurger(Purger):
    """Fastly: one POST per batch of surrogate keys (up to 256 a call)."""

    default_api = "https://api.fastly.com"

    def request(self, keys):
        return urllib.request.Request(
            f"{self.api}/service/{settings.NEWSROOM_CDN_SERVICE}/purge",
            method="POST",
            headers={
                "Fastly-Key": settings.NEWSROOM_CDN_TOKEN,
                "Surrogate-Key": " ".join(keys),
                "Accept": "application/json",
            },
        )


class CloudflarePurger(Purger):
    """Cloudflare: purge by Cache-Tag (30 tags a call)."""

    batch = 30
    default_api = "https://api.cloudflare.com/client/v4"

    def request(self, keys):
        return urllib.request.Request(
            f"{self.api}/zones/{settings.NEWSROOM_CDN_SERVICE}/purge_cache",
            method="POST",
            data=json.dumps({"tags": list(keys)}).encode(),
            headers={
                "Authorization": f"Bearer {settings.NEWSROOM_CDN_TOKEN}",
                "Content-Type": "application/json",
            },
        )
