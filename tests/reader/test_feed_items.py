"""Feeds as subscribers and aggregators read them (issue 26): the item's description is the
page's meta description, a story's picture is an enclosure, ids are tag: URIs, and a renamed
section's or author's feed follows with a 301 like its page."""

import re
from urllib.parse import quote

import feedparser
import pytest
from django.urls import reverse
from django.utils.translation import override

from articles.models import Article, Author
from articles.pictures import renditions
from tests.reader.stories import story


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return feedparser.parse(response.content)


def entry(parsed, headline):
    return next(item for item in parsed.entries if item.title == headline)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_description_is_the_pages_meta_description(client, world, kind):
    parsed = feed(client, reverse(f"articles:feed_{kind}"))
    for headline in ("خبر محلي رقم 0", world.lead.headline_ar):
        article = Article.objects.get(headline_ar=headline)
        page = client.get(article.get_absolute_url()).content.decode()
        meta = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
        assert entry(parsed, headline).summary == article.page_description
        assert meta == article.page_description.replace('"', "&quot;")
    # A story with no standfirst no longer repeats its headline.
    assert entry(parsed, "خبر محلي رقم 0").summary == "نص الخبر"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_picture_is_an_enclosure(client, world, kind):
    parsed = feed(client, reverse(f"articles:feed_{kind}"))
    lead = entry(parsed, world.lead.headline_ar)
    enclosures = [link for link in lead.links if link.rel == "enclosure"]
    assert len(enclosures) == 1
    picture = enclosures[0]
    assert picture.type == "image/jpeg" and picture.href.startswith("http://testserver/")
    assert int(picture.length) > 0
    wide = renditions.best(world.lead.lead_image, "16x9")
    assert picture.href == f"http://testserver{wide.url}" and int(picture.length) == wide.file.size
    # A story without a picture has none.
    plain = entry(parsed, "خبر محلي رقم 0")
    assert not [link for link in plain.links if link.rel == "enclosure"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_ids_are_tag_uris(client, world, kind):
    parsed = feed(client, reverse(f"articles:feed_{kind}"))
    day = world.lead.created_at.strftime("%Y-%m-%d")
    assert entry(parsed, world.lead.headline_ar).id == f"tag:testserver,{day}:article-{world.lead.pk}-ar"
    for item in parsed.entries:
        assert re.fullmatch(r"tag:testserver,\d{4}-\d{2}-\d{2}:article-\d+-ar", item.id)
    with override("en"):
        english = feed(client, reverse(f"articles:feed_{kind}"))
    assert english.entries[0].id.endswith(f"article-{world.lead.pk}-en")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_renamed_sections_and_authors_feed_follows_with_a_301(client, world, kind):
    old_section, old_author = world.local.slug, world.fatimah.slug
    world.local.slug_ar = "محليات-المملكة"
    world.local.save()
    world.fatimah.slug_ar = "فاطمة-ع-القحطاني"
    world.fatimah.save()
    for name, old, owner in (("section", old_section, world.local), ("author", old_author, world.fatimah)):
        response = client.get(reverse(f"articles:{name}_feed_{kind}", args=[old]))
        assert response.status_code == 301, name
        current = reverse(f"articles:{name}_feed_{kind}", args=[owner.slug])
        assert response["Location"] == current
        assert feed(client, current).entries
    # Like the page itself.
    assert client.get(f"/{quote(old_section)}/").status_code == 301


@pytest.mark.django_db
def test_an_author_with_no_public_story_has_no_feed(client, world):
    drafts_only = Author.objects.create(name_ar="سارة المحررة")
    story("مسودة", world.local, [drafts_only], status=Article.Status.DRAFT)
    assert client.get(reverse("articles:author_feed_rss", args=[drafts_only.slug])).status_code == 404
