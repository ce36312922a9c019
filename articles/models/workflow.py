"""The desk's record of a story's life: who moved it where, and who is editing it now."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkflowEvent(models.Model):
    """One transition (submit, send back, publish, ...) with who, when and the note."""

    class Transition(models.TextChoices):
        SUBMIT = "submit", _("أُرسل للمراجعة")
        SEND_BACK = "send_back", _("أُعيد إلى المراسل")
        PUBLISH = "publish", _("نُشر")
        SCHEDULE = "schedule", _("جُدول للنشر")
        WITHDRAW = "withdraw", _("سُحب")
        CORRECT = "correct", _("أُضيف تصحيح أو تحديث")

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="workflow_events", verbose_name=_("الخبر")
    )
    transition = models.CharField(_("الإجراء"), max_length=20, choices=Transition.choices)
    from_status = models.CharField(_("من حالة"), max_length=20)
    to_status = models.CharField(_("إلى حالة"), max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("المستخدم"),
    )
    note = models.TextField(_("ملاحظة"), blank=True)
    at = models.DateTimeField(_("الوقت"), default=timezone.now, db_index=True)
    # For publish/schedule: the time the story goes (or went) out.
    published_at = models.DateTimeField(_("وقت النشر"), null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("حدث في مسار الخبر")
        verbose_name_plural = _("مسار الخبر")

    def __str__(self):
        return f"{self.get_transition_display()} ({self.at:%Y-%m-%d %H:%M})"


class EditLock(models.Model):
    """A soft lock: who has the story open. It lapses on its own when the heartbeat stops."""

    article = models.OneToOneField(
        "Article", on_delete=models.CASCADE, related_name="edit_lock", verbose_name=_("الخبر")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("المحرر")
    )
    heartbeat_at = models.DateTimeField(_("آخر نبضة"), default=timezone.now)

    class Meta:
        verbose_name = _("قفل تحرير")
        verbose_name_plural = _("أقفال التحرير")

    def __str__(self):
        return f"{self.article_id or 'new'}: {self.user}"

    @staticmethod
    def lifetime():
        return datetime.timedelta(seconds=settings.NEWSROOM_EDIT_LOCK_SECONDS)

    @property
    def is_live(self):
        return self.heartbeat_at > timezone.now() - self.lifetime()


class Autosave(models.Model):
    """What one person has typed into a story's form and not saved yet, kept on the server.

    One row per person per story, replaced as they type; deleted when they save or discard.
    It is never the story: opening the story again offers it, with a diff, to restore.
    A story not saved even once has no row to point at: its draft has no article (one per
    person), and the "add story" form offers it back."""

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("الخبر")
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
