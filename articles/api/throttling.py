"""A rate limit per client address, counted in the shared cache so every server process
sees the same count. The rate comes from settings (NEWSROOM_API_RATE) when each request
arrives, so it can be changed without touching code. ApiMiddleware applies it to every
request under /api/, before the page cache can answer."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.NEWSROOM_API_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
