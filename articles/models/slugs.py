"""Slugs for translated names: one per language, unique where the URL needs it, and the old
slugs of renamed sections, tags, authors, awards and organisations, so their links still work."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import freshness
from ..arabic import arabic_slugify


class OldSlugQuerySet(models.QuerySet):
    def owner(self, model, slug):
        """The `model` row that once answered to `slug`, or None."""
        old = self.filter(kind=model._meta.label_lower, slug=slug).order_by("-id").first()
        return model._default_manager.filter(pk=old.object_id).first() if old else None


class OldSlug(models.Model):
    """A slug a row no longer has: its old URL answers a 301 to the current one."""

    kind = models.CharField(max_length=100)  # the model's label, e.g. articles.section
    object_id = models.PositiveBigIntegerField()
    slug = models.CharField(max_length=300)
    replaced_at = models.DateTimeField(auto_now_add=True)

    objects = OldSlugQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["kind", "slug"], name="old_slug_lookup_idx")]
        verbose_name = _("معرّف قديم")
        verbose_name_plural = _("المعرّفات القديمة")

    def __str__(self):
        return self.slug


def made_slug(model, field, text):
    """The slug `fill_translated_slugs` makes from `text` for `field` (before any number)."""
    return arabic_slugify(text, max_length=model._meta.get_field(field).max_length - 6)


def fill_translated_slugs(instance, source="name", unique=True, usable=None):
    """Give each language a slug made from that language's `source` text, if it has none.

    Empty translations stay NULL, so two untranslated rows never collide on a unique slug.
    `usable(language, slug)`, when given, rules out slugs the site cannot serve (a section
    called "Search" must not become /en/search/, which is the search page): the next
    numbered slug is taken instead. For unique slugs (the ones a URL finds a row by), a slug
    changed by an editor leaves its old value in OldSlug, so links to it keep answering.
    """
    model = type(instance)
    for lang, _name in settings.LANGUAGES:
        field = f"slug_{lang}"
        slug = getattr(instance, field) or None
        text = getattr(instance, f"{source}_{lang}")
        if not slug and text:
            base = made_slug(model, field, text)
            slug = base or None
            if slug and unique:
                others = model._default_manager.exclude(pk=instance.pk)
                n = 2
                while others.filter(**{field: slug}).exists() or (usable and not usable(lang, slug)):
                    if n > 100:  # nothing numbered is usable either: leave it to the editor
                        raise ValueError(f"No usable slug for {base!r}")
                    slug = f"{base}-{n}"
                    n += 1
        setattr(instance, field, slug)
    if unique and instance.pk:
        remember_old_slugs(instance)


def remember_old_slugs(instance):
    """Keep the slugs `instance` is about to lose (compared with the stored row)."""
    model = type(instance)
    fields = [f"slug_{lang}" for lang, _name in settings.LANGUAGES]
    stored = model._default_manager.filter(pk=instance.pk).values(*fields).first() or {}
    for field in fields:
        old = stored.get(field)
        if old and old != getattr(instance, field):
            OldSlug.objects.get_or_create(kind=model._meta.label_lower, object_id=instance.pk, slug=old)


class PublicPageMixin:
    """A named thing with a page of its own (section, tag, author, award, organisation):
    a slug per edition, made from its name on save, and the URL of its page.

    `page_url_name` names the page's URL pattern; `slug_is_usable(language, slug)` may rule
    out slugs the site cannot serve.
    """

    page_url_name = None
    slug_is_usable = None

    def save(self, *args, **kwargs):
        fill_translated_slugs(self, usable=self.slug_is_usable)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        freshness.record_instance(self)  # a page that links here shows this name
        return reverse(self.page_url_name, kwargs={"slug": self.slug})

    def shown_keys(self, before=None):
        """What readers see of this changes with it: every page that names or links it, the
        list of all of its kind (the API's), and the stories' search text and sitemaps (a
        byline or tag name is searched; a slug is in every sitemap URL). Renames are rare."""
        return {freshness.key(self), f"list:{self._meta.model_name}s", freshness.STORIES}
