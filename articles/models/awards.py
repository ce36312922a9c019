"""Awards as data: who gives them, their categories, and who won what, when and where.

A story that reports a win links to the AwardWin rows, so the award box on the page,
the award's page and the organisation's page all come from the same facts.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import freshness
from .slugs import PublicPageMixin


class Organisation(PublicPageMixin, models.Model):
    page_url_name = "articles:organisation"

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("جهة حكومية")
        COMPANY = "company", _("شركة")
        ACADEMIC = "academic", _("جهة أكاديمية أو مانحة")
        NONPROFIT = "nonprofit", _("جهة غير ربحية")
        OTHER = "other", _("أخرى")

    name = models.CharField(_("الاسم"), max_length=200)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        allow_unicode=True,
    )
    kind = models.CharField(_("النوع"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    city = models.CharField(_("المدينة"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("جهة")
        verbose_name_plural = _("الجهات")

    def __str__(self):
        return self.name


class Award(PublicPageMixin, models.Model):
    page_url_name = "articles:award"

    name = models.CharField(_("اسم الجائزة"), max_length=200)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        allow_unicode=True,
    )
    awarding_body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="awards_given",
        verbose_name=_("الجهة المانحة"),
    )
    description = models.TextField(_("الوصف"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("جائزة")
        verbose_name_plural = _("الجوائز")

    def __str__(self):
        return self.name


class AwardCategory(models.Model):
    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="categories", verbose_name=_("الجائزة")
    )
    name = models.CharField(_("اسم الفئة"), max_length=200)
    position = models.PositiveSmallIntegerField(_("الترتيب"), default=0)

    class Meta:
        ordering = ["award", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["award", "name"], name="award_category_name_once")]
        verbose_name = _("فئة جائزة")
        verbose_name_plural = _("فئات الجوائز")

    def __str__(self):
        return f"{self.award} — {self.name}"

    def shown_keys(self, before=None):
        return {f"award:{self.award_id}"}


class AwardWin(models.Model):
    category = models.ForeignKey(
        AwardCategory, on_delete=models.PROTECT, related_name="wins", verbose_name=_("الفئة")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="award_wins",
        verbose_name=_("الجهة الفائزة"),
    )
    year = models.PositiveSmallIntegerField(_("السنة"))
    edition = models.CharField(_("الدورة"), max_length=100, blank=True)
    entry = models.CharField(
        _("العمل الفائز"),
        max_length=300,
        blank=True,
        help_text=_("المشروع أو النظام الذي فاز، مثل: نظام إدارة خدمة العملاء"),
    )
    ceremony_date = models.DateField(_("تاريخ الحفل"), null=True, blank=True)
    ceremony_city = models.CharField(_("مدينة الحفل"), max_length=100, blank=True)

    class Meta:
        ordering = ["-year", "category__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["category", "organisation", "year"], name="award_win_once_a_year")
        ]
        verbose_name = _("فوز بجائزة")
        verbose_name_plural = _("الفوز بالجوائز")

    def __str__(self):
        return f"{self.organisation} — {self.category} ({self.year})"

    def shown_keys(self, before=None):
        """The award's and the winner's pages list the win; stories that cover it show it."""
        return {f"award:{self.category.award_id}", f"organisation:{self.organisation_id}", freshness.STORIES}
