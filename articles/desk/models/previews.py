"""Shared preview links: who handed out which link to a story, until when, and whether it was revoked."""

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, WorkflowEvent


class PreviewLinkQuerySet(models.QuerySet):
    """The one rule for a live link, asked by the desk's list, its filter and the public link:
    not revoked, not expired, and its story not withdrawn — now, or at any time since the
    link was handed out (a story withdrawn and sent back to the desk keeps its old links dead)."""

    def with_state(self, at=None):
        """Each link with `withdrawn` and `is_live` (one query, whatever the number of links)."""
        withdrawn_since = WorkflowEvent.objects.filter(
            article=OuterRef("article"),
            transition=WorkflowEvent.Transition.WITHDRAW,
            at__gte=OuterRef("created_at"),
        )
        withdrawn = Q(article__status=Article.Status.WITHDRAWN) | Q(Exists(withdrawn_since))
        alive = Q(revoked_at__isnull=True, expires_at__gt=at or timezone.now()) & ~withdrawn
        return self.annotate(
            withdrawn=ExpressionWrapper(withdrawn, output_field=BooleanField()),
            is_live=ExpressionWrapper(alive, output_field=BooleanField()),
        )

    def live(self, at=None):
        return self.with_state(at).filter(is_live=True)


class PreviewLink(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="preview_links", verbose_name=_("الخبر")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("أنشأه"),
    )
    created_at = models.DateTimeField(_("أُنشئ في"), default=timezone.now)
    expires_at = models.DateTimeField(_("ينتهي في"))
    revoked_at = models.DateTimeField(_("أُلغي في"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ألغاه"),
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        db_table = "articles_previewlink"  # made by the core app before the desk was its own
        ordering = ["-created_at"]
        verbose_name = _("رابط معاينة")
        verbose_name_plural = _("روابط المعاينة")

    def __str__(self):
        return f"{self.article} — {self.created_at:%Y-%m-%d %H:%M}"
