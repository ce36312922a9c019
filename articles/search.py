"""Site search: one service for both editions and both databases.

Each story keeps its searchable text, already folded by `articles.arabic.normalize`, in
plain columns per edition (search_headline_*, search_body_*, search_names_*), kept by the
model layer (`articles/models/search_columns.py`); this module only reads them. The query
is folded the same way, so فاطمه/فاطمة, الأولى/الاولى and words with tashkeel meet.

- PostgreSQL: full-text search (SearchQuery/SearchRank with the `arabic` or `english`
  configuration) over the folded columns, plus word-by-word substring and trigram word
  similarity (pg_trgm, GIN-indexed by migration 0004) for partial and misspelt words.
- SQLite: every query word must appear (substring) in the folded text; ranked by where
  it appears. On small data both give the same stories.

Always over `Article.objects.published()`; the English edition searches English columns only.
"""

import datetime
import functools
import re
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import OperationalError, connection, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .arabic import normalize
from .html import plain_text
from .models import Article
from .models.search_columns import search_fields

# The database's text search configuration for each edition.
CONFIGS = {"ar": "arabic", "en": "english"}
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
SNIPPET_WORDS = 40
# How much a word counts where it is found: headline first, then names, then the body.
WEIGHTS = (("headline", 3), ("names", 2), ("body", 1))
TRIGRAM_WORD_THRESHOLD = 0.6
_WORD = re.compile(r"\w+")


# --- Reading a query ------------------------------------------------------------------


@dataclass
class Query:
    text: str
    terms: list
    error: str = ""

    @property
    def words(self):
        """The reader's own words, as typed (for suggestions)."""
        return list(dict.fromkeys(self.text.split()))

    def __bool__(self):
        return bool(self.terms) and not self.error


def parse(raw):
    """The reader's words, folded; an `error` code when the query cannot be searched."""
    raw = (raw or "").strip()
    if len(raw) > MAX_QUERY_LENGTH:
        return Query(raw, [], "too_long")
    terms = []
    for word in _WORD.findall(normalize(raw)):
        if word not in terms:
            terms.append(word)
    if not terms:
        return Query(raw, [], "empty")
    return Query(raw, terms[:MAX_TERMS])


# --- Finding stories ------------------------------------------------------------------


def _contains_all(terms, language):
    matched = Q()
    for term in terms:
        any_field = Q()
        for field in search_fields(language):
            any_field |= Q(**{f"{field}__contains": term})
        matched &= any_field
    return matched


def _simple_rank(terms, language):
    """Where the words are found, weighted: the same number on both databases."""
    score = Value(0)
    for term in terms:
        for part, weight in WEIGHTS:
            score = score + Case(
                When(**{f"search_{part}_{language}__contains": term}, then=Value(weight)),
                default=Value(0), output_field=IntegerField(),
            )
    return score


def search_vector(language):
    """PostgreSQL: the stored, weighted tsvector column migration 0004 adds (headline A,
    names B, body C; GIN-indexed). Not a model field: SQLite has no such column."""
    # Unqualified on purpose: inside the id subquery Django aliases the table (U0), and a
    # qualified name would point at the outer query's row instead.
    return RawSQL(f'"search_vector_{language}"', [], output_field=SearchVectorField())


# A common word matches most of the archive: rank only the newest CANDIDATES matches, found
# in a widening window of recent stories, and say "more than 1,000" instead of counting them.
CANDIDATES = 1000
WINDOWS = (datetime.timedelta(days=30), None)
# No search may hold a worker longer than this (PostgreSQL; milliseconds).
STATEMENT_TIMEOUT_MS = 1500


@dataclass
class Found:
    stories: object  # a ranked queryset over at most CANDIDATES stories
    count: int  # how many that is
    more: bool  # the archive holds more matches than were ranked


class SearchTooSlow(Exception):
    """The database gave up within STATEMENT_TIMEOUT_MS (the reader is asked to narrow it)."""


def search(query, language="ar"):
    """Published stories matching `query` (a Query from parse()), best first."""
    return find(query, language).stories


def find(query, language="ar"):
    """The matches to rank and whether there are more: newest CANDIDATES first."""
    stories = Article.objects.published().in_edition(language)
    if not query:
        return Found(stories.none(), 0, False)
    now = timezone.now()
    for window in WINDOWS:
        since = now - window if window else None
        ids = list(
            stories.filter(pk__in=_matches(Article, query.terms, language, since))
            .order_by("-published_at", "-id").values_list("pk", flat=True)[:CANDIDATES + 1]
        )
        if len(ids) > CANDIDATES:
            break
    ids, more = ids[:CANDIDATES], len(ids) > CANDIDATES
    return Found(_ranked(stories.filter(pk__in=ids), query.terms, language), len(ids), more)


@contextmanager
def time_limited():
    """Run a search's queries under STATEMENT_TIMEOUT_MS; SearchTooSlow when it runs out."""
    if connection.vendor != "postgresql":
        yield
        return
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(STATEMENT_TIMEOUT_MS)}")
            yield
    except OperationalError as error:
        if "statement timeout" in str(error):
            raise SearchTooSlow from error
        raise


def _matches(Article, terms, language, since):
    """Ids of matching stories (published since `since`, when given)."""
    window = {"published_at__gte": since} if since else {}
    if connection.vendor != "postgresql":
        return Article.objects.filter(_contains_all(terms, language), **window).values("pk")
    tsquery = SearchQuery(" ".join(terms), config=CONFIGS[language], search_type="plain")
    return _postgres_matches(Article, terms, language, tsquery, window)


def _ranked(stories, terms, language):
    rank = _simple_rank(terms, language)
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(" ".join(terms), config=CONFIGS[language], search_type="plain")
        rank = rank + Coalesce(SearchRank(search_vector(language), tsquery), Value(0.0))
    return stories.annotate(search_rank=rank).order_by("-search_rank", "-published_at", "-id")


def _postgres_matches(Article, terms, language, tsquery, window=None):
    """The ids of stories that match, as one subquery of simple, index-friendly parts.

    Each word must be in some column (substring, trigram-indexed LIKE) or close to a word of
    the headline or names (trigram word similarity: misspellings; not the body, where word
    similarity is slow and substrings already cover partial words); or the whole query
    matches the stored tsvector (arabic/english stemming). Written as UNION/INTERSECT of
    single-condition selects because, ORed in one WHERE, PostgreSQL's planner prefers a
    sequential scan that reads and detoasts every body.
    """
    def ids(**condition):
        return Article.objects.filter(**condition, **(window or {})).order_by().values("pk")

    per_word = []
    for term in terms:
        parts = [ids(**{f"{field}__contains": term}) for field in search_fields(language)]
        parts += [
            ids(**{f"search_{part}_{language}__trigram_word_similar": term}) for part in ("headline", "names")
        ]
        per_word.append(parts[0].union(*parts[1:]))
    matches = per_word[0].intersection(*per_word[1:]) if len(per_word) > 1 else per_word[0]
    stemmed = Article.objects.alias(search_vector=search_vector(language)).filter(
        search_vector=tsquery, **(window or {})
    ).order_by().values("pk")
    return matches.union(stemmed)


# --- Showing where the words were found -----------------------------------------------


@functools.lru_cache(maxsize=4096)
def _fold_char(char):
    if char.isspace():
        return " "
    return normalize(char)


def _folded_with_offsets(text):
    """The folded text and, for each of its characters, the index of the original one."""
    folded, offsets = [], []
    for index, char in enumerate(text):
        for out in _fold_char(char):
            folded.append(out)
            offsets.append(index)
    return "".join(folded), offsets


def _spans(text, terms):
    """(start, end) ranges of `text` whose folded form is one of the terms."""
    folded, offsets = _folded_with_offsets(text)
    spans = []
    for term in terms:
        for match in re.finditer(re.escape(term), folded):
            start = offsets[match.start()]
            end = offsets[match.end() - 1] + 1
            # Take the tashkeel that follows the last letter along with it.
            while end < len(text) and _fold_char(text[end]) == "":
                end += 1
            spans.append((start, end))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text, terms):
    """`text` HTML-escaped, with each matching word (in its original spelling) in <mark>."""
    out, position = [], 0
    for start, end in _spans(text, terms):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def snippet(article, terms, words=SNIPPET_WORDS):
    """A passage of the story around the first match, highlighted; the standfirst otherwise."""
    for text in (article.standfirst, plain_text(article.body)):
        text = " ".join((text or "").split())
        spans = _spans(text, terms)
        if not spans:
            continue
        start = spans[0][0]
        # Start a few words before the first match, at a word boundary.
        before = text[:start].split(" ")
        lead = " ".join(before[-8:]) if len(before) > 8 else text[:start]
        passage = Truncator(lead + text[start:]).words(words, truncate="…")
        if len(before) > 8:
            passage = "…" + passage
        return highlight(passage, terms)
    fallback = " ".join((article.standfirst or plain_text(article.body)).split())
    return highlight(Truncator(fallback).words(words, truncate="…"), terms)
