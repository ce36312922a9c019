"""Story bodies are HTML; only this allow-list of it is ever stored or shown."""

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
