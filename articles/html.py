"""Story bodies are HTML; only this allow-list of it is ever stored or shown."""

import html as _entities
import re

import nh3
from django.utils.html import strip_tags

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "b", "i",
    "blockquote", "q", "cite", "abbr", "sub", "sup", "bdi",
}
# nh3 drops `dir` unless it is allowed: Arabic bodies quote Latin text and need it.
ALLOWED_ATTRIBUTES = {
    "*": {"dir", "lang"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
}


def sanitise_body(html):
    if not html:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(html):
    """A body's words without its markup (for search and snippets; never for display as HTML)."""
    return strip_tags(html or "").replace("\xa0", " ")


# Arabic news prose, read on screen: the reader page's reading time and the desk's live count
# (static/articles/story-text.js reads words the same way; the form hands it this number).
WORDS_PER_MINUTE = 180
# The end of a block is a word boundary even where the editor wrote no space (</p><p>).
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def words(html):
    """The words of a body: markup dropped, blocks kept apart, entities read, split on white space."""
    return _entities.unescape(strip_tags(_BLOCK_END.sub(" ", html or ""))).split()


def word_count(html):
    return len(words(html))


def cut(text, limit):
    """`text` in at most `limit` characters: cut at the last whole word, with "…" after it."""
    if len(text) <= limit:
        return text
    kept = text[:limit - 1]
    if " " in kept:
        kept = kept[:kept.rindex(" ")]
    return kept.rstrip(" ،,.؛:") + "…"


def reading_minutes(html):
    """Whole minutes to read a body at WORDS_PER_MINUTE, at least one."""
    return max(1, -(-word_count(html) // WORDS_PER_MINUTE))
