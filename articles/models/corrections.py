"""Corrections and updates appended to a published story: the public record of a change."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import freshness


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("تصحيح")
        UPDATE = "update", _("تحديث")

    article = models.ForeignKey(
        "Article", on_delete=models.CASCADE, related_name="corrections", verbose_name=_("الخبر")
    )
    kind = models.CharField(_("النوع"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("النص"))
    published_at = models.DateTimeField(_("الوقت"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("أضافه"),
    )

    class Meta:
        ordering = ["published_at", "id"]
        verbose_name = _("تصحيح أو تحديث")
        verbose_name_plural = _("التصحيحات والتحديثات")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def shown_keys(self, before=None):
        if not self.article.is_public:
            return set()
        return {freshness.key(self.article), freshness.STORIES}
