"""A rate limit per client address, counted in the shared cache so every server process
sees the same count (articles/ratelimits.py: atomic counters, a per-process fallback while
the cache is down). The rate comes from settings (NEWSROOM_API_RATE) when each request
arrives, so it can be changed without touching code. ApiMiddleware applies it to every
request under /api/, before the page cache can answer."""

from django.conf import settings

from articles.ratelimits import RateLimit, client_address


class ClientRateThrottle:
    scope = "api"

    def __init__(self):
        self.seconds_to_wait = None

    def allow_request(self, request, view):
        limit = RateLimit(self.scope, settings.NEWSROOM_API_RATE)
        self.seconds_to_wait = limit.hit(client_address(request))
        return self.seconds_to_wait is None

    def wait(self):
        return self.seconds_to_wait
