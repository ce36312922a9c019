"""A story's life: who moved it where (the workflow's record), and who is editing it now (the lock)."""

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
        RECALL = "recall", _("استُرجع من المراجعة")
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
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("المستخدم"),
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


class EditLockQuerySet(models.QuerySet):
    def live(self, at=None):
        """Locks whose heartbeat is recent enough: the one test of a live lock (see is_live)."""
        return self.filter(heartbeat_at__gt=(at or timezone.now()) - EditLock.lifetime())


class EditLock(models.Model):
    """A soft lock: who has the story open. It lapses on its own when the heartbeat stops."""

    article = models.OneToOneField(
        "Article", on_delete=models.CASCADE, related_name="edit_lock", verbose_name=_("الخبر")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("المحرر")
    )
    heartbeat_at = models.DateTimeField(_("آخر نبضة"), default=timezone.now)

    objects = EditLockQuerySet.as_manager()

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
        # The same test as EditLockQuerySet.live(), for a lock already in hand (under select_for_update).
        return self.heartbeat_at > timezone.now() - self.lifetime()
