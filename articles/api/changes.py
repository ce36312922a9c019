"""The change feed: each story readers have seen, at the time of its latest change, oldest
first, so a partner who keeps the last cursor can mirror the outlet.

- A live story (`Article.objects.published()`) changes when it goes out (its published_at:
  a scheduled story enters the feed when its time comes) and whenever it is saved after that
  (updated_at: edits, corrections, new tags or pictures).
- A story that was public and no longer is (withdrawn, or sent back to the desk after that)
  is a tombstone at the time it was last touched. "Was public" is read from the desk's
  record: a withdrawal at or after a publication's time. A story scheduled and pulled
  before its time never reached readers and never appears.

Changes younger than NEWSROOM_API_CHANGES_DELAY seconds are held back, so a change whose
transaction commits a moment after a partner's poll is not skipped by the cursor.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import DateTimeField, Exists, F, OuterRef
from django.db.models.functions import Greatest
from django.utils import timezone

from ..models import Article, WorkflowEvent
from .pagination import after

KEY = ("changed_at", "id")


@dataclass
class Change:
    id: int
    change: str
    at: datetime.datetime
    article: Article | None


def _kind(article):
    if article.revised_at is None:
        return "published"
    corrections = list(article.corrections.all())
    if corrections and corrections[-1].published_at == article.revised_at:
        return "corrected"
    return "updated"


def _was_public():
    Transition = WorkflowEvent.Transition
    went_out = WorkflowEvent.objects.filter(
        article=OuterRef(OuterRef("pk")),
        transition__in=[Transition.PUBLISH, Transition.SCHEDULE],
        published_at__lte=OuterRef("at"),
    )
    return Exists(
        WorkflowEvent.objects.filter(article=OuterRef("pk"), transition=Transition.WITHDRAW).filter(
            Exists(went_out)
        )
    )


def changes(since, limit):
    """Up to `limit` Changes after the cursor position `since` ((time, id) or None), and
    whether more are waiting now."""
    now = timezone.now()
    horizon = now - datetime.timedelta(seconds=settings.NEWSROOM_API_CHANGES_DELAY)
    live = (
        Article.objects.published(at=now)
        .for_listing()
        .prefetch_related("corrections")
        .annotate(changed_at=Greatest("updated_at", "published_at", output_field=DateTimeField()))
        .filter(changed_at__lte=horizon)
    )
    gone = (
        Article.objects.exclude(pk__in=Article.objects.published(at=now).values("pk"))
        .filter(_was_public())
        .only("pk", "updated_at")
        .annotate(changed_at=F("updated_at"))
        .filter(changed_at__lte=horizon)
    )
    rows = []
    for queryset, is_live in ((live, True), (gone, False)):
        if since is not None:
            queryset = queryset.filter(after(KEY, since, descending=False))
        rows += [(row.changed_at, row.pk, is_live, row) for row in queryset.order_by(*KEY)[: limit + 1]]
    rows.sort(key=lambda item: item[:2])
    out = [
        Change(pk, _kind(row), at, row) if is_live else Change(pk, "withdrawn", at, None)
        for at, pk, is_live, row in rows[:limit]
    ]
    return out, len(rows) > limit
