"""The one Arabic normaliser: how Newsroom compares Arabic text.

Used by slugs, the importer (matching authors), admin search and site search.
It is for comparing and keying, never for display: stored text keeps the writer's spelling.

Readers and reporters write the same word several ways (فاطمه/فاطمة, الاولى/الأولى,
الالكتروني/الإلكتروني, with or without tashkeel), so all of them fold to one form.
"""

import re
import unicodedata

from django.utils.text import slugify

# Harakat, tanween, shadda, sukun, superscript alef, Quranic annotation marks.
_TASHKEEL = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
# Tatweel (kashida) and invisible direction/joining marks that sneak in from word processors.
_INVISIBLE = "[\u0640\u200b-\u200f\u061c\u2066-\u2069\u202a-\u202e\ufeff]"
_STRIP = re.compile(f"{_TASHKEEL}|{_INVISIBLE}")

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ة": "ه",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian keheh
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)
_SPACES = re.compile(r"\s+")


def normalize(text):
    """Fold Arabic spelling variants (and Latin case) so equal words compare equal."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _STRIP.sub("", text)
    text = text.translate(_FOLD).casefold()
    return _SPACES.sub(" ", text).strip()


def arabic_slugify(text, max_length=200):
    """A URL slug that keeps Arabic letters, from the normalised text."""
    slug = slugify(normalize(text), allow_unicode=True)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def normalize_expression(field):
    """normalize() as a database expression over `field`, for searching stored text.

    Built from the same folding table as normalize(), so the two agree on letters and
    digits; it also drops tatweel and the common harakat (the full Unicode ranges would
    make a very long expression). Use it with `normalize(term)` on the other side.
    """
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Lower, Replace

    expression = F(field) if isinstance(field, str) else field
    strip = ["\u0640", *(chr(c) for c in range(0x064B, 0x0653)), "\u0670"]
    for char in strip:
        expression = Replace(expression, Value(char), Value(""), output_field=CharField())
    for source, target in _FOLD.items():
        expression = Replace(expression, Value(chr(source)), Value(target), output_field=CharField())
    return Lower(expression)
