"""Site search: one service for both editions and both databases.

Each story keeps its searchable text in plain columns per edition (search_headline_*,
search_body_*, search_names_*), kept by the model layer (`articles/models/search_columns.py`)
with `articles.arabic.index_text`: the folded words, then their stems/lemma keys
(" word word … ~key ~key … "); this module only reads them. The query goes through the same
analysis, so فاطمه/فاطمة, الأولى/الاولى, tashkeel, clitics (وبالجائزة) and broken plurals
(جوائز/جائزة) meet, and both databases run the same matching and the same ranking:

- a word matches a whole word (" word "), or one of its keys (" ~key "); the last word typed
  also matches as the start of a word (" word…") when it has PREFIX_MIN letters or more, so
  a short word no longer finds unrelated longer ones (منى does not find منيرة);
- rank: per word, the best place it is found (headline 3, names 2, body 1), counted four
  times for the word as typed and once for a stem or prefix, so exact words rank first;
  newest first among equals. "As typed" means without its clitics (`arabic.bare_forms`,
  stored with every word): وبالجائزة ranks the stories exactly as بالجائزة and جائزة do.

When the strict search finds nothing, `find_meant()` searches what the reader probably meant:
the suggestion («هل تقصد»), said so on the page; then the stories holding most of the words,
with the words each one holds marked.

On PostgreSQL the same matching is answered by one GIN index per edition (migration
0013): the columns' words split on spaces are the lexemes of a tsvector, so a word is the
lexeme "word", a key "~key", the last word's start a prefix query "word:*" (`_tsquery`).
Always over `Article.objects.published()`; the English edition searches English columns only.
"""

import datetime
import difflib
import functools
import re
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from articles.arabic import KEY_MARK, bare_forms, compound_parts, keys, normalize
from articles.arabic import words as folded_words
from articles.html import plain_text
from articles.models import Article, Author
from articles.models.search_columns import search_fields

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
SNIPPET_WORDS = 40
# How much a word counts where it is found: headline first, then names, then the body.
WEIGHTS = (("headline", 3), ("names", 2), ("body", 1))
# An exact word counts this many times a stem or prefix match in the same place.
EXACT_FACTOR = 4
# The last word typed matches the start of longer words only from this many letters.
PREFIX_MIN = 4


# --- Reading a query ------------------------------------------------------------------


@dataclass
class Query:
    text: str
    terms: list
    error: str = ""
    # The last word may be the start of a longer one (the reader was still typing).
    prefix: bool = False

    @property
    def words(self):
        """The reader's own words, as typed (for suggestions)."""
        return list(dict.fromkeys(self.text.split()))

    @property
    def last(self):
        return self.terms[-1] if self.terms else ""

    def __bool__(self):
        return bool(self.terms) and not self.error


def parse(raw):
    """The reader's words, folded; an `error` code when the query cannot be searched."""
    typed = raw or ""
    raw = typed.strip()
    if len(raw) > MAX_QUERY_LENGTH:
        return Query(raw, [], "too_long")
    terms = list(dict.fromkeys(folded_words(raw)))
    if not terms:
        return Query(raw, [], "empty")
    terms = terms[:MAX_TERMS]
    # A query ending in a space or punctuation is finished: its last word is whole too.
    still_typing = not typed[-1:].isspace() and folded_words(raw[-1:]) != []
    return Query(raw, terms, prefix=still_typing and len(terms[-1]) >= PREFIX_MIN)


# --- Finding stories ------------------------------------------------------------------


def _exact(field, term):
    """The word as typed, clitics aside: one of its bare forms is stored as a whole word."""
    matched = Q()
    for form in bare_forms(term):
        matched |= Q(**{f"{field}__contains": f" {form} "})
    return matched


def _prefixes(term, query):
    """The starts of words the last word typed may be (itself and its bare forms)."""
    if not (query.prefix and term == query.last):
        return []
    return [form for form in dict.fromkeys([term, *bare_forms(term)]) if len(form) >= PREFIX_MIN]


def _loose(field, term, query):
    """Stem/lemma keys, and the start of a word for the last word typed."""
    matched = Q()
    for key in keys(term):
        matched |= Q(**{f"{field}__contains": f" {KEY_MARK}{key} "})
    for start in _prefixes(term, query):
        matched |= Q(**{f"{field}__contains": f" {start}"})
    return matched


def _word_matches(field, term, query):
    return _exact(field, term) | _loose(field, term, query)


def _contains_all(query, language):
    matched = Q()
    for term in query.terms:
        any_field = Q()
        for field in search_fields(language):
            any_field |= _word_matches(field, term, query)
        matched &= any_field
    return matched


def _rank(query, language):
    """Per word, its best place: exact words first, then stems and prefixes; the same
    number on both databases.

    Every story ranked matches every word somewhere, so the last place (a stem or prefix in
    the body) needs no test of its own: the body, the longest column, is read once a word.
    On PostgreSQL not even that: tested after the headline and the names, "the exact word
    somewhere" (the words column, a lookup) can only mean the body."""
    score = Value(0)
    for term in query.terms:
        places = []
        for part, weight in WEIGHTS:
            field = f"search_{part}_{language}"
            exact = _exact(field, term)
            if part == "body" and connection.vendor == "postgresql":
                exact = RawSQL(
                    f"{words_sql(language)} @@ %s::tsquery",
                    [" | ".join(_lexeme(form) for form in bare_forms(term))],
                    output_field=BooleanField(),
                )
            places.append((weight * EXACT_FACTOR, exact))
            places.append((weight, _loose(field, term, query)))
        places.sort(key=lambda place: -place[0])
        *tested, (lowest, _body_loose) = places
        score = score + Case(
            *(When(condition, then=Value(points)) for points, condition in tested),
            default=Value(lowest),
            output_field=IntegerField(),
        )
    return score


# A common word matches most of the archive: rank only the newest CANDIDATES matches and say
# "more than 1,000" instead of counting them. They are looked for in the last RECENT days
# first; the share of those days' stories that matched then says how to go on (`_plan`), so
# that each look reads about as many stories as it finds, however large the archive:
# - a word in WALK_SHARE of the stories or more: the newest stories one by one, until
#   CANDIDATES match (2,000 stories at most at that share);
# - a rarer word: the search index, in a window as much wider as it takes to hold
#   CANDIDATES at that rate (MARGIN times over), then, if still too few, the whole archive.
CANDIDATES = 1000
RECENT = datetime.timedelta(days=30)
WALK_SHARE = 0.5
MARGIN = 2
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
    """The matches to rank and whether there are more: the newest CANDIDATES, ranked."""
    stories = Article.objects.published().in_edition(language)
    if not query:
        return Found(stories.none(), 0, False)
    now = timezone.now()
    ids = _newest(stories, query, language, since=now - RECENT)
    if len(ids) <= CANDIDATES:
        since, walk = _plan(stories, len(ids), now)
        with _planned(walk):
            ids = _newest(stories, query, language, since)
            if len(ids) <= CANDIDATES and since:
                ids = _newest(stories, query, language, None)
    ids, more = ids[:CANDIDATES], len(ids) > CANDIDATES
    ranked = (
        stories.filter(pk__in=ids)
        .annotate(search_rank=_rank(query, language))
        .order_by("-search_rank", "-published_at", "-id")
    )
    return Found(ranked, len(ids), more)


@dataclass
class Meant:
    """What `find_meant` searched: the stories, the query they answer, and how it got there."""

    found: Found
    query: Query  # the words the stories hold: the suggestion's when it was searched instead
    instead_of: str = ""  # the reader's own words, when the suggestion was searched instead
    most_words: int = 0  # when not 0: the stories hold at least this many of the words, not all


def find_meant(query, language="ar"):
    """`find()`, and when it finds nothing: the suggestion («نتائج جيسوس بدلاً من خيسوس»),
    then the stories holding most of the words (at least half; more words held first)."""
    found = find(query, language)
    if found.count or not query:
        return Meant(found, query)
    suggestion = suggest(query, language)
    if suggestion:
        meant = parse(suggestion + " ")  # the suggestion's words are whole words
        found = find(meant, language)
        if found.count:
            return Meant(found, meant, instead_of=query.text)
    if len(query.terms) > 1:
        need = (len(query.terms) + 1) // 2
        return Meant(_find_most(query, language, need), query, most_words=need)
    return Meant(found, query)


def _words_held(query, language):
    """How many of the query's words a story holds (a number per story, both databases)."""
    held = Value(0)
    for term in query.terms:
        if connection.vendor == "postgresql":
            condition = RawSQL(
                f"{words_sql(language)} @@ %s::tsquery",
                [_word_tsquery(term, query)],
                output_field=BooleanField(),
            )
        else:
            condition = Q()
            for field in search_fields(language):
                condition |= _word_matches(field, term, query)
        held = held + Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())
    return held


def _find_most(query, language, need):
    """The newest CANDIDATES stories holding `need` of the words or more, ranked by how many
    they hold, then as `find()` ranks."""
    stories = Article.objects.published().in_edition(language)
    if connection.vendor == "postgresql":
        any_word = " | ".join(_word_tsquery(term, query) for term in query.terms)
        candidates = stories.filter(
            RawSQL(f"{words_sql(language)} @@ %s::tsquery", [any_word], output_field=BooleanField())
        )
    else:
        candidates = stories
    ids = list(
        candidates.alias(held=_words_held(query, language))
        .filter(held__gte=need)
        .order_by("-published_at", "-id")
        .values_list("pk", flat=True)[: CANDIDATES + 1]
    )
    ids, more = ids[:CANDIDATES], len(ids) > CANDIDATES
    ranked = (
        stories.filter(pk__in=ids)
        .annotate(words_held=_words_held(query, language), search_rank=_rank(query, language))
        .order_by("-words_held", "-search_rank", "-published_at", "-id")
    )
    return Found(ranked, len(ids), more)


def held_words(article, query):
    """[(word as typed, does the story hold it)] for each word of the reader's query: what a
    "most words" result shows, the words it holds marked."""
    texts = [
        article.headline,
        article.standfirst,
        plain_text(article.body),
        *(author.name for author in article.byline),
    ]
    return [
        (word, any(_spans(text or "", folded_words(word)) for text in texts))
        for word in query.words
        if folded_words(word)
    ]


def _newest(stories, query, language, since):
    """The ids of the newest CANDIDATES + 1 matches (published since `since`, when given)."""
    return list(
        _matching(stories, query, language, since)
        .order_by("-published_at", "-id")
        .values_list("pk", flat=True)[: CANDIDATES + 1]
    )


def _plan(stories, recent_matches, now):
    """(since, walk): where and how to look after `recent_matches` in the last RECENT days."""
    if not recent_matches:
        return None, False
    if recent_matches >= WALK_SHARE * stories.filter(published_at__gte=now - RECENT).count():
        return None, True
    return now - RECENT * (MARGIN * (CANDIDATES + 1) / recent_matches), False


@contextmanager
def _planned(walk):
    """Tell PostgreSQL's planner how to find the matches. It cannot see that a word and its
    keys go together (it overestimates how many stories match) nor that testing one story's
    words means reading them, so it walks when it should use the index and the other way
    round. Walk: the published_at index, newest first, until the LIMIT. Otherwise: the
    search index (with the published_at index for a window), never row by row."""
    if connection.vendor != "postgresql":
        yield
        return
    settings = ("enable_bitmapscan",) if walk else ("enable_indexscan", "enable_seqscan")
    # SET LOCAL lasts to the end of a transaction: the search's own (time_limited) when there
    # is one, else one made here; RESET after, for the queries that follow in it.
    with transaction.atomic() if not connection.in_atomic_block else nullcontext():
        with connection.cursor() as cursor:
            cursor.execute("; ".join(f"SET LOCAL {setting} = off" for setting in settings))
        yield
        with connection.cursor() as cursor:
            cursor.execute("; ".join(f"RESET {setting}" for setting in settings))


def _matching(stories, query, language, since):
    """The stories that match (published since `since`, when given)."""
    window = {"published_at__gte": since} if since else {}
    if connection.vendor == "postgresql":
        return stories.filter(_postgres_matches(query, language), **window)
    return stories.filter(_contains_all(query, language), **window)


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


def words_sql(language):
    """The column of migration 0013 holding a story's search words as a tsvector."""
    return f'"{Article._meta.db_table}".search_words_{language}'


def _lexeme(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _tsquery(query):
    """`_contains_all` as a tsquery: every word as one of its keys, or (the last word typed)
    the start of a word. A story holding a word holds its keys too, so the keys alone find
    the exact word as well; keys begin with KEY_MARK, so a prefix meets words only."""
    return " & ".join(_word_tsquery(term, query) for term in query.terms)


def _word_tsquery(term, query):
    """One word of `_tsquery`: any of its keys, or (the last word typed) a word's start."""
    lexemes = [_lexeme(KEY_MARK + key) for key in keys(term)]
    lexemes += [_lexeme(start) + ":*" for start in _prefixes(term, query)]
    return "(" + " | ".join(dict.fromkeys(lexemes)) + ")"


def _postgres_matches(query, language):
    """A condition the search words' GIN index answers, however many stories match."""
    return RawSQL(f"{words_sql(language)} @@ %s::tsquery", [_tsquery(query)], output_field=BooleanField())


# --- «هل تقصد»: a close spelling that has results ---------------------------------------

# The latest stories' words (headline, standfirst, body) and their authors' names make the
# vocabulary: what a reader is likely to look for, small enough to read on an empty page.
SUGGESTION_STORIES = 200
SUGGESTION_CUTOFF = 0.75


def _vocabulary(language):
    """{folded word: the word as written} from the latest stories of the edition."""
    stories = Article.objects.published().in_edition(language).order_by("-published_at", "-id")
    latest = stories[:SUGGESTION_STORIES]
    texts = latest.values_list(f"headline_{language}", f"standfirst_{language}", f"body_{language}")
    names = Author.objects.filter(articles__in=latest.values("pk")).values_list(f"name_{language}", flat=True)
    vocabulary = {}
    for text in [*(part for row in texts for part in row), *names]:
        for written in _WRITTEN_WORD.findall(plain_text(text)):
            folded = normalize(written)
            if len(folded) > 2:
                vocabulary.setdefault(folded, _STRIP_MARKS.sub("", written))
    return vocabulary


def suggest(query, language="ar"):
    """A corrected query with results, for a query that has none; "" when there is none.

    Each word the vocabulary does not know is replaced by its closest spelling there
    (difflib, at least SUGGESTION_CUTOFF alike), shown as the stories write it."""
    if not query:
        return ""
    vocabulary = _vocabulary(language)
    known = {key for word in vocabulary for key in keys(word)}
    corrected, changed = [], False
    for term in query.terms:
        if term in vocabulary or known.intersection(keys(term)):
            corrected.append(vocabulary.get(term, term))
            continue
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=SUGGESTION_CUTOFF)
        corrected.append(vocabulary[close[0]] if close else term)
        changed = changed or bool(close)
    if not changed:
        return ""
    text = " ".join(corrected)
    return text if search(parse(text), language).exists() else ""


# --- Showing where the words were found -----------------------------------------------


_FOLDED_WORD = re.compile(r"\w+")
# A word as written, tashkeel and tatweel included (they are not \w).
_WRITTEN_WORD = re.compile(r"[\w\u0610-\u061a\u0640\u064b-\u065f\u0670]+")
_STRIP_MARKS = re.compile("[\u0610-\u061a\u0640\u064b-\u065f\u0670]")


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


def _matcher(query):
    """A test for one folded word of a story: is it one the reader searched for?

    `query` is a Query, or a plain list of folded words (whole words and stems only)."""
    if isinstance(query, Query):
        terms, prefix = query.terms, query.last if query.prefix else None
    else:
        terms, prefix = list(query), None
    # A compound name searched as one word (عبدالعزيز) is marked where written apart too.
    parts = {part for term in terms for part in compound_parts(term)}
    wanted = {key for term in [*terms, *parts] for key in keys(term)}

    def matches(word):
        return (
            word in terms or bool(wanted.intersection(keys(word))) or bool(prefix and word.startswith(prefix))
        )

    return matches


def _spans(text, query):
    """(start, end) ranges of `text` holding a word the query matches (exact, stem or
    prefix), mapped back from the folded text to the writer's own spelling."""
    folded, offsets = _folded_with_offsets(text)
    matches = _matcher(query)
    spans = []
    for match in _FOLDED_WORD.finditer(folded):
        if not matches(match.group()):
            continue
        start = offsets[match.start()]
        end = offsets[match.end() - 1] + 1
        # Take the tashkeel that follows the last letter along with it.
        while end < len(text) and _fold_char(text[end]) == "":
            end += 1
        spans.append((start, end))
    return spans


def highlight(text, query):
    """`text` HTML-escaped, with each matching word (in its original spelling) in <mark>.

    `query`: a Query (stems and the last word's prefix marked too) or a list of folded words."""
    out, position = [], 0
    for start, end in _spans(text, query):
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


def snippet(article, query, words=SNIPPET_WORDS):
    """A passage of the story around the first match, highlighted; the standfirst otherwise."""
    for text in (article.standfirst, plain_text(article.body)):
        text = " ".join((text or "").split())
        spans = _spans(text, query)
        if not spans:
            continue
        start = spans[0][0]
        # Start a few words before the first match, at a word boundary.
        before = text[:start].split(" ")
        lead = " ".join(before[-8:]) if len(before) > 8 else text[:start]
        passage = Truncator(lead + text[start:]).words(words, truncate="…")
        if len(before) > 8:
            passage = "…" + passage
        return highlight(passage, query)
    fallback = " ".join((article.standfirst or plain_text(article.body)).split())
    return highlight(Truncator(fallback).words(words, truncate="…"), query)
