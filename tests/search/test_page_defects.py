"""Page defects found with issue 14, each kept fixed: the search page's language link keeps
the query; a fallback caption on the English page is marked as Arabic; the award box shows
each win's category in full; the time stays with its date. (Layout in Chromium:
tests/browser/test_reading_layout.py.)"""

import re
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.translation import override

from articles.models import Article
from articles.pictures.models import Image
from tests.reader.stories import png


@pytest.mark.django_db
@pytest.mark.parametrize("language, other", [("ar", "en"), ("en", "ar")])
def test_the_search_pages_language_link_keeps_the_query(client, demo, language, other):
    with override(language):
        url = reverse("articles:search")
    with override(other):
        expected = f"{reverse('articles:search')}?q={quote('جوائز')}"
    page = client.get(url, {"q": "جوائز"}).content.decode()
    assert f'href="{expected}" lang="{other}"' in page


@pytest.fixture
def pictured(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = Image(caption_ar="مبنى الأمانة في أبها", credit_ar="تصوير: سالم", alt_text_ar="مبنى حجري")
    image.file.save("lead.png", ContentFile(png().read()), save=True)
    Article.objects.filter(pk=demo.pk).update(lead_image=image)
    return demo, image


def figure(page):
    return page.split('<figure class="article__image">')[1].split("</figure>")[0]


@pytest.mark.django_db
def test_an_arabic_fallback_caption_on_the_english_page_is_marked_arabic(client, pictured):
    demo, image = pictured
    with override("en"):
        english = figure(client.get(demo.get_absolute_url()).content.decode())
    # Laid out right to left (caption, then credit), and the alt text says it is Arabic.
    assert '<figcaption lang="ar" dir="rtl"><span dir="auto">مبنى الأمانة في أبها</span>' in english
    assert english.index("مبنى الأمانة") < english.index("تصوير: سالم")
    assert re.search(r'<img [^>]*alt="مبنى حجري" lang="ar" dir="rtl"', english)
    # The Arabic page needs no marking.
    arabic = figure(client.get(demo.get_absolute_url()).content.decode())
    assert "<figcaption>" in arabic and 'lang="ar"' not in arabic
    # Translated words are shown as English, unmarked.
    image.caption_en, image.credit_en, image.alt_text_en = (
        "The municipality building",
        "Photo: Salem",
        "A stone building",
    )
    image.save()
    with override("en"):
        english = figure(client.get(demo.get_absolute_url()).content.decode())
    assert (
        "<figcaption><span" in english and 'alt="A stone building"' in english and 'lang="ar"' not in english
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_award_box_shows_each_wins_category_in_full(client, demo, language):
    with override(language):
        page = client.get(demo.get_absolute_url()).content.decode()
        wins = list(demo.award_wins.select_related("category"))
        names = [win.category.name for win in wins]
    box = page.split('class="award-box"')[1].split("</aside>")[0]
    items = re.findall(r'<li class="award-box__win">(.*?)</li>', box, re.S)
    assert len(items) == len(wins) == 2
    categories = [
        re.search(r'<span class="award-box__category">(.*?)</span>\s*$', item.strip(), re.S).group(1)
        for item in items
    ]
    assert categories[0] != categories[1]
    for name in names:
        assert sum(f"<bdi>{name}</bdi>" in category for category in categories) == 1, name


@pytest.mark.django_db
def test_the_publication_time_is_kept_with_its_date(client, demo):
    page = client.get(demo.get_absolute_url()).content.decode()
    times = page.split('class="meta article__times"')[1].split("</p>")[0]
    assert re.search(r'\d{4}م<span class="nowrap">، \d\d:\d\d</span></time>', times)
    with override("en"):
        english = client.get(demo.get_absolute_url()).content.decode()
    assert re.search(r'\d{4}\)<span class="nowrap">, \d\d:\d\d</span></time>', english)
