"""An optional read replica for what anonymous readers read (NEWSROOM_REPLICA_URL).

Reads go to the replica only inside `public_reads()`, which the page cache opens around
rendering a page for an anonymous GET (articles/caching.py). Everything else reads and
writes the primary: the desk, the admin, logins, POSTs, commands, and every write.

A replica lags behind the primary. A page rendered from it just after a change could be
cached under the new content version and stay stale, so the page cache opens
`public_reads()` only once the content version is older than NEWSROOM_REPLICA_LAG_SECONDS;
until then pages come from the primary. Set that above the replica's worst lag.
"""

import contextlib
import contextvars

from django.conf import settings

REPLICA = "replica"
_reading_for_the_public = contextvars.ContextVar("newsroom_public_reads", default=False)


def configured():
    return REPLICA in settings.DATABASES


@contextlib.contextmanager
def public_reads(allowed=True):
    """Within this block, reads may go to the replica (when one is configured and `allowed`)."""
    token = _reading_for_the_public.set(bool(allowed) and configured())
    try:
        yield
    finally:
        _reading_for_the_public.reset(token)


class PublicReadsRouter:
    """DATABASE_ROUTERS entry: the replica for public reads, the primary for the rest."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reading_for_the_public.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by replication
