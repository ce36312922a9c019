"""What a response shows, and the one rule for when something kept is stale.

Readers' responses (pages, feeds, sitemaps, API answers, search) are kept by the page cache
and, in parts, by the object cache (articles/caching.py). Each one is tied to *keys* naming
what it was built from:

- a thing it shows: ``article:12``, ``section:3``, ``author:5``, ``tag:7``, ``image:9``,
  ``award:2``, ``organisation:4`` — recorded by ``get_absolute_url()`` (whatever a page
  links to, it shows) and by the picture tags, so no view has to list them;
- a list it shows, whose members change when a story goes out or is taken back:
  ``list:all`` (the front page, the archive), ``list:section:3``, ``list:author:5``,
  ``list:tag:7`` — recorded by the views that show one;
- ``stories``: any change to any public story (search results, sitemaps' lastmod, the
  change feed, award pages), and ``everything``, which every kept response carries (for
  writes that send no signals: bulk loads).

A change names the keys it touches (`changed()`): each model declares them in
``shown_keys()``, and the receivers in articles/signals.py call it; a story works out which
lists it joined or left. Each key has a version in the cache; a kept response carries the
versions it was built under and is stale as soon as one of them moves. Desk-only writes
(autosaves, locks, preview links, notifications, workflow events, versions) declare no keys
and so invalidate nothing.
"""

import contextlib
import contextvars
import functools
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

ALL_LISTS = "list:all"
STORIES = "stories"
EVERYTHING = "everything"
PREFIX = "newsroom:shown:"
LAST_CHANGE = PREFIX + "last-change"  # when anything readers see last changed (the replica's lag)

_recording = contextvars.ContextVar("newsroom_recording", default=None)


def key(instance):
    """The key of one thing readers see: ``article:12``."""
    return f"{instance._meta.model_name}:{instance.pk}"


def list_of(kind, pk):
    """The key of a list of stories: ``list:section:3``."""
    return f"list:{kind}:{pk}"


# Recording what a response shows ------------------------------------------------------


class Recording:
    def __init__(self):
        self.keys = {EVERYTHING}
        self.lifetime = None  # seconds at most, when what it shows must not be kept longer
        # Shows every public story (a sitemap, search): STORIES covers each one, so their
        # own keys (thousands on a sitemap page) are not kept.
        self.every_story = False

    def add(self, keys):
        if self.every_story:
            keys = [name for name in keys if not name.startswith("article:")]
        self.keys.update(keys)


@contextlib.contextmanager
def recording():
    """Collect the keys recorded while the block runs; an enclosing recording gets them too
    (a kept part of a page belongs to the page)."""
    outer = _recording.get()
    current = Recording()
    token = _recording.set(current)
    try:
        yield current
    finally:
        _recording.reset(token)
        if outer is not None:
            outer.add(current.keys)
            keep_at_most(current.lifetime, into=outer)


def record(*keys):
    """This response shows these keys. Outside a recording (the desk, commands): nothing."""
    current = _recording.get()
    if current is not None:
        current.add(keys)


def record_instance(instance):
    current = _recording.get()
    if current is not None and instance.pk is not None:
        current.add([key(instance)])


def record_every_story():
    """This response shows the whole public archive (or any of it): any story's change
    makes it stale."""
    current = _recording.get()
    if current is not None:
        current.every_story = True
        current.keys = {name for name in current.keys if not name.startswith("article:")}
        current.keys.add(STORIES)


def showing_every_story(view):
    """A view decorator for record_every_story() (sitemaps, search, the change feed)."""

    @functools.wraps(view)
    def showing(request, *args, **kwargs):
        record_every_story()
        return view(request, *args, **kwargs)

    return showing


def keep_at_most(seconds, into=None):
    """What this response shows must not be kept longer than `seconds` (the change feed holds
    back its newest seconds: its answer is only right for that long)."""
    current = into or _recording.get()
    if current is not None and seconds is not None:
        current.lifetime = seconds if current.lifetime is None else min(current.lifetime, seconds)


# The versions of keys ------------------------------------------------------------------


def _token(at):
    return f"{at:.6f}-{uuid.uuid4().hex[:8]}"


def changed_at(token):
    """When the change that set this version was made (epoch seconds)."""
    return float(token.split("-", 1)[0])


def versions(keys):
    """{key: version} for these keys, one cache round trip; a key never changed (or forgotten
    by the cache) gets a version now, so nothing kept under an older one can match it."""
    names = {PREFIX + name: name for name in keys}
    found = cache.get_many(list(names))
    missing = [name for name in names if name not in found]
    for name in missing:
        # Dated 0: nothing changed it that a response being built now could have missed.
        token = _token(0.0)
        if not cache.add(name, token, None):
            token = cache.get(name) or token
        found[name] = token
    return {names[name]: token for name, token in found.items()}


def _bump(keys, purge=False):
    now = time.time()
    tokens = {PREFIX + name: _token(now) for name in keys}
    tokens[LAST_CHANGE] = now
    try:
        cache.set_many(tokens, None)
    except Exception:  # the cache is down: pages are served uncached meanwhile
        logger.exception("could not mark %d keys changed", len(keys))
    if purge:
        _purge_edge(keys)


def changed(*keys):
    """Whatever shows these keys is stale: now, so this process's next read is fresh even
    inside the transaction, and again after the commit, so a response another process built
    from the old rows in between is not kept."""
    keys = {name for name in keys if name}
    if not keys:
        return
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys, purge=True))


def everything_changed():
    """For writes that send no signals (bulk inserts): every kept response is stale."""
    changed(EVERYTHING)


def last_change():
    try:
        return cache.get(LAST_CHANGE) or 0.0
    except Exception:
        return time.time()


_purger = None


def _purge_edge(keys):
    """Tell a CDN which keys changed (NEWSROOM_CDN_PURGE names the purger, articles/cdn.py;
    off by default: nginx keeps pages only for the short max-age and obeys the app's 404s)."""
    global _purger
    path = getattr(settings, "NEWSROOM_CDN_PURGE", "")
    if not path:
        return
    if _purger is None or _purger[0] != path:
        _purger = (path, import_string(path)())
    try:
        _purger[1].purge(sorted(keys))  # EVERYTHING included: every response carries it
    except Exception:
        logger.exception("CDN purge failed")


# Scheduled stories --------------------------------------------------------------------
# A scheduled story goes out with no write at all: the page cache (articles/caching.py)
# keeps the time the next one comes due and, once it has passed, marks what those stories
# change. A story scheduled, moved or pulled forgets the kept time so it is read again.

NEXT_DUE = PREFIX + "next-due"
DUE_CHECKED = PREFIX + "due-checked"


def schedule_changed(next_due):
    """A story was scheduled, moved or pulled: keep the new time the next one comes due
    (`next_due()` reads it), now and again once the change commits."""

    def keep():
        try:
            cache.set(NEXT_DUE, {"at": next_due()}, None)
        except Exception:
            logger.exception("could not keep the next scheduled time")

    keep()
    transaction.on_commit(keep)
