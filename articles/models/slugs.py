"""Slugs for translated names: one per language, unique where the URL needs it."""

from django.conf import settings

from ..arabic import arabic_slugify


def fill_translated_slugs(instance, source="name", unique=True):
    """Give each language a slug made from that language's `source` text, if it has none.

    Empty translations stay NULL, so two untranslated rows never collide on a unique slug.
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
                while others.filter(**{field: slug}).exists():
                    slug = f"{base}-{n}"
                    n += 1
        setattr(instance, field, slug)
