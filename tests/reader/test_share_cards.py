"""Every story shares with a large image (issue 26): a story with no picture gets a 1200×675
card drawn from its headline once per headline change (a rendition, never while a page
renders); BreadcrumbList JSON-LD; a square publisher logo."""

import io
import json
import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils.translation import override
from PIL import Image as PILImage
from PIL import ImageChops, features

from articles.models import Article
from articles.pictures import share_cards
from tests.reader.stories import story


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def scripts(html):
    return [
        json.loads(text)
        for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def og_image(html):
    return re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)


def test_libraqm_shapes_the_arabic():
    assert features.check("raqm"), "Pillow without libraqm cannot join Arabic letters"


def test_a_card_is_1200_by_675_and_right_to_left():
    png = share_cards.render("أمانة عسير تحصد درع الحكومة الذكية", "محليات", "نيوزروم")
    card = PILImage.open(io.BytesIO(png))
    assert card.format == "PNG" and card.size == (1200, 675)
    # The headline begins at the right margin: ink near the right edge, none at the far left
    # of the headline's first line.
    band = card.crop((0, 170, 1200, 260)).convert("L").point(lambda value: 255 if value > 200 else 0)
    left, _top, right, _bottom = band.getbbox()
    assert right > 1100 and left > 100


def test_arabic_letters_are_joined_not_drawn_one_by_one():
    # Shaped, «سلام» is narrower than its four isolated letters side by side.
    arabic, _latin = share_cards._fonts(60)
    joined = arabic.getlength("سلام", direction="rtl")
    isolated = sum(arabic.getlength(letter, direction="rtl") for letter in "سلام")
    assert joined < isolated


def test_mixed_runs_keep_their_order():
    # In an Arabic line the number and the Latin name run left to right, in place.
    runs = share_cards._runs("أرباح 27.6 مليار لشركة Aramco Digital اليوم")
    assert ("27.6", "ltr") in runs and ("Aramco Digital", "ltr") in runs
    assert [text for text, _ in runs][0].startswith("أرباح")
    assert share_cards._runs("Profit of 27.6 billion", rtl=False) == [("Profit of 27.6 billion", "ltr")]


@pytest.mark.django_db
def test_a_story_without_a_picture_shares_its_card(client, world, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # cards are drawn on commit
        plain = story("خبر بلا صورة عن الطقس", world.local, [world.khalid])
    plain.refresh_from_db()
    name = plain.share_cards["ar"]
    assert name.startswith("renditions/cards/") and default_storage.exists(name)
    html = client.get(plain.get_absolute_url()).content.decode()
    assert og_image(html) == f"http://testserver{default_storage.url(name)}"
    assert scripts(html)[0]["image"] == [og_image(html)]
    with default_storage.open(name) as card:
        assert PILImage.open(card).size == (1200, 675)
    # A story with a picture shares the picture.
    lead_html = client.get(world.lead.get_absolute_url()).content.decode()
    assert "renditions/cards/" not in og_image(lead_html)


@pytest.mark.django_db
def test_a_card_is_drawn_once_per_headline_and_redrawn_when_it_changes(
    world, media, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = story("خبر عن المطر", world.local, [world.khalid])
    first = Article.objects.get(pk=article.pk).share_cards["ar"]
    drawn = []
    monkeypatch.setattr(share_cards, "render", lambda *a: drawn.append(a) or b"png")
    article.refresh_from_db()
    article.body_ar = "<p>نص آخر</p>"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()  # the headline is unchanged: no drawing
    assert drawn == []
    article.headline_ar = "أمطار غزيرة على أبها"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert len(drawn) == 1 and drawn[0][0] == "أمطار غزيرة على أبها"
    second = Article.objects.get(pk=article.pk).share_cards["ar"]
    assert second != first and not default_storage.exists(first) and default_storage.exists(second)


@pytest.mark.django_db
def test_drafts_get_no_card_and_pages_never_draw(client, world, media, monkeypatch):
    draft = Article.objects.get(headline_ar="مسودة سرية")
    assert draft.share_cards == {}
    monkeypatch.setattr(share_cards, "render", lambda *a: pytest.fail("drawn while a page renders"))
    Article.objects.filter(headline_ar="خبر محلي رقم 1").update(share_cards={})
    plain = Article.objects.get(headline_ar="خبر محلي رقم 1")
    html = client.get(plain.get_absolute_url()).content.decode()
    assert og_image(html).endswith("/static/img/logo.png")  # not drawn yet: the logo


@pytest.mark.django_db
def test_the_command_draws_missing_cards_in_each_edition(world, media):
    Article.objects.update(share_cards={})
    call_command("make_share_cards", stdout=io.StringIO())
    lead = Article.objects.get(pk=world.lead.pk)
    assert set(lead.share_cards) == {"ar", "en"}  # the lead has an English edition
    out = io.StringIO()
    call_command("make_share_cards", stdout=out)
    assert "Share cards drawn: 0." in out.getvalue()


@pytest.mark.django_db
def test_the_english_card_shows_the_english_headline(world, media):
    with override("en"):
        shows = share_cards._shows(world.lead, "en")
    assert shows[:2] == ("The municipality wins the shield", "Local") and shows[3] is False
    one = share_cards.render(*shows)
    other = share_cards.render(*share_cards._shows(world.lead, "ar"))
    assert ImageChops.difference(PILImage.open(io.BytesIO(one)), PILImage.open(io.BytesIO(other))).getbbox()


@pytest.mark.django_db
def test_breadcrumbs_and_large_previews(client, world, media):
    html = client.get(world.lead.get_absolute_url()).content.decode()
    crumbs = scripts(html)[1]
    assert crumbs["@type"] == "BreadcrumbList"
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["نيوزروم", "محليات", world.lead.page_title]
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]
    assert crumbs["itemListElement"][1]["item"] == f"http://testserver{world.local.get_absolute_url()}"
    assert '<meta name="robots" content="max-image-preview:large">' in html


def test_the_publisher_logo_is_square_and_large_enough():
    from django.contrib.staticfiles import finders

    from articles.site import structured_data

    with PILImage.open(finders.find(structured_data.LOGO)) as logo:
        assert logo.size[0] == logo.size[1] >= 112


@pytest.mark.django_db
def test_the_lead_picture_is_eager_with_its_size_reserved(client, world, media):
    for url in ("/", world.lead.get_absolute_url()):
        html = client.get(url).content.decode()
        lead = re.search(r'<figure class="article__image">.*?<img ([^>]+)>', html, re.S).group(1)
        assert 'fetchpriority="high"' in lead and 'loading="lazy"' not in lead, url
        assert re.search(r'width="\d+" height="\d+"', lead), url
