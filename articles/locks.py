"""Edit locks: who has a story open in the admin. Soft, self-expiring, with take-over."""

from django.db import transaction
from django.utils import timezone

from .models import EditLock


def display_name(user):
    return user.get_full_name() or user.get_username()


def holder(article):
    """The live lock on the story, or None."""
    lock = EditLock.objects.filter(article=article).select_related("user").first()
    return lock if lock is not None and lock.is_live else None


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
