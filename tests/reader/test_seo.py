"""Search and sharing on the article page: the SEO title, description and social image per
edition in <title>, meta description, Open Graph, Twitter card and JSON-LD; the fallbacks
(headline, standfirst, body, lead picture); hostile text escaped; the English edition its own."""

import json
import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from articles.models import Article
from articles.pictures.models import Image
from tests.reader.stories import png


def head(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    meta = {
        key: unescape(value)
        for key, value in re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)">', page)
    }
    title = unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    return page, title, meta, json.loads(script)


def edit(article, **fields):
    """Change the story as the desk does (a save, so the page cache moves on)."""
    article.refresh_from_db()
    for name, value in fields.items():
        setattr(article, name, value)
    article.save()


def social_picture(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(file=png(), alt_text_ar="شعار الجائزة", alt_text_en="The award's logo")
    return image


@pytest.mark.django_db
def test_without_seo_fields_the_page_falls_back_to_headline_standfirst_and_lead_picture(client, world):
    lead = world.lead
    _page, title, meta, data = head(client, lead)
    assert title == f"{lead.headline_ar} — نيوزروم"
    assert meta["description"] == meta["og:description"] == meta["twitter:description"] == "فوز في فئتين."
    assert meta["og:title"] == meta["twitter:title"] == lead.headline_ar
    assert re.search(r"/media/renditions/[^/]+-1200w-16x9\.jpg$", meta["og:image"])
    assert meta["og:image:alt"] == meta["twitter:image:alt"] == "مبنى حجري"
    assert data["headline"] == lead.headline_ar and data["description"] == "فوز في فئتين."
    assert data["image"][0] == meta["og:image"]


@pytest.mark.django_db
def test_seo_fields_replace_them_everywhere(client, world, django_capture_on_commit_callbacks):
    lead = world.lead
    logo = social_picture(django_capture_on_commit_callbacks)
    edit(
        lead,
        seo_title_ar="عسير تحصد درع الحكومة الذكية",
        seo_description_ar="الأمانة تفوز بالجائزة للمرة الأولى.",
        social_image=logo,
    )
    _page, title, meta, data = head(client, lead)
    assert title == "عسير تحصد درع الحكومة الذكية — نيوزروم"
    assert meta["og:title"] == meta["twitter:title"] == data["headline"] == "عسير تحصد درع الحكومة الذكية"
    assert (
        meta["description"]
        == meta["og:description"]
        == meta["twitter:description"]
        == data["description"]
        == "الأمانة تفوز بالجائزة للمرة الأولى."
    )
    # The social image's share cut, not the lead picture's.
    shared = re.search(r"/media/renditions/([^/]+)-1200w-16x9\.jpg$", meta["og:image"])
    assert shared and meta["og:image"] == meta["twitter:image"] == data["image"][0]
    assert logo.renditions.filter(file__endswith=shared.group(0).rsplit("/", 1)[1]).exists()
    assert meta["og:image:alt"] == "شعار الجائزة"
    # The reader still reads the story's own headline and standfirst.
    page = client.get(lead.get_absolute_url()).content.decode()
    assert f'<h1 class="article__headline">{lead.headline_ar}</h1>' in page


@pytest.mark.django_db
def test_without_a_standfirst_the_description_is_the_start_of_the_body_cut_at_a_word(client, world):
    lead = world.lead
    edit(
        lead,
        standfirst_ar="",
        body_ar="<p>" + "كلمة " * 100 + "</p><p>فقرة &amp; ثانية</p>",
    )
    _page, _title, meta, data = head(client, lead)
    description = meta["description"]
    assert description == data["description"]
    assert len(description) <= 160 and description.endswith("كلمة…")
    lead.refresh_from_db()
    with override("ar"):
        lead.body_ar = "<p>أولى</p><p>فقرة &amp; ثانية</p>"
        # Blocks stay apart and entities are read once (escaped once more only by the page).
        assert lead.page_description == "أولى فقرة & ثانية"


@pytest.mark.django_db
def test_the_english_edition_uses_its_own_fields_never_the_arabic_seo_text(client, world):
    lead = world.lead
    edit(lead, seo_title_ar="عنوان عربي للبحث", seo_description_ar="وصف عربي للبحث")
    with override("en"):
        _page, title, meta, data = head(client, lead)
    assert title == "The municipality wins the shield — Newsroom"
    assert meta["og:title"] == data["headline"] == "The municipality wins the shield"
    assert meta["description"] == data["description"] == "Two categories."
    edit(lead, seo_title_en="Asir wins the smart government shield")
    with override("en"):
        _page, title, meta, data = head(client, lead)
    assert meta["og:title"] == data["headline"] == "Asir wins the smart government shield"
    assert data["inLanguage"] == "en"


@pytest.mark.django_db
def test_hostile_seo_text_is_escaped_in_meta_tags_and_json_ld(client, world):
    lead = world.lead
    hostile = '"><script>alert(1)</script>'
    edit(lead, seo_title_ar=hostile, seo_description_ar="</script><b>&")
    page, title, meta, data = head(client, lead)
    assert "<script>alert(1)" not in page and "<b>&" not in page
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert (
        title.startswith(hostile) and meta["og:title"] == hostile and meta["description"] == "</script><b>&"
    )
    # The JSON-LD script cannot be ended by the text; parsed back it is the text as typed.
    assert data["headline"] == hostile and data["description"] == "</script><b>&"
    assert page.count("</script>") == page.count("<script")
    # A right-to-left override typed into an SEO title is dropped on save, as in a headline.
    edit(lead, seo_title_ar="عنوان\u202e مقلوب\x00", seo_description_ar="سطر\nآخر")
    lead.refresh_from_db()
    assert lead.seo_title_ar == "عنوان مقلوب" and lead.seo_description_ar == "سطر آخر"


@pytest.mark.django_db
def test_seo_lengths_are_validated_with_arabic_messages(world):
    lead = world.lead
    lead.seo_title_ar = "ع" * 71
    lead.seo_description_en = "d" * 161
    with pytest.raises(ValidationError) as refused:
        lead.full_clean()
    errors = refused.value.message_dict
    assert errors["seo_title_ar"] == ["العنوان في محركات البحث أطول من 70 حرفاً (فيه 71). اختصره."]
    assert errors["seo_description_en"] == ["الوصف في محركات البحث أطول من 160 حرفاً (فيه 161). اختصره."]
    lead.seo_title_ar, lead.seo_description_en = "ع" * 70, "d" * 160
    lead.full_clean()  # at the bound: accepted


@pytest.mark.django_db
def test_seo_fields_are_translated_fields(world):
    fields = {field.name for field in Article._meta.get_fields()}
    assert {
        "seo_title_ar",
        "seo_title_en",
        "seo_description_ar",
        "seo_description_en",
        "social_image",
    } <= fields
    lead = world.lead
    edit(lead, seo_title_ar="بالعربية", seo_title_en="In English")
    lead.refresh_from_db()
    with override("ar"):
        assert lead.seo_title == "بالعربية" and lead.page_title == "بالعربية"
    with override("en"):
        assert lead.seo_title == "In English" and lead.page_title == "In English"


@pytest.mark.django_db
def test_a_social_image_costs_the_page_one_query_for_its_renditions(
    client, world, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lead = world.lead
    edit(lead, standfirst_ar="فوز في فئتين.")  # the same save as below, for the cache's sake
    with CaptureQueriesContext(connection) as without:
        assert client.get(lead.get_absolute_url()).status_code == 200
    edit(lead, social_image=social_picture(django_capture_on_commit_callbacks))
    with CaptureQueriesContext(connection) as with_social:
        assert client.get(lead.get_absolute_url()).status_code == 200
    assert len(with_social) == len(without) + 1
