"""Discovery: the Google News sitemap (both editions, last 48 hours), reachable from the
sitemap index and robots.txt, valid against the news sitemap schema; lastmod and hreflang."""

import datetime
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.utils import timezone
from django.utils.translation import override
from lxml import etree

from articles.models import Article

SCHEMAS = Path(__file__).resolve().parent / "schemas"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200 and "xml" in response["Content-Type"], url
    return etree.fromstring(response.content)


@pytest.fixture
def newsroom(make_article):
    now = timezone.now()
    translated = make_article(
        headline="الأمانة تفوز بالدرع",
        headline_en="The municipality wins the shield",
        body_en="<p>English body.</p>",
        published_at=now - datetime.timedelta(hours=2),
    )
    arabic_only = make_article(headline="خبر بالعربية وحدها", published_at=now - datetime.timedelta(hours=5))
    old = make_article(
        headline="خبر قديم", headline_en="An old story", published_at=now - datetime.timedelta(hours=49)
    )
    make_article(headline="خبر مجدول", published_at=now + datetime.timedelta(hours=3))
    make_article(headline="مسودة", status=Article.Status.DRAFT)
    return translated, arabic_only, old


@pytest.mark.django_db
def test_news_sitemap_is_listed_in_the_index_and_robots_txt(client, newsroom):
    index = xml(client, "/sitemap.xml")
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert "http://testserver/sitemap-news.xml" in locations
    news = index.xpath("sm:sitemap[sm:loc='http://testserver/sitemap-news.xml']", namespaces=NS)[0]
    assert news.find("sm:lastmod", NS) is not None
    robots = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Sitemap: http://testserver/sitemap-news.xml" in robots


@pytest.mark.django_db
def test_news_sitemap_holds_both_editions_of_the_last_two_days(client, newsroom):
    translated, arabic_only, old = newsroom
    urlset = xml(client, "/sitemap-news.xml")
    entries = {
        (
            url.findtext("news:news/news:publication/news:language", namespaces=NS),
            url.findtext("news:news/news:title", namespaces=NS),
        ): url
        for url in urlset.findall("sm:url", NS)
    }
    assert set(entries) == {
        ("ar", translated.headline_ar),
        ("en", "The municipality wins the shield"),
        ("ar", arabic_only.headline_ar),
    }
    english = entries[("en", "The municipality wins the shield")]
    assert english.findtext("news:news/news:publication/news:name", namespaces=NS) == "Newsroom"
    assert (
        entries[("ar", arabic_only.headline_ar)].findtext(
            "news:news/news:publication/news:name", namespaces=NS
        )
        == "نيوزروم"
    )
    with override("en"):
        assert unquote(english.findtext("sm:loc", namespaces=NS)) == "http://testserver" + unquote(
            translated.get_absolute_url()
        )
    # hreflang pairs on both editions of a translated story, none on an Arabic-only one.
    for language in ("ar", "en"):
        links = entries[
            (
                language,
                translated.headline_ar
                if language == "ar"
                else english.findtext("news:news/news:title", namespaces=NS),
            )
        ].findall("xhtml:link", NS)
        assert sorted(link.get("hreflang") for link in links) == ["ar", "en"]
        assert all(link.get("rel") == "alternate" for link in links)
    assert entries[("ar", arabic_only.headline_ar)].findall("xhtml:link", NS) == []


@pytest.mark.django_db
def test_news_sitemap_validates_against_the_news_schema(client, newsroom):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))
    document = xml(client, "/sitemap-news.xml")
    assert schema.validate(document), schema.error_log
    # The schema can fail: a news entry without its title is refused.
    broken = etree.fromstring(etree.tostring(document))
    title = broken.find("sm:url/news:news/news:title", NS)
    title.getparent().remove(title)
    assert not schema.validate(broken)


@pytest.mark.django_db
def test_lastmod_is_the_stories_update_time(client, newsroom):
    translated, arabic_only, _old = newsroom
    revised = timezone.now().replace(microsecond=0) - datetime.timedelta(minutes=30)
    Article.objects.filter(pk=translated.pk).update(revised_at=revised)
    news = xml(client, "/sitemap-news.xml")
    lastmods = {
        url.findtext("news:news/news:title", namespaces=NS): datetime.datetime.fromisoformat(
            url.findtext("sm:lastmod", namespaces=NS)
        )
        for url in news.findall("sm:url", NS)
    }
    assert lastmods[translated.headline_ar] == revised
    assert lastmods[arabic_only.headline_ar] == arabic_only.published_at.replace(microsecond=0)
    articles = xml(client, "/sitemap-articles.xml")
    mine = [
        url
        for url in articles.findall("sm:url", NS)
        if str(translated.pk) in unquote(url.findtext("sm:loc", namespaces=NS)).split("/")
    ]
    assert len(mine) == 2  # one per edition
    for url in mine:
        assert url.findtext("sm:lastmod", namespaces=NS) == timezone.localtime(revised).date().isoformat()
        assert {link.get("hreflang") for link in url.findall("xhtml:link", NS)} >= {"ar", "en"}


@pytest.mark.django_db
def test_news_sitemap_costs_a_fixed_number_of_queries(
    client, newsroom, make_article, django_assert_max_num_queries
):
    for n in range(5):
        make_article(headline=f"خبر {n}", headline_en=f"Story {n}")
    with django_assert_max_num_queries(2):
        client.get("/sitemap-news.xml")
