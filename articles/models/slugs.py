"""Slugs for translated names: one per language, unique where the URL needs it."""

from django.conf import settings
from django.urls import reverse

from ..arabic import arabic_slugify


def fill_translated_slugs(instance, source="name", unique=True, usable=None):
    """Give each language a slug made from that language's `source` text, if it has none.

    Empty translations stay NULL, so two untranslated rows never collide on a unique slug.
    `usable(language, slug)`, when given, rules out slugs the site cannot serve (a section
    called "Search" must not become /en/search/, which is the search page): the next
    numbered slug is taken instead.
    """
    model = type(instance)
    for lang, _name in settings.LANGUAGES:
        field = f"slug_{lang}"
        slug = getattr(instance, field) or None
        text = getattr(instance, f"{source}_{lang}")
        if not slug and text:
            base = arabic_slugify(text, max_length=model._meta.get_field(field).max_length - 6)
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
        return reverse(self.page_url_name, kwargs={"slug": self.slug})
