"""What happens when a story changes state. One function per transition."""

from django.utils import timezone

from .models import Article


def publish(article, *, at=None):
    """Make a story public at `at` (default: now; a future time schedules it)."""
    article.status = Article.Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None:
        article.published_at = timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article
