"""The desk's front page (the admin's home): what needs the person who just logged in.

One query per list, whatever the number of stories: each list is short (`limit` rows) and
carries what the page shows (headline, times in the desk's zone, the send-back note, the
lock holder's name) so the template asks nothing more.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from articles.dates import desk_time, desk_zone
from articles.desk import notifications
from articles.desk.models import Notification
from articles.languages import localized
from articles.locks import display_name
from articles.models import Article, EditLock, WorkflowEvent

LIMIT = 8
HEADLINE = localized("headline")[0]  # the first edition's headline: every story has one
_STORY_COLUMNS = ("pk", HEADLINE, "status", "published_at", "updated_at", "created_by_id")


@dataclass
class Item:
    article_id: int
    headline: str
    when: str = ""
    note: str = ""
    who: str = ""


@dataclass
class NotificationItem:
    pk: int
    article_id: int
    text: str  # "Mona sent the story «…» back to its reporter."
    when: str
    note: str
    unread: bool


@dataclass
class FrontPage:
    notifications: list = field(default_factory=list)
    unread: int = 0  # unread notifications, all of them (the list shows `limit`)
    my_drafts: list = field(default_factory=list)
    sent_back: list = field(default_factory=list)
    waiting_review: list = field(default_factory=list)
    scheduled: list = field(default_factory=list)
    published_today: list = field(default_factory=list)
    locked: list = field(default_factory=list)
    reviews: bool = False  # the user reviews stories (an editor): the review list is theirs


def start_of_desk_day(now=None):
    """Midnight today in the desk's zone, as an aware moment."""
    local = timezone.localtime(now or timezone.now(), desk_zone())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def front_page(user, limit=LIMIT, now=None):
    now = now or timezone.now()
    page = FrontPage(reviews=user.has_perm("articles.publish_article"))
    page.unread = notifications.unread_count(user)
    page.notifications = [_notification_item(n) for n in notifications.inbox(user, limit)]
    stories = Article.objects.only(*_STORY_COLUMNS)

    # How the draft came back to its reporter, if it went to review: sent back (with the
    # note) or recalled by the reporter herself (then it is simply her draft again).
    last_move = WorkflowEvent.objects.filter(
        article=OuterRef("pk"), transition__in=notifications.BACK_AND_FORTH
    ).order_by("-at", "-pk")
    mine = (
        stories.filter(created_by=user, status=Article.Status.DRAFT)
        .annotate(
            last_move=Subquery(last_move.values("transition")[:1]),
            last_move_note=Subquery(last_move.values("note")[:1]),
        )
        .order_by("-updated_at")
    )
    for story in mine[: limit * 2]:
        item = Item(story.pk, getattr(story, HEADLINE), desk_time(story.updated_at))
        if story.last_move == WorkflowEvent.Transition.SEND_BACK:
            item.note = story.last_move_note
            if len(page.sent_back) < limit:
                page.sent_back.append(item)
        elif len(page.my_drafts) < limit:
            page.my_drafts.append(item)

    if page.reviews:
        page.waiting_review = [
            Item(story.pk, getattr(story, HEADLINE), desk_time(story.updated_at))
            for story in stories.filter(status=Article.Status.REVIEW).order_by("updated_at")[:limit]
        ]
    page.scheduled = [
        Item(story.pk, getattr(story, HEADLINE), desk_time(story.published_at))
        for story in stories.scheduled(at=now).order_by("published_at")[:limit]
    ]
    page.published_today = [
        Item(story.pk, getattr(story, HEADLINE), desk_time(story.published_at))
        for story in stories.published(at=now)
        .filter(published_at__gte=start_of_desk_day(now))
        .order_by("-published_at")[:limit]
    ]
    page.locked = [
        Item(
            lock.article_id,
            getattr(lock.article, HEADLINE),
            desk_time(lock.heartbeat_at),
            who=display_name(lock.user),
        )
        for lock in EditLock.objects.live(now)
        .select_related("article", "user")
        .only(
            "article_id",
            "heartbeat_at",
            f"article__{HEADLINE}",
            "user__username",
            "user__first_name",
            "user__last_name",
        )
        .order_by("-heartbeat_at")[:limit]
    ]
    return page


def _notification_item(notice):
    story = notice.story
    actor = display_name(notice.actor) if notice.actor else ""
    scheduled_at = story.published_at if notice.kind == Notification.Kind.SCHEDULE else None
    return NotificationItem(
        notice.pk,
        notice.story_id,
        notifications.sentence(notice.kind, actor, getattr(story, HEADLINE), scheduled_at),
        desk_time(notice.created_at),
        notice.note,
        notice.read_at is None,
    )
