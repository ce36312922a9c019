"""Versions of a story: what was saved, by whom and when, how two differ, and restoring one.

Built on django-reversion. A version of an Article holds its fields (both languages, tags,
section, lead image) and, in the same revision, its byline rows. Restoring writes the old
content onto the story and saves it as a new version: nothing is ever deleted.
"""

import difflib
import re
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from . import publishing
from .dates import desk_time
from .models import Article, Byline
from .models.search_columns import SEARCH_FIELDS

# Bookkeeping that changes on every save or is derived from the text (the desk's version
# counter, the search columns): it means nothing in a comparison and is never restored.
NOT_VERSIONED = (
    "updated_at", "created_at", "version", "last_edited_by", "import_source", *SEARCH_FIELDS,
)

# What a restore writes back, per language (status and publication time are the workflow's).
RESTORED_TEXT_FIELDS = ("headline", "kicker", "standfirst", "body", "dateline")
RESTORED_FIELDS = ("section_id", "lead_image_id")

# What the diff compares, in the order an editor reads a story.
COMPARED_FIELDS = (
    ("headline", _("العنوان")),
    ("standfirst", _("الموجز")),
    ("body", _("النص")),
)
LANGUAGES = (("ar", _("العربية"), "rtl"), ("en", _("الإنجليزية"), "ltr"))

if not reversion.is_registered(Article):
    reversion.register(
        Article,
        exclude=NOT_VERSIONED,
        follow=("bylines",),
    )
if not reversion.is_registered(Byline):
    reversion.register(Byline)


def versions_of(article):
    """The story's versions, newest first, with the revision and its user fetched."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def save_version(article, user=None, comment=""):
    """Record the story as it is now (with its byline) as one new version."""
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(article)
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(str(comment))


def byline_of(version):
    """The byline (author ids in order) saved with this version of the story."""
    content_type = ContentType.objects.get_for_model(Byline)
    rows = [
        v.field_dict
        for v in version.revision.version_set.filter(content_type=content_type)
    ]
    rows = [row for row in rows if str(row.get("article_id")) == str(version.object_id)]
    rows.sort(key=lambda row: (row.get("position") or 0, row.get("id") or 0))
    return [row["author_id"] for row in rows]


@transaction.atomic
def restore(article, version, user=None):
    """Put the story back as it was in `version`, saved as a new version of its own.

    Text in both languages, section, lead image, tags and byline come back; the workflow
    state (status, publication time) stays as it is now, since restoring is an edit.
    """
    if str(version.object_id) != str(article.pk):
        raise ValueError("That version belongs to another story.")
    data = version.field_dict
    for name in RESTORED_TEXT_FIELDS:
        for lang, _label, _dir in LANGUAGES:
            field = f"{name}_{lang}"
            if field in data:
                setattr(article, field, data[field])
    publishing.note_edit(article)
    for field in RESTORED_FIELDS:
        if field in data:
            setattr(article, field, data[field])
    # A related row deleted since then cannot come back; keep what still exists.
    from .models import Author, Image, Section, Tag

    if article.lead_image_id and not Image.objects.filter(pk=article.lead_image_id).exists():
        article.lead_image_id = None
    if not Section.objects.filter(pk=article.section_id).exists():
        article.section_id = Article.objects.values_list("section_id", flat=True).get(pk=article.pk)
    if user is not None and user.is_authenticated:
        article.last_edited_by = user
    with reversion.create_revision(manage_manually=True):
        article.save()
        article.tags.set(Tag.objects.filter(pk__in=data.get("tags", [])))
        authors = byline_of(version)
        existing = set(Author.objects.filter(pk__in=authors).values_list("pk", flat=True))
        authors = [pk for pk in authors if pk in existing]
        if authors:  # a story always keeps a byline
            article.bylines.all().delete()
            Byline.objects.bulk_create(
                Byline(article=article, author_id=pk, position=n) for n, pk in enumerate(authors)
            )
            # bulk_create sends no signals: bring the byline names in search up to date here.
            getattr(article, "_prefetched_objects_cache", {}).pop("bylines", None)
            Article.objects.filter(pk=article.pk).refresh_search_columns()
        reversion.add_to_revision(article)
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(
            str(_("استُعيدت نسخة %(date)s")) % {"date": desk_time(version.revision.date_created)}
        )
    return article


# Comparing two versions ---------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
_WORDS = re.compile(r"\S+|\s+")


def paragraphs(html):
    """A body's readable paragraphs (tags dropped): the unit the diff lines up."""
    text = _BLOCK_END.sub("\n", html or "")
    return [line.strip() for line in strip_tags(text).split("\n") if line.strip()]


def _mark(tokens, tag):
    """Wrap the words in `tag`, leaving the spaces around them outside the mark."""
    text = "".join(tokens)
    words = text.strip()
    if not words:
        return escape(text)
    start = text.index(words)
    return f"{escape(text[:start])}<{tag}>{escape(words)}</{tag}>{escape(text[start + len(words):])}"


def diff_words(old, new):
    """Two HTML strings: `old` with removed words in <del>, `new` with added words in <ins>."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(escape("".join(a[i1:i2])))
            right.append(escape("".join(b[j1:j2])))
        else:
            if i2 > i1:
                left.append(_mark(a[i1:i2], "del"))
            if j2 > j1:
                right.append(_mark(b[j1:j2], "ins"))
    return mark_safe("".join(left)), mark_safe("".join(right))


@dataclass
class Row:
    old: str
    new: str
    changed: bool


def diff_paragraphs(old_html, new_html):
    """Rows of a side-by-side diff: paragraphs lined up, words marked inside changed ones."""
    a, b = paragraphs(old_html), paragraphs(new_html)
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [Row(escape(p), escape(p), False) for p in a[i1:i2]]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for n in range(max(len(olds), len(news))):
            old = olds[n] if n < len(olds) else ""
            new = news[n] if n < len(news) else ""
            rows.append(Row(*diff_words(old, new), True))
    return rows


def compare(old_version, new_version):
    """The fields an editor compares, per language: a list of sections with rows."""
    old, new = old_version.field_dict, new_version.field_dict
    sections = []
    for lang, language, direction in LANGUAGES:
        fields = []
        for name, label in COMPARED_FIELDS:
            key = f"{name}_{lang}"
            before, after = old.get(key) or "", new.get(key) or ""
            if name == "body":
                rows = diff_paragraphs(before, after)
            else:
                left, right = diff_words(before, after)
                rows = [Row(left, right, before != after)] if (before or after) else []
            fields.append({"label": label, "rows": rows, "changed": before != after})
        if any(f["rows"] for f in fields):
            sections.append({"lang": lang, "language": language, "dir": direction, "fields": fields})
    return sections
