"""Every text element of a feed is text (RSS <dc:creator> and <category> included), and story
bodies lose bidi overrides and zero-width characters as plain fields do (ZWNJ/ZWJ stay)."""

import feedparser
import pytest
from django.urls import reverse

from articles.models import Article, Author, Byline

pytestmark = pytest.mark.django_db

MARKUP = '<img src=x onerror="alert(1)">'


def test_an_author_name_with_markup_is_text_in_rss(client, make_article, section):
    article = make_article("خبر")
    hostile = Author.objects.create(name_ar=f"{MARKUP}فاطمة")
    Byline.objects.create(article=article, author=hostile, position=1)
    section.name_ar = f"{MARKUP}محليات"
    section.save()
    response = client.get(reverse("articles:feed_rss"))
    raw = response.content.decode()
    # Escaped for HTML, then for XML: "&amp;lt;img", never "&lt;img" (a live tag once parsed).
    assert "<dc:creator" in raw and "&amp;lt;img" in raw
    assert "&lt;img" not in raw.replace("&amp;lt;img", "")
    feed = feedparser.parse(response.content, sanitize_html=False)
    assert not feed.bozo
    entry = feed.entries[0]
    # What a reader that treats the element as HTML shows: the typed characters, no tag.
    assert "<img" not in entry.author and "&lt;img" in entry.author and "فاطمة" in entry.author
    assert all("<img" not in tag.term for tag in entry.tags)


def test_atom_author_names_stay_plain_text(client, make_article):
    article = make_article("خبر")
    hostile = Author.objects.create(name_ar=f"{MARKUP}فاطمة")
    Byline.objects.create(article=article, author=hostile, position=1)
    feed = feedparser.parse(client.get(reverse("articles:feed_atom")).content, sanitize_html=False)
    # Atom's <name> is text by definition: the reader shows the characters as typed.
    assert MARKUP in feed.entries[0].author


@pytest.mark.parametrize(
    "invisible",
    [
        "\u202e",
        "\u202a",
        "\u2066",
        "\u2069",
        "\u200e",
        "\u200f",
        "\u061c",
        "\u200b",
        "\u2060",
        "\ufeff",
        "\x07",
    ],
)
def test_bidi_overrides_and_zero_width_characters_leave_bodies(section, invisible):
    article = Article.objects.create(
        headline_ar="خبر",
        section=section,
        body_ar=f"<p>نص{invisible} الخبر</p><p>&#x202E;مقلوب</p>",
        body_en=f"<p>text{invisible} here</p>",
    )
    article.refresh_from_db()
    assert article.body_ar == "<p>نص الخبر</p><p>مقلوب</p>"
    assert article.body_en == "<p>text here</p>"


def test_zwnj_and_zwj_stay_in_bodies(section):
    body = "<p>می\u200cخواهم و \u200dعربي</p>"
    article = Article.objects.create(headline_ar="خبر", section=section, body_ar=body)
    article.refresh_from_db()
    assert article.body_ar == body
