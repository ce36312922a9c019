"""The full-page cache for anonymous readers, and the one rule for when a page is stale.

The rule: every cached page is keyed by a site-wide *content version*. Whatever changes
what readers see (a story published, scheduled, edited while live, corrected or withdrawn;
an author, section, tag, award, organisation or picture edited) bumps the version through
the model signals connected in `connect_signals()`, so the admin, the commands, the importer
and any worker all invalidate every page at once, with no list of URLs to guess.

A scheduled story needs no writer at all: the version's state also holds the time the next
scheduled story comes due; the first request after it bumps the version, and no page (here
or in a browser or at the edge) is kept past that time.

Pages live in Django's default cache (Redis when REDIS_URL is set, otherwise a file cache
every process on the machine shares). If the cache fails, the site serves pages uncached.
"""

import hashlib
import logging
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from . import languages, replica
from .models import Article

logger = logging.getLogger(__name__)

STATE_KEY = "newsroom:content-state"
PUBLISHED = Article.Status.PUBLISHED
# Desk-only records: nothing a reader sees changes when they do.
DESK_ONLY_MODELS = {"workflowevent", "editlock"}
# Response headers a page may vary on and still be shared: the language is in the key,
# and cookie-carrying requests never reach the cache.
SHAREABLE_VARY = {"accept-language", "cookie", "accept-encoding"}
CACHEABLE_STATUS = {200, 301}


# The content version ------------------------------------------------------------------


def _next_due():
    """Epoch seconds when the next scheduled story comes out (None when none is waiting)."""
    when = (
        Article.objects.scheduled().order_by("published_at")
        .values_list("published_at", flat=True).first()
    )
    return when.timestamp() if when else None


def _new_state():
    return {"version": uuid.uuid4().hex, "changed_at": time.time(), "next_due": _next_due()}


def bump():
    """Start a new content version: every cached page is stale from now on."""
    state = _new_state()
    try:
        cache.set(STATE_KEY, state, None)
    except Exception:  # the cache is down: pages are served uncached meanwhile
        logger.exception("could not store a new content version")
    return state


def current_state():
    """The version pages are keyed by; bumped here when a scheduled story has come due."""
    state = cache.get(STATE_KEY)
    if state is None:
        state = _new_state()
        if not cache.add(STATE_KEY, state, None):
            state = cache.get(STATE_KEY) or state
    elif state["next_due"] is not None and time.time() >= state["next_due"]:
        state = bump()
    return state


def content_changed():
    """Call after (or instead of a signal for) any write readers will see, e.g. bulk writes.

    Bumped now, so this process's next read is fresh even inside the transaction, and again
    after the commit, so a page another process rendered from the old rows in between is
    not kept."""
    bump()
    transaction.on_commit(bump)


def current_version():
    """The content version, for keys of anything kept under it; a fresh one (kept nowhere,
    so nothing is reused) when the cache is down."""
    try:
        return current_state()["version"]
    except Exception:
        logger.exception("content version unavailable")
        return uuid.uuid4().hex


def kept(version, build, *parts):
    """`build()`'s value, kept in the cache under the content `version`: an object cache for
    what a page is made of (a story and its related stories), so a page rendered with the
    page cache off, or for a key the page cache does not hold yet, skips the queries. The
    same rule as pages: any change readers would see starts a new version, and a scheduled
    story's time starts one too (`current_state`). `parts` name the value."""
    if not settings.NEWSROOM_OBJECT_CACHE:
        return build()
    key = f"newsroom:object:{version}:" + ":".join(str(part) for part in parts)
    try:
        value = cache.get(key)
    except Exception:
        logger.exception("object cache unavailable; building")
        return build()
    if value is None:
        value = build()
        try:
            cache.set(key, value, settings.NEWSROOM_PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("could not keep an object")
    return value


# Signals: one receiver set for every model readers see --------------------------------


def _story_is_out(article_id):
    return Article.objects.filter(pk=article_id, status=PUBLISHED).exists()


def _article_before_save(sender, instance, **kwargs):
    # A draft saved again is invisible unless it was published until now (taken back).
    instance._was_published = bool(
        instance.pk and instance.status != PUBLISHED and _story_is_out(instance.pk)
    )


def _article_changed(sender, instance, **kwargs):
    if instance.status == PUBLISHED or getattr(instance, "_was_published", False):
        content_changed()


def _part_of_story_changed(sender, instance, **kwargs):
    """A byline or a correction: only stories readers can see matter."""
    if _story_is_out(instance.article_id):
        content_changed()


def _reader_model_changed(sender, instance, **kwargs):
    content_changed()


def _links_changed(sender, instance, action, reverse, **kwargs):
    if sender._meta.app_label != "articles" or not action.startswith("post_"):
        return
    if isinstance(instance, Article) and instance.status != PUBLISHED:
        return
    content_changed()


def connect_signals():
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

    from .models import Byline, Correction

    pre_save.connect(_article_before_save, sender=Article, dispatch_uid="cache-article-pre")
    handlers = {Article: _article_changed, Byline: _part_of_story_changed,
                Correction: _part_of_story_changed}
    for model in apps.get_app_config("articles").get_models():
        if model._meta.model_name in DESK_ONLY_MODELS:
            continue
        handler = handlers.get(model, _reader_model_changed)
        uid = f"cache-{model._meta.model_name}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}-deleted")
    m2m_changed.connect(_links_changed, dispatch_uid="cache-links")


# The middleware -----------------------------------------------------------------------


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
        if not self.enabled:
            if self._shareable(request):  # no cache to keep a lagging replica's page
                with replica.public_reads():
                    return self.get_response(request)
            return self.get_response(request)
        if not self._shareable(request):
            return self._private(self.get_response(request))
        try:
            state = current_state()
            key = self._key(request, state)
            entry = cache.get(key)
        except Exception:
            logger.exception("page cache unavailable; serving uncached")
            return self._private(self.get_response(request))
        if entry is not None:
            response = self._rebuild(entry)
            response["X-Page-Cache"] = "hit"
        else:
            # From the read replica, unless the content changed too recently for it to have caught up.
            settled = time.time() - state["changed_at"] >= settings.NEWSROOM_REPLICA_LAG_SECONDS
            with replica.public_reads(allowed=settled):
                response = self.get_response(request)
            if not self._storable(request, response):
                return self._private(response)
            entry = self._entry(response)
            try:
                cache.set(key, entry, self._lifetime(state, settings.NEWSROOM_PAGE_CACHE_SECONDS))
            except Exception:
                logger.exception("could not store a page")
            response["X-Page-Cache"] = "miss"
        return self._public(request, response, entry, state)

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

    def _key(self, request, state):
        where = "\n".join((request.scheme, request.get_host(), get_language() or "",
                           request.get_full_path()))
        return f"newsroom:page:{state['version']}:{hashlib.sha256(where.encode()).hexdigest()}"

    def _storable(self, request, response):
        if response.status_code not in CACHEABLE_STATUS:
            return False
        if response.streaming or response.cookies or response.has_header("Content-Encoding"):
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False
        if response.has_header("Cache-Control"):
            return False  # the view decided for itself (never_cache, private, …)
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return vary <= SHAREABLE_VARY

    @staticmethod
    def _entry(response):
        return {
            "status": response.status_code,
            "content": response.content,
            "headers": [(k, v) for k, v in response.items() if k.lower() != "set-cookie"],
            "etag": f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
        }

    @staticmethod
    def _rebuild(entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        return response

    @staticmethod
    def _lifetime(state, ceiling):
        """Seconds a page may be kept: never past the next scheduled story's time."""
        if state["next_due"] is None:
            return ceiling
        return max(0, min(ceiling, int(state["next_due"] - time.time())))

    def _public(self, request, response, entry, state):
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(state["changed_at"])
        max_age = self._lifetime(state, settings.NEWSROOM_CACHE_MAX_AGE)
        # A stale copy may be served while it is refetched, but never past the next story's time.
        stale = self._lifetime(state, max_age + settings.NEWSROOM_CACHE_STALE_SECONDS) - max_age
        response["Cache-Control"] = f"public, max-age={max_age}, stale-while-revalidate={stale}"
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=int(state["changed_at"]), response=response,
        )

    @staticmethod
    def _private(response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response
