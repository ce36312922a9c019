"""Where stories are filed: sections (the paper's desks) and free tags."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .slugs import fill_translated_slugs

# Top-level URL words a section slug must not take (a section lives at /<slug>/).
RESERVED_SECTION_SLUGS = {
    "admin", "authors", "author", "tags", "tag", "awards", "organisations", "search",
    "feeds", "feed", "rss", "atom", "sitemap.xml", "robots.txt", "static", "media",
    "preview", "i18n", "en", "ar", "archive",
}


class Section(models.Model):
    name = models.CharField(_("الاسم"), max_length=100)
    slug = models.SlugField(
        _("المعرّف في الرابط"), max_length=100, unique=True, null=True, blank=True,
        allow_unicode=True, help_text=_("يُولَّد من الاسم إذا تُرك فارغًا."),
    )
    position = models.PositiveSmallIntegerField(_("الترتيب"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("قسم")
        verbose_name_plural = _("الأقسام")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fill_translated_slugs(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def clean(self):
        for field in ("slug_ar", "slug_en"):
            if (getattr(self, field, None) or "").lower() in RESERVED_SECTION_SLUGS:
                raise ValidationError({field: _("هذا المعرّف محجوز لصفحات الموقع، اختر غيره.")})


class Tag(models.Model):
    name = models.CharField(_("الاسم"), max_length=100)
    slug = models.SlugField(
        _("المعرّف في الرابط"), max_length=100, unique=True, null=True, blank=True,
        allow_unicode=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("وسم")
        verbose_name_plural = _("الوسوم")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fill_translated_slugs(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})
