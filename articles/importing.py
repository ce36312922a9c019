"""How a plain-text story file becomes an Article.

The format (the wire/desk format of the seed story):

    line 1      dateline/author[، author …]
    line 2…     paragraphs, one a line (blank lines are ignored)

`parse_story(text)` is pure and says exactly what is wrong with a file; `import_story(path)`
saves one file in one transaction, so a bad file leaves nothing behind.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape

from . import publishing
from .arabic import arabic_slugify, normalize
from .models import Article, Author, Byline, Section

# Authors are separated by an Arabic or Latin comma, or by a standalone "و" (and);
# "و" that begins a name (وليد، وفاء) is part of the name, not a separator.
_AUTHOR_SEPARATORS = re.compile(r"\s*[،,]\s*|\s+و\s+")
# Where the first clause of a lead ends.
_CLAUSE_END = re.compile(r"[،,.؛;:!؟?]")
HEADLINE_MAX_WORDS = 14


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


@dataclass
class ParsedStory:
    dateline: str
    authors: list
    paragraphs: list = field(default_factory=list)

    @property
    def derived_headline(self):
        """A working headline from the lead's first clause, for an editor to rewrite."""
        clause = _CLAUSE_END.split(self.paragraphs[0], maxsplit=1)[0]
        words = clause.split()
        return " ".join(words[:HEADLINE_MAX_WORDS]).strip(" ”“\"'")

    @property
    def body_html(self):
        return "\n".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)


def parse_story(text):
    """Split a story file's text into dateline, authors and paragraphs, or raise StoryFormatError."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not text.strip():
        raise StoryFormatError("the file is empty", line=1)
    first = lines[0].strip()
    if "/" not in first:
        raise StoryFormatError(
            f"the first line must be 'dateline/author', with a '/' between them; found {first!r}",
            line=1,
        )
    dateline, _slash, authors_text = (part.strip() for part in first.partition("/"))
    if not dateline:
        raise StoryFormatError("the dateline (before '/') is empty", line=1)
    authors = [name.strip() for name in _AUTHOR_SEPARATORS.split(authors_text) if name.strip()]
    if not authors:
        raise StoryFormatError("no author after '/' on the first line", line=1)
    paragraphs = [line.strip() for line in lines[1:] if line.strip()]
    if not paragraphs:
        raise StoryFormatError("the story has no body: no paragraph after the first line", line=2)
    return ParsedStory(dateline=dateline, authors=authors, paragraphs=paragraphs)


def read_story_file(path):
    path = Path(path)
    if not path.is_file():
        raise StoryFormatError("no such file", path=path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise StoryFormatError(
            f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8",
            line=line, path=path,
        ) from None
    try:
        return parse_story(text)
    except StoryFormatError as error:
        error.path = path
        raise


def find_section(name_or_slug):
    """A section by its Arabic or English name or slug, spelt any way the normaliser folds."""
    key = normalize(name_or_slug)
    slug = arabic_slugify(name_or_slug)
    for section in Section.objects.filter(
        Q(slug_ar=slug) | Q(slug_en=slug) | Q(slug_ar=name_or_slug) | Q(slug_en=name_or_slug)
    ):
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


@dataclass
class ImportResult:
    article: Article
    created: bool
    headline_derived: bool
    published: bool


@transaction.atomic
def import_story(path, *, publish=False, section=None, headline=None):
    """Create or update the Article for one story file. All or nothing."""
    path = Path(path)
    story = read_story_file(path)
    if section is not None and not isinstance(section, Section):
        name = section
        section = find_section(name)
        if section is None:
            known = "، ".join(Section.objects.values_list("name_ar", flat=True)) or "none yet"
            raise StoryFormatError(f"unknown section {name!r} (sections: {known})", path=path)

    article = Article.objects.filter(import_source=path.name).first()
    created = article is None
    if created:
        article = Article(import_source=path.name, section=section or default_section())
    elif section is not None:
        article.section = section

    if headline:
        article.headline_ar = headline.strip()
        article.slug_ar = None  # a new headline gets a new slug; old links still redirect
    elif created:
        article.headline_ar = story.derived_headline
    # Until an editor writes one, the headline is the lead's first clause.
    headline_derived = article.headline_ar == story.derived_headline
    article.dateline_ar = story.dateline
    article.body_ar = story.body_html
    article.save()

    Byline.objects.filter(article=article).delete()
    Byline.objects.bulk_create(
        Byline(article=article, author=find_or_create_author(name), position=position)
        for position, name in enumerate(story.authors)
    )
    # bulk_create sends no signals: put the reporters' names in the story's search columns.
    Article.objects.filter(pk=article.pk).refresh_search_columns()

    # A derived headline is a placeholder: such a story waits for an editor, never goes out.
    published = False
    if publish and not headline_derived:
        publishing.publish(article)
        published = True
    return ImportResult(article, created, headline_derived, published)
