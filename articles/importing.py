"""How a plain-text story file becomes an Article, without overriding the desk.

The format (the wire/desk format of the seed story):

    [id: SOURCE-ID]   optional: a stable identity for the story, whatever the file is called
    dateline/author[، author …]
    paragraphs, one a line (blank lines are ignored)

`parse_story(text)` is pure and says exactly what is wrong with a file (which line, why);
`import_story(path)` saves one file in one transaction, so a bad file leaves nothing behind.

A story is found again by its source identity: the `id:` line if the file has one, else the
file's path relative to the import root (never its bare name, so dirA/story.txt and
dirB/story.txt are two stories). The importer obeys the desk: it changes a story's status
only while the story is its own untouched draft, and replaces the text of a story an editor
has touched (or that readers can see) only when told to (`update=True`), saving a version
"by the importer" and moving the story's "updated" time through publishing.note_edit.
"""

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.html import escape

from . import locks, publishing, revisions
from .arabic import arabic_slugify, normalize
from .cleaning import NUL, clean_line
from .languages import slug_lookup
from .models import Article, Author, Byline, Section, WorkflowEvent

# Authors are separated by an Arabic or Latin comma, or by a standalone "و" (and);
# "و" that begins a name (وليد، وفاء) is part of the name, not a separator.
_AUTHOR_SEPARATORS = re.compile(r"\s*[،,]\s*|\s+و\s+")
# Where the first clause of a lead ends.
_CLAUSE_END = re.compile(r"[،,.؛;:!؟?]")
# Only these end a line in a story file; U+2028, form feed, NEL and the like are spaces.
_LINE_END = re.compile(r"\r\n|\r|\n")
_SOURCE_ID = re.compile(r"^id:\s*(?P<id>[A-Za-z0-9][A-Za-z0-9._:/-]*)\s*$", re.IGNORECASE)
HEADLINE_MAX_WORDS = 14


def max_authors():
    return settings.NEWSROOM_IMPORT_MAX_AUTHORS


def max_bytes():
    return settings.NEWSROOM_IMPORT_MAX_BYTES


def _max_length(model, name):
    return model._meta.get_field(name).max_length


class StoryFormatError(ValueError):
    """A story file that cannot be imported; says which line is wrong and why."""

    def __init__(self, message, line=None, path=None):
        self.message, self.line, self.path = message, line, path
        super().__init__(str(self))

    def __str__(self):
        where = str(self.path) if self.path else "story"
        if self.line:
            where = f"{where}, line {self.line}"
        return f"{where}: {self.message}"


class ImportRefused(StoryFormatError):
    """The file is fine, but importing it would override a decision of the desk."""


@dataclass
class ParsedStory:
    dateline: str
    authors: list
    paragraphs: list = field(default_factory=list)
    source_id: str = ""

    @property
    def derived_headline(self):
        """A working headline from the lead's first clause, for an editor to rewrite."""
        clause = _CLAUSE_END.split(self.paragraphs[0], maxsplit=1)[0]
        words = clause.split()
        headline = " ".join(words[:HEADLINE_MAX_WORDS]).strip(" ”“\"'")
        limit = _max_length(Article, "headline_ar")
        if len(headline) > limit:
            headline = headline[:limit].rsplit(" ", 1)[0] if " " in headline[:limit] else headline[:limit]
        return headline

    @property
    def body_html(self):
        return "\n".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)


def _unique_authors(names):
    """One entry per person: spellings the normaliser folds together are the same author."""
    seen, authors = set(), []
    for name in names:
        key = normalize(name)
        if key and key not in seen:
            seen.add(key)
            authors.append(name)
    return authors


def parse_story(text):
    """Split a story file's text into dateline, authors and paragraphs, or raise StoryFormatError.

    Everything that the database would refuse (a NUL, a value longer than its column) is
    refused here, with its line, so SQLite and PostgreSQL behave alike."""
    text = text.lstrip("\ufeff")
    lines = _LINE_END.split(text)
    for number, line in enumerate(lines, start=1):
        if NUL in line:
            raise StoryFormatError(
                "the line contains a NUL byte (is the file UTF-16 or binary? save it as UTF-8 text)",
                line=number,
            )
    cleaned = [clean_line(line) for line in lines]
    if not any(cleaned):
        raise StoryFormatError("the file is empty", line=1)
    source_id, first_number = "", 1
    match = _SOURCE_ID.match(cleaned[0])
    if match:
        source_id, first_number = match["id"], 2
        limit = _max_length(Article, "import_source") - 3
        if len(source_id) > limit:
            raise StoryFormatError(f"the id is longer than {limit} characters", line=1)
    first = cleaned[first_number - 1] if len(cleaned) >= first_number else ""
    if "/" not in first:
        raise StoryFormatError(
            f"the first line must be 'dateline/author', with a '/' between them; found {first[:80]!r}",
            line=first_number,
        )
    dateline, _slash, authors_text = (part.strip() for part in first.partition("/"))
    if not dateline:
        raise StoryFormatError("the dateline (before '/') is empty", line=first_number)
    limit = _max_length(Article, "dateline_ar")
    if len(dateline) > limit:
        raise StoryFormatError(
            f"the dateline is {len(dateline)} characters long; the limit is {limit}", line=first_number
        )
    names = [name.strip() for name in _AUTHOR_SEPARATORS.split(authors_text) if name.strip()]
    if not names:
        raise StoryFormatError("no author after '/' on the first line", line=first_number)
    authors = _unique_authors(names)
    if len(authors) > max_authors():
        raise StoryFormatError(
            f"{len(authors)} authors; a story may have at most {max_authors()}", line=first_number
        )
    limit = _max_length(Author, "name_ar")
    for name in authors:
        if len(name) > limit or len(normalize(name)) > _max_length(Author, "name_key"):
            raise StoryFormatError(
                f"the author name {name[:40]!r}… is longer than {limit} characters", line=first_number
            )
    paragraphs = [line for line in cleaned[first_number:] if line]
    if not paragraphs:
        raise StoryFormatError(
            "the story has no body: no paragraph after the first line", line=first_number + 1
        )
    return ParsedStory(dateline=dateline, authors=authors, paragraphs=paragraphs, source_id=source_id)


def _symbolic_link_in(path, root):
    """The first symbolic link among `path` and its folders below `root` (as written, not
    resolved), or None. Folders above the root are the operator's business."""
    path = Path(os.path.abspath(path))
    root = Path(os.path.abspath(root))
    for part in (path, *path.parents):
        if part == root or root not in part.parents:
            break
        if part.is_symlink():
            return part
    return None


def _read_regular_file(path, root=None):
    """The bytes of `path` (at most max_bytes() + 1) if it is a regular file reached through
    no symbolic link, else StoryFormatError. Other systems drop files into the importer's
    folders: a link to /etc/passwd must not become a draft, and a pipe or a device must not
    hang or flood it. The checks are made on the open file itself (no race with a swap)."""
    link = _symbolic_link_in(path, root or import_root())
    if link is not None:
        raise StoryFormatError(
            f"{link} is a symbolic link: refused (import the file it points to)", path=path
        )
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise StoryFormatError("no such file", path=path) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise StoryFormatError(
                "a symbolic link: refused (import the file it points to)", path=path
            ) from None
        raise StoryFormatError(f"cannot be read: {error.strerror}", path=path) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise StoryFormatError("not a regular file (a folder, device, pipe or socket): refused", path=path)
    with os.fdopen(descriptor, "rb") as file:
        if status.st_size > max_bytes():
            raise StoryFormatError(
                f"the file is {status.st_size:,} bytes; a story file may be at most {max_bytes():,} bytes",
                path=path,
            )
        return file.read(max_bytes() + 1)


def read_story_file(path, root=None):
    path = Path(path)
    raw = _read_regular_file(path, root)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise StoryFormatError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); save the file as UTF-8",
            line=line,
            path=path,
        ) from None
    try:
        return parse_story(text)
    except StoryFormatError as error:
        error.path = path
        raise


def import_root():
    """Where relative source paths start: NEWSROOM_IMPORT_ROOT, else the working folder."""
    return Path(settings.NEWSROOM_IMPORT_ROOT or os.getcwd())


def source_identity(path, story, root=None):
    """The key that finds this story again: `id:<id>` from the file, else the file's path
    relative to the import root (absolute when the file lies outside it)."""
    if story.source_id:
        return f"id:{story.source_id}"
    resolved = Path(path).resolve()
    try:
        identity = resolved.relative_to(Path(root or import_root()).resolve()).as_posix()
    except ValueError:
        identity = resolved.as_posix()
    limit = _max_length(Article, "import_source")
    if len(identity) > limit:
        raise StoryFormatError(
            f"the file's path is longer than {limit} characters; give the story an 'id:' line "
            "or import from a nearer --root",
            path=path,
        )
    return identity


def find_section(name_or_slug):
    """A section by its Arabic or English name or slug, spelt any way the normaliser folds."""
    key = normalize(name_or_slug)
    slug = arabic_slugify(name_or_slug)
    for section in Section.objects.filter(slug_lookup(slug) | slug_lookup(name_or_slug)):
        return section
    for section in Section.objects.all():
        if key in (normalize(section.name_ar), normalize(section.name_en or "")):
            return section
    return None


def default_section():
    names = settings.NEWSROOM_DEFAULT_SECTION
    section = find_section(names["ar"])
    if section is None:
        section = Section.objects.create(name_ar=names["ar"], name_en=names.get("en", ""))
    return section


def find_or_create_author(name):
    author = Author.objects.matching(name).order_by("id").first()
    if author is None:
        author = Author.objects.create(name_ar=name)
    return author


def desk_has_touched(article):
    """Has anyone but the importer decided something about this story? Then its status is
    the desk's, and its text changes only on purpose."""
    return (
        article.status != Article.Status.DRAFT
        or article.last_edited_by_id is not None
        or WorkflowEvent.objects.filter(article=article, user__isnull=False).exists()
    )


IMPORTER = "the importer"


@dataclass
class ImportResult:
    article: Article
    created: bool
    headline_derived: bool
    published: bool
    # Why the story's status was left alone although --publish was asked for ("" if not).
    status_kept: str = ""


@transaction.atomic
def import_story(path, *, publish=False, section=None, headline=None, update=False, root=None):
    """Create or update the Article for one story file. All or nothing.

    `update=True` is needed to replace the text of a story the desk has touched or readers
    can see; the status of such a story is never changed."""
    path = Path(path)
    story = read_story_file(path, root)
    if headline is not None:
        headline = clean_line(headline)
        limit = _max_length(Article, "headline_ar")
        if NUL in headline or len(headline) > limit:
            raise StoryFormatError(f"the headline is longer than {limit} characters", path=path)
    if section is not None and not isinstance(section, Section):
        name = section
        if NUL in name or len(name) > _max_length(Section, "name_ar"):
            raise StoryFormatError(f"unknown section {name[:40]!r}", path=path)
        section = find_section(name)
        if section is None:
            known = "، ".join(Section.objects.values_list("name_ar", flat=True)) or "none yet"
            raise StoryFormatError(f"unknown section {name!r} (sections: {known})", path=path)

    identity = source_identity(path, story, root)
    article = Article.objects.select_for_update().filter(import_source=identity).first()
    created = article is None
    touched = not created and desk_has_touched(article)
    holder = None if created else locks.held_by_other(article, None)
    if holder is not None:
        raise ImportRefused(
            f"story #{article.pk} is open in the desk ({locks.display_name(holder.user)} is editing it); "
            "its text is left as it is. Import again when they are done",
            path=path,
        )
    if touched and not update:
        raise ImportRefused(
            f"story #{article.pk} ({article.get_status_display()}) has been handled by the desk; "
            "its text is left as it is. Import with --update to replace it (a version is kept)",
            path=path,
        )
    if created:
        article = Article(import_source=identity, section=section or default_section())
    else:
        if touched and not revisions.versions_of(article).exists():
            # The story as it stood before the importer replaces it: nothing is lost.
            revisions.save_version(article, comment=IMPORTER)
        if section is not None:
            article.section = section

    if headline:
        article.headline_ar = headline
        article.slug_ar = None  # a new headline gets a new slug; old links still redirect
    elif created:
        article.headline_ar = story.derived_headline
    # Until an editor writes one, the headline is the lead's first clause.
    headline_derived = article.headline_ar == story.derived_headline
    article.dateline_ar = story.dateline
    article.body_ar = story.body_html
    publishing.note_edit(article)
    article.save()

    Byline.objects.filter(article=article).delete()
    Byline.objects.bulk_create(
        Byline(article=article, author=find_or_create_author(name), position=position)
        for position, name in enumerate(story.authors)
    )
    # bulk_create sends no signals: put the reporters' names in the story's search columns.
    Article.objects.filter(pk=article.pk).refresh_search_columns()
    if touched:
        revisions.save_version(article, comment=IMPORTER)

    # A derived headline is a placeholder: such a story waits for an editor, never goes out.
    # The status is the importer's only while the story is its own untouched draft.
    published, status_kept = False, ""
    if publish:
        if touched:
            status_kept = f"the desk has handled this story; it stays {article.get_status_display()}"
        elif headline_derived:
            status_kept = "the headline is derived from the lead; the story stays a draft"
        else:
            publishing.publish(article)
            published = True
    return ImportResult(article, created, headline_derived, published, status_kept)
