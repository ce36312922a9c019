"""The NewsArticle JSON-LD on every story page, parsed back and checked property by property."""

import json
import re
from urllib.parse import unquote

import pytest
from django.utils.translation import override
from PIL import Image as PILImage

from articles.site import structured_data

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")  # offset, no microseconds


def json_ld(client, url):
    page = client.get(url).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    # The NewsArticle, then the BreadcrumbList (tests/reader/test_share_cards.py).
    assert len(scripts) == 2 and json.loads(scripts[1])["@type"] == "BreadcrumbList"
    return json.loads(scripts[0])


@pytest.mark.django_db
def test_news_article_properties(client, world):
    lead = world.lead
    data = json_ld(client, lead.get_absolute_url())
    url = "http://testserver" + lead.get_absolute_url()
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["headline"] == lead.headline_ar
    assert data["description"] == "فوز في فئتين."
    assert data["inLanguage"] == "ar"
    assert ISO.match(data["datePublished"]) and ISO.match(data["dateModified"])
    assert data["datePublished"].endswith("+03:00")
    assert data["datePublished"] < data["dateModified"]  # revised after publication
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "فاطمة القحطاني",
            "url": "http://testserver" + world.fatimah.get_absolute_url(),
        },
        {
            "@type": "Person",
            "name": "خالد العمري",
            "url": "http://testserver" + world.khalid.get_absolute_url(),
        },
    ]
    # Its 16:9, 4:3 and 1:1 renditions first (cut when the picture was saved), then the original.
    assert data["image"][-1] == "http://testserver" + world.picture.file.url
    crops = data["image"][:-1]
    assert [re.search(r"-(\d+x\d+)\.jpg$", url).group(1) for url in crops] == ["16x9", "4x3", "1x1"]
    assert all(url.startswith("http://testserver/media/renditions/") for url in crops)
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization" and publisher["name"] == "نيوزروم"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"] == "http://testserver/static/img/logo-square.png"
    assert data["articleSection"] == "محليات"
    assert data["keywords"] == ["الصحة"]
    assert data["dateline"] == "أبها"
    assert data["locationCreated"] == {"@type": "Place", "name": "أبها"}
    [correction] = data["correction"]
    assert correction["@type"] == "CorrectionComment" and correction["text"] == "صُحّح اسم الفئة."
    assert ISO.match(correction["datePublished"])


@pytest.mark.django_db
def test_dates_match_the_story_exactly(client, world):
    from articles.dates import iso

    data = json_ld(client, world.lead.get_absolute_url())
    assert data["datePublished"] == iso(world.lead.published_at)
    assert data["dateModified"] == iso(world.lead.revised_at)


@pytest.mark.django_db
def test_english_edition(client, world):
    with override("en"):
        url = world.lead.get_absolute_url()
        data = json_ld(client, url)
    assert data["inLanguage"] == "en" and data["headline"] == "The municipality wins the shield"
    assert data["author"][0]["name"] == "Fatimah Al-Qahtani" and data["publisher"]["name"] == "Newsroom"
    assert data["articleSection"] == "Local" and data["dateline"] == "Abha"
    assert unquote(data["mainEntityOfPage"]["@id"]) == "http://testserver" + url


@pytest.mark.django_db
def test_story_without_picture_dateline_or_corrections_leaves_them_out(client, world):
    data = json_ld(client, world.older[0].get_absolute_url())
    for key in ("image", "dateline", "locationCreated", "correction"):
        assert key not in data
    assert data["dateModified"] == data["datePublished"]  # never revised
    assert data["description"] == "نص الخبر"  # no standfirst: the start of the body


def test_script_cannot_be_closed_by_the_text():
    script = structured_data.as_script({"headline": "</script><script>alert(1)</script> & more"})
    assert script.count("</script>") == 1 and "\\u003c/script\\u003e" in script
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body)["headline"] == "</script><script>alert(1)</script> & more"


def test_image_hook_is_a_list_of_absolute_urls():
    class Story:
        share_picture = None

    assert structured_data.article_images(Story(), lambda url: "http://x" + url) == []


def test_logo_file_matches_what_the_json_ld_says():
    from django.contrib.staticfiles import finders

    with PILImage.open(finders.find(structured_data.LOGO)) as logo:
        assert logo.size == structured_data.LOGO_SIZE
    assert finders.find("img/icon.svg")
