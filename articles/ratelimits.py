"""Who the client is (its address behind the trusted proxies), and per-client rate limits
(the content API, the search page) that hold under concurrency and survive a cache outage.

Each client has one counter per window (a minute for "600/minute"), raised with the cache's
atomic increment (Redis INCR; the in-memory cache under its lock), so 64 simultaneous
requests cannot all read "599" and all pass. A request is allowed while

    previous window's count × the share of it still inside the last period + this window's count

is within the limit (a sliding window estimated from two counters, so a client cannot spend
the limit at the end of one window and again at the start of the next). Refused requests
count too: a client that keeps hammering stays refused.

When the cache cannot be reached (Redis down), counting goes on in this process's memory
instead of failing the request: each worker then enforces the limit on its own, so a client
spread over N workers gets at most N × the limit until the cache is back. That is logged,
once a minute per process, and the cache is tried again only every RETRY_SECONDS, so an
unreachable Redis does not cost each request a connection timeout here.
"""

import logging
import math
import re
import threading
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("articles.ratelimits")

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def client_address(request):
    """The client's address, which every per-client limit counts against: the API, search and
    login failures (AXES_CLIENT_IP_CALLABLE).

    Behind NEWSROOM_PROXY_COUNT proxies, each appending the address it saw, the client is that
    many entries from the right of X-Forwarded-For, as Django REST framework counts for the
    API. Entries further left are the client's own words and are never trusted.
    """
    proxies = settings.NEWSROOM_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies and hops:
        return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR")


def parse_rate(rate):
    """ "600/minute" → (600, 60): as Django REST framework writes rates (first letter counts)."""
    count, _slash, period = rate.partition("/")
    return int(count), PERIODS[period.strip()[0].lower()]


class _LocalCounters:
    """The fallback while the shared cache is down: counters in this process's memory."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}

    def hit(self, key, previous_key, window):
        with self.lock:
            # Only the current and the previous window are ever read: forget the rest.
            if len(self.counts) > 10000:
                self.counts = {k: v for k, v in self.counts.items() if k[1] >= window - 1}
            self.counts[key] = self.counts.get(key, 0) + 1
            return self.counts[key], self.counts.get(previous_key, 0)


RETRY_SECONDS = 5
_local = _LocalCounters()
_outage = {"logged": 0.0, "until": 0.0}  # when the outage was last logged; cache skipped until


def _cache_key(scope, client, window):
    # An address has hex digits, dots and colons only; anything else (a client's own
    # X-Forwarded-For entry) must not make an unusable or enormous cache key.
    client = re.sub(r"[^0-9A-Za-z.:]", "_", str(client))[:64]
    return f"rate:{scope}:{client}:{window}"


def _shared_hit(key, previous_key, period):
    cache_key = _cache_key(*key)
    cache.add(cache_key, 0, timeout=2 * period + 1)
    try:
        current = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: start it again
        cache.add(cache_key, 0, timeout=2 * period + 1)
        current = cache.incr(cache_key)
    previous = cache.get(_cache_key(*previous_key)) or 0
    return current, previous


class RateLimit:
    """`RateLimit("api", "600/minute").hit(client)`: None when allowed, else the seconds to wait."""

    def __init__(self, scope, rate):
        self.scope = scope
        self.limit, self.period = parse_rate(rate)

    def hit(self, client, now=None):
        now = time.time() if now is None else now
        window = int(now // self.period)
        elapsed = now - window * self.period
        key, previous_key = (self.scope, client, window), (self.scope, client, window - 1)
        counts = None
        if time.monotonic() >= _outage["until"]:
            try:
                counts = _shared_hit(key, previous_key, self.period)
            except Exception as error:  # the cache is down: count here rather than answer 500
                _outage["until"] = time.monotonic() + RETRY_SECONDS
                if time.monotonic() - _outage["logged"] > 60 or not _outage["logged"]:
                    _outage["logged"] = time.monotonic()
                    logger.warning("rate limits counted per process: the cache is unreachable (%s)", error)
        current, previous = counts or _local.hit(key, previous_key, window)
        share = 1 - elapsed / self.period
        if previous * share + current <= self.limit:
            return None
        return self._wait(current, previous, elapsed)

    def _wait(self, current, previous, elapsed):
        """Seconds until the estimate is back within the limit, if the client stops asking."""
        if current <= self.limit:
            # The previous window's share must shrink: previous × (1 - (elapsed + w)/period) ≤ room.
            room = self.limit - current
            wait = self.period * (1 - room / previous) - elapsed
        else:
            # Wait for this window to end, then for its count to shrink the same way.
            wait = (self.period - elapsed) + self.period * (1 - self.limit / current)
        return max(1, math.ceil(wait))
