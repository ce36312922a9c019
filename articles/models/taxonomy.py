"""Where stories are filed: sections (the paper's desks) and free tags."""

from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import get_language_from_path, override
from django.utils.translation import gettext_lazy as _

from ..languages import codes
from .slugs import PublicPageMixin


def section_url_is_free(language, slug):
    """Would /<slug>/ (or /en/<slug>/) reach this section's page? Asks the URL resolver
    itself, so a page added to the site later (search, archive, a language prefix, the
    admin, static files) can never be shadowed by a section, and no list needs keeping."""
    if not slug:
        return False
    with override(language):
        try:
            # reverse() percent-encodes Arabic; the resolver reads decoded paths.
            url = unquote(reverse("articles:section", kwargs={"slug": slug}))
            match = resolve(url)
        except (NoReverseMatch, Resolver404):
            return False
    served_elsewhere = (
        any(
            prefix and url.lstrip("/").startswith(prefix.lstrip("/"))
            for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
        )
        or (get_language_from_path(url) or language) != language
    )  # /en/ is the English edition
    return not served_elsewhere and match.view_name == "articles:section" and match.kwargs.get("slug") == slug


class Section(PublicPageMixin, models.Model):
    page_url_name = "articles:section"
    slug_is_usable = staticmethod(section_url_is_free)

    name = models.CharField(_("الاسم"), max_length=100)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        allow_unicode=True,
        help_text=_("يُولَّد من الاسم إذا تُرك فارغًا."),
    )
    position = models.PositiveSmallIntegerField(_("الترتيب"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("قسم")
        verbose_name_plural = _("الأقسام")

    def __str__(self):
        return self.name

    def clean(self):
        for language in codes():
            field = f"slug_{language}"
            slug = getattr(self, field, None)
            if slug and not section_url_is_free(language, slug):
                raise ValidationError({field: _("هذا المعرّف محجوز لصفحات الموقع، اختر غيره.")})


class Tag(PublicPageMixin, models.Model):
    page_url_name = "articles:tag"

    name = models.CharField(_("الاسم"), max_length=100)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        allow_unicode=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("وسم")
        verbose_name_plural = _("الوسوم")

    def __str__(self):
        return self.name
