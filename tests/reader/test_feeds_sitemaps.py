"""Feeds (parsed by feedparser) and sitemaps (parsed by ElementTree): published stories only."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlparse

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from articles.models import Article
from tests.reader.stories import story

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SECRET = ("مسودة سرية", "خبر مجدول سري")


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def titles(feed):
    return [entry.title for entry in feed.entries]


@pytest.mark.django_db
@pytest.mark.parametrize("kind, version", [("rss", "rss20"), ("atom", "atom10")])
def test_site_feed(client, world, kind, version, django_assert_max_num_queries):
    url = reverse(f"articles:feed_{kind}")
    with django_assert_max_num_queries(3):
        feed = parse_feed(client, url)
    assert feed.version == version
    assert feed.feed.title == "نيوزروم" and feed.feed.language == "ar"
    assert titles(feed)[0] == world.lead.headline_ar
    assert len(feed.entries) == 7  # lead, five local stories and the economy story
    assert not set(SECRET) & set(titles(feed))
    first = feed.entries[0]
    assert unquote(urlparse(first.link).path) == unquote(world.lead.get_absolute_url())
    assert first.summary == "فوز في فئتين."
    assert "فاطمة القحطاني" in first.author and "خالد العمري" in first.author
    assert first.published_parsed[:5] == world.lead.published_at.utctimetuple()[:5]


@pytest.mark.django_db
def test_english_feed_lists_the_english_edition_only(client, world):
    with override("en"):
        url = reverse("articles:feed_atom")
    feed = parse_feed(client, url)
    assert url.startswith("/en/") and feed.feed.title == "Newsroom"
    assert titles(feed) == ["The municipality wins the shield"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_and_author_feeds(client, world, kind):
    section = parse_feed(client, reverse(f"articles:section_feed_{kind}", args=[world.economy.slug]))
    assert titles(section) == ["خبر اقتصادي عن الصحة"]  # the scheduled economy story is not there
    author = parse_feed(client, reverse(f"articles:author_feed_{kind}", args=[world.fatimah.slug]))
    assert world.lead.headline_ar in titles(author) and "خبر اقتصادي عن الصحة" not in titles(author)
    assert not set(SECRET) & set(titles(author))
    assert client.get(reverse(f"articles:author_feed_{kind}", args=["nobody"])).status_code == 404


@pytest.mark.django_db
def test_pages_advertise_their_feeds(client, world):
    home = client.get("/").content.decode()
    assert f'type="application/rss+xml" title="نيوزروم (RSS)" href="{reverse("articles:feed_rss")}"' in home
    section = client.get(world.local.get_absolute_url()).content.decode()
    assert reverse("articles:section_feed_atom", args=[world.local.slug]) in section


def parse_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "xml" in response["Content-Type"]
    return ET.fromstring(response.content)


@pytest.mark.django_db
def test_sitemap_index_lists_each_sitemap(client, world):
    index = parse_xml(client, "/sitemap.xml")
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert locations == [
        f"http://testserver/sitemap-{name}.xml"
        for name in ("articles", "sections", "authors", "awards", "news")
    ]
    for location in locations:
        parse_xml(client, urlparse(location).path)


@pytest.mark.django_db
def test_article_sitemap_has_both_editions_published_only(client, world):
    urlset = parse_xml(client, "/sitemap-articles.xml")
    locations = [unquote(loc.text) for loc in urlset.findall("sm:url/sm:loc", NS)]
    published = Article.objects.published()
    assert len(locations) == published.count() + 1  # every story in Arabic, one in English too
    with override("en"):
        english = "http://testserver" + world.lead.get_absolute_url()
    assert english in locations
    assert not [loc for loc in locations if f"/{world.draft.pk}/" in loc or f"/{world.scheduled.pk}/" in loc]
    lead = next(url for url in urlset.findall("sm:url", NS) if url.find("sm:loc", NS).text == english)
    languages = {link.get("hreflang") for link in lead.findall("xhtml:link", NS)}
    assert languages == {"ar", "en", "x-default"}
    assert lead.find("sm:lastmod", NS).text == timezone.localtime(world.lead.revised_at).date().isoformat()


@pytest.mark.django_db
def test_section_author_award_sitemaps_cover_both_languages(client, world):
    sections = [
        unquote(loc.text) for loc in parse_xml(client, "/sitemap-sections.xml").findall("sm:url/sm:loc", NS)
    ]
    assert "http://testserver/en/local/" in sections and "http://testserver/اقتصاد/" in sections
    # Economy has no English story: its English page is noindex, so no sitemap entry (issue 26).
    assert "http://testserver/en/economy/" not in sections
    authors = [
        unquote(loc.text) for loc in parse_xml(client, "/sitemap-authors.xml").findall("sm:url/sm:loc", NS)
    ]
    # Two authors with published stories, each in the editions holding one of theirs.
    english = {
        author.pk
        for author in (world.fatimah, world.khalid)
        if Article.objects.published().in_edition("en").filter(bylines__author=author).exists()
    }
    assert len(authors) == 2 + len(english)
    awards = [
        unquote(loc.text) for loc in parse_xml(client, "/sitemap-awards.xml").findall("sm:url/sm:loc", NS)
    ]
    assert "http://testserver/en/awards/smart-government-shield/" in awards


@pytest.mark.django_db
def test_news_sitemap_last_two_days_published_only(client, world, django_assert_max_num_queries):
    old = story("خبر قديم", world.local, [world.khalid], hours_ago=49)
    with django_assert_max_num_queries(2):
        urlset = parse_xml(client, "/sitemap-news.xml")
    entries = urlset.findall("sm:url", NS)
    news_titles = [entry.find("news:news/news:title", NS).text for entry in entries]
    assert world.lead.headline_ar in news_titles and "خبر اقتصادي عن الصحة" in news_titles
    assert old.headline_ar not in news_titles
    assert not set(SECRET) & set(news_titles)
    lead = entries[news_titles.index(world.lead.headline_ar)]
    assert lead.find("news:news/news:publication/news:name", NS).text == "نيوزروم"
    assert lead.find("news:news/news:publication/news:language", NS).text == "ar"
    published = datetime.datetime.fromisoformat(lead.find("news:news/news:publication_date", NS).text)
    assert published == world.lead.published_at.replace(microsecond=0)
    assert unquote(lead.find("sm:loc", NS).text) == "http://testserver" + unquote(
        world.lead.get_absolute_url()
    )


@pytest.mark.django_db
def test_news_sitemap_is_capped_at_a_thousand(client, world, monkeypatch):
    from articles.site import sitemaps

    assert sitemaps.NEWS_LIMIT == 1000
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 3)
    assert len(parse_xml(client, "/sitemap-news.xml").findall("sm:url", NS)) == 3
