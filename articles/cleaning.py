"""Typed text without the characters nobody means to type: controls and bidi overrides.

A right-to-left override (U+202E) in a headline or a name reverses what readers see
("spoofing"), and NUL or other C0/C1 controls break PostgreSQL, feeds and XML. Every save
path for headlines and names (the admin, the importer, the API) goes through
`clean_line()` / `clean_text()` on the model's save; story bodies through `drop_invisible()`
when they are sanitised (articles/html.py). The zero-width non-joiner and joiner
(U+200C, U+200D) stay: Arabic and Persian spelling needs them.
"""

import re

# Bidi embeddings/overrides/isolates and marks, zero-width space, word joiner and other
# invisible operators, the byte-order mark, interlinear annotation marks.
_INVISIBLE = "\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
# Characters that break a line or a page: one space inside a line.
_BREAKS = "\t\v\f\x1c-\x1f\x85\u2028\u2029"
# What remains of C0 and C1 after the breaks, plus DEL.
_CONTROLS = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"

_LINE_BREAKS = re.compile(f"[\r\n{_BREAKS}]+")
_DROP = re.compile(f"[{_INVISIBLE}{_CONTROLS}]")
_SPACES = re.compile(r"[ \u00a0]{2,}")
NUL = "\x00"


def clean_line(text):
    """One line of text (a headline, a name, a dateline): no controls, no invisible marks,
    no line breaks, no doubled spaces, trimmed."""
    if not text:
        return text
    text = _DROP.sub("", _LINE_BREAKS.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


def clean_text(text):
    """Multi-line plain text (a standfirst, a bio): as clean_line, but line breaks stay."""
    if not text:
        return text
    lines = re.split(r"\r\n|\r|\n", text)
    return "\n".join(clean_line(line) for line in lines).strip()


def drop_invisible(text):
    """Only the controls and invisible marks clean_line drops, nothing else: for a story's
    HTML body (articles/html.py), whose markup, spacing and line breaks are its own."""
    return _DROP.sub("", text) if text else text


# Fields that hold HTML (sanitised by articles/html.py) or derived text, not typed plain text.
NOT_PLAIN_TEXT = re.compile(r"^(body|search_.*|import_source|name_key)(_[a-z]{2})?$")


def clean_typed_text(sender, instance, raw=False, **kwargs):
    """pre_save for the newsroom's models: every plain-text field is cleaned on every save
    path (admin, importer, API, shell) — one-line fields by clean_line, long ones by
    clean_text. Fixtures being loaded (`raw`) are stored as they are."""
    if raw or not sender.__module__.startswith("articles."):  # the newsroom's apps, all of them
        return
    for field in sender._meta.concrete_fields:
        internal = field.get_internal_type()
        if internal not in ("CharField", "SlugField", "TextField") or NOT_PLAIN_TEXT.match(field.name):
            continue
        if field.choices:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and value:
            setattr(instance, field.attname, (clean_text if internal == "TextField" else clean_line)(value))
