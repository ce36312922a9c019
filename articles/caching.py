"""The full-page cache for anonymous readers, the object cache behind it, and the headers
that tell the edge (nginx, a CDN) and browsers how long to keep a response.

What makes a kept response stale is decided in one place, articles/freshness.py: a response
is kept with the versions of the keys it showed (the stories, sections, authors, tags,
pictures and lists it was built from), and is served again only while none of them has
moved. A story withdrawn moves its own key and the lists it stood in, so its page, the
front page, its section and the feeds are rebuilt; every other page stays kept. Writes only
the desk sees (autosaves, locks, preview links, notifications) move nothing.

The edge keeps what the app marks public for NEWSROOM_CACHE_MAX_AGE seconds (s-maxage for
shared caches), and the answer for a page that has gone (404, 410) is public for that long
too, so a kept copy of a withdrawn story is replaced, never served on while the edge
refreshes it (docs/deployment.md). A scheduled story needs no writer: the time the next one
comes due is kept here; the first request after it marks what it changes, and no response is
kept past that time.

Pages live in Django's default cache (Redis when REDIS_URL is set, otherwise a file cache
every process on the machine shares). If the cache fails, the site serves pages uncached.
"""

import datetime
import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from . import freshness, languages, replica
from .models import Article

logger = logging.getLogger(__name__)

# Response headers a page may vary on and still be shared: the language is in the key,
# and cookie-carrying requests never reach the cache.
SHAREABLE_VARY = {"accept-language", "cookie", "accept-encoding"}
CACHEABLE_STATUS = {200, 301}
GONE_STATUS = {404, 410}  # public for the short max-age only: they replace a kept page at the edge
STATS_KEY = "newsroom:page-cache-stats:"


# Scheduled stories ---------------------------------------------------------------------


def next_due(kept_time=None):
    """The time the next scheduled story comes due; when it has passed, the stories that came
    out since the last look mark the lists they joined (they had no write to do it)."""
    now = time.time()
    if kept_time is None:
        kept_time = {"at": Article.objects.next_due()}
        cache.set(freshness.NEXT_DUE, kept_time, None)
    if kept_time["at"] is None or now < kept_time["at"]:
        return kept_time["at"]
    since = cache.get(freshness.DUE_CHECKED) or kept_time["at"] - 1
    came_out = Article.objects.published().filter(
        published_at__gt=datetime.datetime.fromtimestamp(since, tz=datetime.UTC),
        published_at__lte=timezone.now(),
    )
    touched = set()
    for story in came_out.only("pk", "status", "published_at", "section_id"):
        touched |= story.shown_keys(before=None)
    freshness.changed(*touched)
    cache.set(freshness.DUE_CHECKED, now, None)
    kept_time = {"at": Article.objects.next_due()}
    cache.set(freshness.NEXT_DUE, kept_time, None)
    return kept_time["at"]


def _lifetime(ceiling, due, shown=None):
    """Seconds a response may be kept: never past the next scheduled story's time, nor past
    what the response itself allows (the change feed's hold-back)."""
    if shown is not None and shown.lifetime is not None:
        ceiling = min(ceiling, shown.lifetime)
    if due is None:
        return ceiling
    return max(0, min(ceiling, int(due - time.time())))


# The object cache ----------------------------------------------------------------------


def kept(build, *parts):
    """`build()`'s value, kept in the cache while nothing it shows has changed: an object cache
    for what a page is made of (a story and its related stories, its rendered part), so a page
    rendered with the page cache off, or for a key the page cache does not hold yet, skips the
    queries. The keys `build()` records are kept with it and recorded again when it is reused,
    so the page around it is tied to them too. `parts` name the value."""
    if not settings.NEWSROOM_OBJECT_CACHE:
        return build()
    key = "newsroom:object:" + ":".join(str(part) for part in parts)
    try:
        entry = cache.get(key)
        if entry is not None and freshness.versions(entry["versions"]) == entry["versions"]:
            freshness.record(*entry["versions"])
            freshness.keep_at_most(entry["lifetime"])
            return entry["value"]
    except Exception:
        logger.exception("object cache unavailable; building")
        return build()
    started = time.time()
    with freshness.recording() as shown:
        value = build()
    _keep(
        key,
        {"value": value, "lifetime": shown.lifetime},
        shown,
        started,
        settings.NEWSROOM_PAGE_CACHE_SECONDS,
    )
    return value


def _keep(key, entry, shown, started, ceiling):
    """Store `entry` with the versions of what it showed, unless one of them moved while it
    was being built (it may hold the old rows)."""
    try:
        versions = freshness.versions(shown.keys)
        if max(map(freshness.changed_at, versions.values())) >= started:
            return None
        due = cache.get(freshness.NEXT_DUE, {}).get("at")
        lifetime = _lifetime(ceiling, due, shown)
        # A response right only for a few seconds (the change feed) is left to the edge alone:
        # kept here too, the two lifetimes would add up past what it allows.
        if lifetime > 0 and shown.lifetime is None:
            cache.set(key, {**entry, "versions": versions}, lifetime)
        return versions
    except Exception:
        logger.exception("could not keep %s", key)
        return None


# The middleware ------------------------------------------------------------------------


def _preview_path():
    prefixes = "|".join(re.escape(code) for code in languages.codes())
    return re.compile(rf"^/(?:(?:{prefixes})/)?preview/")


class PageCacheMiddleware:
    """Serve anonymous GETs from the cache; answer 304 when the reader's copy is current.

    Bypassed (and marked private): other methods, the admin, previews, and any request that
    carries a session, messages or credentials. Not stored: responses that set cookies, use
    a CSRF token, or vary on anything but the language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.NEWSROOM_PAGE_CACHE
        self.preview = _preview_path()
        self.private_cookies = {settings.SESSION_COOKIE_NAME, "messages"}
        self.admin_path = None

    def __call__(self, request):
        if not self._shareable(request):
            return self._private(self.get_response(request))
        if not self.enabled:  # no cache to keep a lagging replica's page
            with replica.public_reads():
                return self.get_response(request)
        try:
            key = self._key(request)
            found = cache.get_many([key, freshness.NEXT_DUE, freshness.LAST_CHANGE])
            due = next_due(found.get(freshness.NEXT_DUE))
            entry = found.get(key)
            if entry is not None and freshness.versions(entry["versions"]) != entry["versions"]:
                entry = None
        except Exception:
            logger.exception("page cache unavailable; serving uncached")
            return self._private(self.get_response(request))
        if entry is not None:
            self._count("hit")
            response = self._rebuild(entry)
            response["X-Page-Cache"] = "hit"
            return self._public(request, response, entry, None, due)
        self._count("miss")
        started = time.time()
        # From the read replica, unless the content changed too recently for it to have caught up.
        settled = started - found.get(freshness.LAST_CHANGE, 0.0) >= settings.NEWSROOM_REPLICA_LAG_SECONDS
        with replica.public_reads(allowed=settled), freshness.recording() as shown:
            response = self.get_response(request)
        if not self._storable(request, response):
            return self._public(request, response, None, shown, due)
        entry = self._entry(response, shown)
        entry["versions"] = _keep(key, entry, shown, started, settings.NEWSROOM_PAGE_CACHE_SECONDS) or {}
        response["X-Page-Cache"] = "miss"
        return self._public(request, response, entry, shown, due)

    def _shareable(self, request):
        if request.method not in ("GET", "HEAD"):
            return False
        path = request.path_info
        if path.startswith(self._admin_path()) or self.preview.match(path):
            return False
        if "HTTP_AUTHORIZATION" in request.META:
            return False
        return not self.private_cookies.intersection(request.COOKIES)

    def _admin_path(self):
        if self.admin_path is None:  # the URLconf is only ready once requests arrive
            self.admin_path = reverse("admin:index")
        return self.admin_path

    @staticmethod
    def _key(request):
        where = "\n".join((request.scheme, request.get_host(), get_language() or "", request.get_full_path()))
        return f"newsroom:page:{hashlib.sha256(where.encode()).hexdigest()}"

    @staticmethod
    def _shareable_response(request, response):
        if response.streaming or response.cookies or response.has_header("Content-Encoding"):
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False
        if response.has_header("Cache-Control"):
            return False  # the view decided for itself (never_cache, private, …)
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return vary <= SHAREABLE_VARY

    def _storable(self, request, response):
        return response.status_code in CACHEABLE_STATUS and self._shareable_response(request, response)

    @staticmethod
    def _entry(response, shown):
        return {
            "status": response.status_code,
            "content": response.content,
            "headers": [(k, v) for k, v in response.items() if k.lower() != "set-cookie"],
            "etag": f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
            "lifetime": shown.lifetime,
        }

    @staticmethod
    def _rebuild(entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        return response

    def _public(self, request, response, entry, shown, due):
        """Headers for browsers and the edge on a shareable answer: a kept page's validators
        and max-age; a gone page public for the max-age only; anything else private."""
        gone = response.status_code in GONE_STATUS and self._shareable_response(request, response)
        if (
            entry is None
            and not gone
            and not (response.status_code in CACHEABLE_STATUS and self._shareable_response(request, response))
        ):
            return self._private(response)
        lifetime = entry.get("lifetime") if entry else (shown.lifetime if shown else None)
        max_age = _lifetime(settings.NEWSROOM_CACHE_MAX_AGE, due)
        if lifetime is not None:
            max_age = min(max_age, lifetime)
        # Shared caches (nginx, a CDN) keep it a little less: their copy plus one refresh must
        # stay within the 5 s a change may take to reach readers.
        edge = min(max_age, settings.NEWSROOM_EDGE_MAX_AGE)
        if gone:
            # Shared caches keep it (it replaces their copy of the page); browsers do not, so a
            # reader who came too early sees the story as soon as it is out.
            response["Cache-Control"] = f"public, max-age=0, s-maxage={edge}"
            return response
        # A stale copy may be served while it is refetched, but never past the next story's time.
        stale = _lifetime(max_age + settings.NEWSROOM_CACHE_STALE_SECONDS, due) - max_age
        response["Cache-Control"] = (
            f"public, max-age={max_age}, s-maxage={edge}, stale-while-revalidate={stale}"
        )
        keys = entry.get("versions") if entry else None
        if keys and settings.NEWSROOM_CDN_PURGE:
            response[settings.NEWSROOM_CDN_KEY_HEADER] = " ".join(sorted(keys))
        if entry is None:
            return response
        changed = max(map(freshness.changed_at, keys.values()), default=0.0) if keys else time.time()
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(changed)
        return get_conditional_response(
            request,
            etag=entry["etag"],
            last_modified=int(changed),
            response=response,
        )

    @staticmethod
    def _private(response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def _count(outcome):
        """Hits and misses, for the newsroom-day benchmark (NEWSROOM_CACHE_STATS; off by default)."""
        if settings.NEWSROOM_CACHE_STATS:
            try:
                cache.incr(STATS_KEY + outcome)
            except ValueError:
                cache.add(STATS_KEY + outcome, 0, None)
                cache.incr(STATS_KEY + outcome)
            except Exception:
                logger.exception("could not count a page-cache %s", outcome)
