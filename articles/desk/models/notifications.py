"""What the desk tells a person about a story: someone submitted it, sent it back, published it…

One row per person told, made in the same transaction as the step (a refused step leaves
none); the desk's front page lists them, and opening or dismissing one marks it read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import WorkflowEvent


class Notification(models.Model):
    # What happened: one of the workflow's steps, by the same names.
    Kind = WorkflowEvent.Transition

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("المُبلَّغ"),
    )
    story = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="notifications", verbose_name=_("الخبر")
    )
    kind = models.CharField(_("النوع"), max_length=20, choices=Kind.choices)
    note = models.TextField(_("ملاحظة"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("من قام بالإجراء"),
    )
    created_at = models.DateTimeField(_("الوقت"), auto_now_add=True)
    read_at = models.DateTimeField(_("قُرئ في"), null=True, blank=True)

    class Meta:
        db_table = "articles_notification"  # made by the core app before the desk was its own
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")]
        verbose_name = _("تنبيه")
        verbose_name_plural = _("التنبيهات")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.story_id} → {self.recipient_id}"
