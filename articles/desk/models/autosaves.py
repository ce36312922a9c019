"""Autosaves: what a person has typed into a story's form and not saved yet."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Autosave(models.Model):
    """What one person has typed into a story's form and not saved yet, kept on the server.

    One row per person per story, replaced as they type; deleted when they save or discard.
    It is never the story: opening the story again offers it, with a diff, to restore.
    A story not saved even once has no row to point at: its draft has no article (one per
    person), and the "add story" form offers it back."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("الخبر"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("المحرر")
    )
    # Field name (e.g. "body_ar") → the text as typed.
    data = models.JSONField(_("النص غير المحفوظ"), default=dict)
    # The story's version the form was opened on: a restore saves against it, so a save made
    # by someone else in between is caught as stale rather than overwritten.
    base_version = models.PositiveIntegerField(_("النسخة التي فُتح عليها"), default=0)
    saved_at = models.DateTimeField(_("حُفظ تلقائياً في"), default=timezone.now)

    class Meta:
        db_table = "articles_autosave"  # made by the core app before the desk was its own
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="autosave_once_per_user"),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(article__isnull=True), name="one_new_story_draft_per_user"
            ),
        ]
        verbose_name = _("نص محفوظ تلقائياً")
        verbose_name_plural = _("النصوص المحفوظة تلقائياً")

    def __str__(self):
        return f"{self.article_id or 'new'}: {self.user}"
