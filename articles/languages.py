"""Which editions exist, and the per-language names derived from them.

`settings.LANGUAGES` is the one list; nothing else writes ("ar", "en") out. Arabic, the
first entry, is the edition every story has.
"""

from django.conf import settings
from django.db.models import Q


def codes():
    """The editions' language codes, first language first: ("ar", "en")."""
    return tuple(code for code, _name in settings.LANGUAGES)


def first():
    """The newsroom's first language, the edition every story has (Arabic)."""
    return codes()[0]


def localized(*names):
    """Per-language field names for each base name: localized("body") → ["body_ar", "body_en"]."""
    return [f"{name}_{code}" for name in names for code in codes()]


def slug_lookup(slug, field="slug"):
    """A Q that finds a row by its slug in any edition (slug_ar=… | slug_en=…)."""
    query = Q()
    for name in localized(field):
        query |= Q(**{name: slug})
    return query


def shown_language(obj, field):
    """The language of what `obj.<field>` shows in the active language: the active one when
    that translation is filled, otherwise the first language it falls back to (so a page can
    mark an Arabic caption on an English page as Arabic)."""
    from django.utils.translation import get_language

    active = (get_language() or first()).split("-")[0]
    if getattr(obj, f"{field}_{active}", None):
        return active
    return first()
