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



# The normaliser inside the database, for admin and site search over stored text. SQLite
# runs normalize() itself (registered on each connection); PostgreSQL gets TRANSLATE() with
# the same folding table and the same stripped characters.
_SQL_FUNCTION = "newsroom_normalize"
_STRIPPED = "".join(
    chr(c) for c in [*range(0x0600, 0x0700), *range(0x2000, 0x2070), 0xFEFF] if _STRIP.match(chr(c))
)


def _register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(_SQL_FUNCTION, 1, normalize, deterministic=True)


def _connect_signal():
    from django.db.backends.signals import connection_created

    connection_created.connect(_register_sqlite_function, dispatch_uid="newsroom_normalize")


_connect_signal()


def normalize_expression(field):
    """normalize() as a database expression over `field` (a name or an expression).

    Compare it with `normalize(term)`: on SQLite it is normalize() itself; on PostgreSQL it
    folds the same letters and digits and drops the same marks (no NFKC, spaces kept).
    """
    from django.db.models import CharField, F, Func, Value

    class Normalized(Func):
        function = _SQL_FUNCTION
        output_field = CharField()

        def as_postgresql(self, compiler, connection, **extra_context):
            folded = Func(
                *self.source_expressions,
                Value("".join(chr(k) for k in _FOLD) + _STRIPPED),
                Value("".join(_FOLD.values())),
                function="TRANSLATE", output_field=CharField(),
            )
            return Func(folded, function="LOWER", output_field=CharField()).as_sql(compiler, connection)

    return Normalized(F(field) if isinstance(field, str) else field)
