"""Story bodies are HTML; only this allow-list of it is ever stored or shown.

A picture from the library sits in a body as `<figure data-image-id="12"></figure>`: the id
and nothing else (no address, no caption to go stale, no content), at the body's top level.
Pages, the preview and the API draw it from the picture's renditions and words
(articles/body_pictures.py).
"""

import html as _entities
import re
from html.parser import HTMLParser

import nh3
from django.utils.html import strip_tags

from .cleaning import drop_invisible

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "q",
    "cite",
    "abbr",
    "sub",
    "sup",
    "bdi",
    "figure",
}
# nh3 drops `dir` unless it is allowed: Arabic bodies quote Latin text and need it.
ALLOWED_ATTRIBUTES = {
    "*": {"dir", "lang"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "figure": {"data-image-id"},
}
IMAGE_ID = re.compile(r"[1-9][0-9]{0,17}")
# The one form a body picture has once sanitised (nh3 writes attributes in double quotes).
BODY_PICTURE = re.compile(r'<figure data-image-id="([1-9][0-9]{0,17})"></figure>')
VOID_TAGS = {"br"}


def _attribute(tag, name, value):
    if tag == "figure":
        # A picture is its id: no direction, language or anything else on it.
        return value if name == "data-image-id" and IMAGE_ID.fullmatch(value) else None
    return value


class _BodyPictures(HTMLParser):
    """Rewrites nh3's (well-formed) output so that a figure is exactly
    `<figure data-image-id="N"></figure>` at the top level: whatever was inside it goes, a
    figure without an id gives way to its content, a figure inside another element goes."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out, self.open_tags, self.skipping, self.unwrapped = [], [], 0, 0

    def handle_starttag(self, tag, attrs):
        if self.skipping:
            self.skipping += tag == "figure"
            return
        if tag == "figure":
            image_id = dict(attrs).get("data-image-id")
            if image_id and not self.open_tags:
                self.out.append(f'<figure data-image-id="{image_id}"></figure>')
                self.skipping = 1
            elif image_id:
                self.skipping = 1
            else:
                self.unwrapped += 1
            return
        self.out.append(self.get_starttag_text())
        if tag not in VOID_TAGS:
            self.open_tags.append(tag)

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= tag == "figure"
            return
        if tag == "figure":
            self.unwrapped -= 1
            return
        if self.open_tags and self.open_tags[-1] == tag:
            self.open_tags.pop()
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def sanitise_body(html):
    if not html:
        return html
    # After nh3, which writes a character reference (&#x202E;) as the character itself.
    clean = drop_invisible(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            attribute_filter=_attribute,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )
    )
    if "<figure" not in clean:
        return clean
    parser = _BodyPictures()
    parser.feed(clean)
    parser.close()
    return "".join(parser.out)


def body_picture_ids(html):
    """The ids of the library pictures a sanitised body holds, in order, each once."""
    return list(dict.fromkeys(int(found) for found in BODY_PICTURE.findall(html or "")))


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
    kept = text[: limit - 1]
    if " " in kept:
        kept = kept[: kept.rindex(" ")]
    return kept.rstrip(" ،,.؛:") + "…"


def reading_minutes(html):
    """Whole minutes to read a body at WORDS_PER_MINUTE, at least one."""
    return max(1, -(-word_count(html) // WORDS_PER_MINUTE))
