"""Versions of a story: what was saved, by whom and when, how two differ, and restoring one.

Built on django-reversion. A version of an Article holds its fields (both languages, tags,
section, lead image) and, in the same revision, its byline rows. Restoring writes the old
content onto the story and saves it as a new version: nothing is ever deleted.
"""

import difflib
import re
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from articles.models import Article, Author, AwardWin, Byline, Section, Tag

from . import locks, publishing
from .languages import codes
from .models.search_columns import SEARCH_FIELDS

# Bookkeeping that changes on every save or is derived from the text (the desk's version
# counter, the search columns): it means nothing in a comparison and is never restored.
NOT_VERSIONED = (
    "updated_at",
    "created_at",
    "version",
    "last_edited_by",
    "import_source",
    *SEARCH_FIELDS,
)


def _picture_model():
    """The picture library's model (articles.pictures), reached through the story's field:
    the core sits below the pictures app and never imports it."""
    return Article._meta.get_field("lead_image").related_model


# What a restore writes back, per language (status and publication time are the workflow's).
RESTORED_TEXT_FIELDS = (
    "headline",
    "kicker",
    "standfirst",
    "body",
    "dateline",
    "seo_title",
    "seo_description",
)
RESTORED_FIELDS = ("section_id", "lead_image_id", "social_image_id")

# What the diff compares, in the order an editor reads a story: the text per language...
COMPARED_TEXT = (
    ("kicker", _("العنوان الفرعي العلوي")),
    ("headline", _("العنوان")),
    ("standfirst", _("الموجز")),
    ("body", _("النص")),
    ("dateline", _("مكان الخبر")),
    ("seo_title", _("العنوان في محركات البحث")),
    ("seo_description", _("الوصف في محركات البحث")),
)


def languages():
    """(code, name, direction) for each edition, first language first."""
    return [
        (
            code,
            get_language_info(code)["name_translated"],
            "rtl" if code in settings.LANGUAGES_BIDI else "ltr",
        )
        for code in codes()
    ]


if not reversion.is_registered(Article):
    reversion.register(
        Article,
        exclude=NOT_VERSIONED,
        follow=("bylines",),
    )
if not reversion.is_registered(Byline):
    reversion.register(Byline)


def who(version):
    user = version.revision.user
    return (user.get_full_name() or user.get_username()) if user else str(_("غير معروف"))


def number_of(version):
    """The version's number as the desk says it: #1 is the story's first saved version."""
    return (
        Version.objects.get_for_object_reference(Article, version.object_id)
        .filter(
            revision__date_created__lte=version.revision.date_created,
        )
        .exclude(revision__date_created=version.revision.date_created, pk__gt=version.pk)
        .count()
    )


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
    rows = [v.field_dict for v in version.revision.version_set.filter(content_type=content_type)]
    rows = [row for row in rows if str(row.get("article_id")) == str(version.object_id)]
    rows.sort(key=lambda row: (row.get("position") or 0, row.get("id") or 0))
    return [row["author_id"] for row in rows]


@transaction.atomic
def restore(article, version, user=None):
    """Put the story back as it was in `version`, saved as a new version of its own; refused
    (locks.Held) while someone else has the story open, as their save would be.

    Text in both languages, section, lead image, tags and byline come back; the workflow
    state (status, publication time) stays as it is now, since restoring is an edit.
    """
    if str(version.object_id) != str(article.pk):
        raise ValueError("That version belongs to another story.")
    locks.refuse_if_held(article, user)  # locks.Held: someone else has the story open
    data = version.field_dict
    for name in RESTORED_TEXT_FIELDS:
        for lang in codes():
            field = f"{name}_{lang}"
            if field in data:
                setattr(article, field, data[field])
    publishing.note_edit(article)
    for field in RESTORED_FIELDS:
        if field in data:
            setattr(article, field, data[field])
    # A related row deleted since then cannot come back; keep what still exists.
    for picture in ("lead_image_id", "social_image_id"):
        if (
            getattr(article, picture)
            and not _picture_model().objects.filter(pk=getattr(article, picture)).exists()
        ):
            setattr(article, picture, None)
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
            str(_("استُعيدت النسخة #%(number)s (حفظها %(author)s)"))
            % {"number": number_of(version), "author": who(version)}
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
    return f"{escape(text[:start])}<{tag}>{escape(words)}</{tag}>{escape(text[start + len(words) :])}"


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


def _text_rows(name, before, after):
    if name == "body":
        return diff_paragraphs(before, after)
    left, right = diff_words(before, after)
    return [Row(left, right, before != after)] if (before or after) else []


def compare_text(old, new):
    """Per language, the text fields of two {field name: value} dicts: a list of sections."""
    sections = []
    for lang, language, direction in languages():
        fields = []
        for name, label in COMPARED_TEXT:
            key = f"{name}_{lang}"
            before, after = old.get(key) or "", new.get(key) or ""
            fields.append(
                {"label": label, "rows": _text_rows(name, before, after), "changed": before != after}
            )
        if any(f["rows"] for f in fields):
            sections.append({"lang": lang, "language": language, "dir": direction, "fields": fields})
    return sections


def _names(model, pks):
    found = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[pk for pk in pks if pk is not None])}
    return "، ".join(found.get(pk, str(_("(حُذف)"))) for pk in pks if pk is not None)


def _story_fields(version):
    """Section, tags, byline, lead picture and award wins of a version, as names an editor reads."""
    data = version.field_dict
    return {
        "section": _names(Section, [data.get("section_id")]),
        "tags": _names(Tag, sorted(data.get("tags") or [])),
        "byline": _names(Author, byline_of(version)),
        "lead_image": _names(_picture_model(), [data.get("lead_image_id")]),
        "social_image": _names(_picture_model(), [data.get("social_image_id")]),
        "award_wins": _names(AwardWin, sorted(data.get("award_wins") or [])),
    }


SHARED_FIELDS = (
    ("section", _("القسم")),
    ("tags", _("الوسوم")),
    ("byline", _("التوقيع")),
    ("lead_image", _("الصورة الرئيسية")),
    ("social_image", _("صورة المشاركة")),
    ("award_wins", _("الجوائز التي يغطيها")),
)


def compare(old_version, new_version):
    """Every reader field of two versions: the text per language, then what both editions share."""
    sections = compare_text(old_version.field_dict, new_version.field_dict)
    old, new = _story_fields(old_version), _story_fields(new_version)
    fields = []
    for name, label in SHARED_FIELDS:
        left, right = diff_words(old[name], new[name])
        rows = [Row(left, right, old[name] != new[name])] if (old[name] or new[name]) else []
        fields.append({"label": label, "rows": rows, "changed": old[name] != new[name]})
    if any(f["rows"] for f in fields):
        direction = "rtl" if codes()[0] in settings.LANGUAGES_BIDI else "ltr"
        sections.append(
            {
                "lang": codes()[0],
                "language": _("القسم والوسوم والتوقيع والصورة والجوائز"),
                "dir": direction,
                "fields": fields,
            }
        )
    return sections
