"""Plain text is text in feeds: what a writer types into a standfirst or a headline never
becomes a live tag in a feed reader (RSS <description> and Atom summary are HTML)."""

import feedparser
import pytest
from django.urls import reverse

from .payloads import XSS

pytestmark = pytest.mark.django_db

LIVE = ("<script", "<img", "<svg", "<iframe", "<a ", "<body", "<details", "<math", "<style", "<x ")


def live_markup(html):
    lowered = html.lower()
    return [tag for tag in LIVE if tag in lowered]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_no_payload_survives_as_markup_in_a_feed(client, make_article, author, kind):
    for number, payload in enumerate(XSS):
        make_article(headline=f"خبر {number} {payload}", standfirst_ar=payload)
    author.bio_ar = XSS[0]
    author.save()
    urls = [
        reverse(f"articles:feed_{kind}"),
        reverse(f"articles:author_feed_{kind}", kwargs={"slug": author.slug}),
    ]
    documents = 0
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        # The raw values as a reader's parser sees them, unsanitised.
        feed = feedparser.parse(response.content, sanitize_html=False)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.entries
        subtitle = feed.feed.get("subtitle_detail")
        if subtitle and subtitle.type != "text/plain":
            assert not live_markup(feed.feed.subtitle), feed.feed.subtitle
        for entry in feed.entries:
            documents += 1
            assert not live_markup(entry.summary), entry.summary
            title_type = entry.title_detail.type
            assert title_type == "text/plain" or not live_markup(entry.title)
    assert documents >= len(XSS)


def test_the_typed_text_is_still_readable(client, make_article):
    make_article(headline="عنوان", standfirst_ar="الأسعار < 5 و > 2 & أكثر")
    feed = feedparser.parse(client.get(reverse("articles:feed_rss")).content, sanitize_html=False)
    assert feed.entries[0].summary == "الأسعار &lt; 5 و &gt; 2 &amp; أكثر"
