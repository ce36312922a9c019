from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` — a dict lookup with a variable key."""
    return (mapping or {}).get(key)


# --- reader pages: dates and reading time -------------------------------------------
from .. import dates as _dates  # noqa: E402


@register.filter
def newsdate(value, arg=""):
    """`value|newsdate` — Hijri and Gregorian with the time; `value|newsdate:"date"` without it."""
    return _dates.format_date(value, with_time=arg != "date")


@register.filter
def isodate(value):
    """`value|isodate` — ISO 8601 with offset, no microseconds (for <time datetime>)."""
    return _dates.iso(value) or ""
