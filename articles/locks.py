"""Edit locks: who has a story open in the admin. Soft, self-expiring, with take-over.

The one lock check on every write path: the story form, a workflow step, bulk actions,
restoring a version and the importer all ask `held_by_other` (or `held_by_others` for many
stories) and refuse someone else's live lock; `EditLock.objects.live()` says which are live.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EditLock


class Held(Exception):
    """Someone else is editing the story right now (the message is for the editor, in Arabic)."""

    def __init__(self, lock):
        self.lock = lock
        super().__init__(_("يحرر هذا الخبر الآن: %(name)s.") % {"name": display_name(lock.user)})


def display_name(user):
    return user.get_full_name() or user.get_username()


def holder(article):
    """The live lock on the story, or None."""
    return EditLock.objects.live().filter(article=article).select_related("user").first()


def held_by_other(article, user):
    """Someone else's live lock on the story (None when it is free or `user`'s own). With no
    user (the importer, a command), any live lock is someone else's."""
    lock = holder(article)
    if lock is None or (user is not None and lock.user_id == user.pk):
        return None
    return lock


def refuse_if_held(article, user):
    """Raise Held when someone else has the story open right now."""
    lock = held_by_other(article, user)
    if lock is not None:
        raise Held(lock)


def held_by_others(stories, user):
    """{story id: holder's name} for stories someone else has open right now (one query)."""
    locks = (
        EditLock.objects.live()
        .filter(article__in=[story.pk for story in stories])
        .exclude(user=user)
        .select_related("user")
    )
    return {lock.article_id: display_name(lock.user) for lock in locks}


@transaction.atomic
def acquire(article, user, *, take_over=False):
    """Take or refresh the lock. Returns (lock, mine): someone else's live lock is kept unless taken over."""
    lock, created = EditLock.objects.select_for_update().get_or_create(
        article=article, defaults={"user": user}
    )
    if created:
        return lock, True
    if lock.user_id == user.pk or not lock.is_live or take_over:
        lock.user = user
        lock.heartbeat_at = timezone.now()
        lock.save(update_fields=["user", "heartbeat_at"])
        return lock, True
    return lock, False


def release(article, user):
    EditLock.objects.filter(article=article, user=user).delete()
