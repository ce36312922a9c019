"""Text details (issue 26): slugs keep decimal numbers in both editions, and the Arabic «و»
of a byline is written joined to the name it adds."""

import re

import pytest
from django.utils.translation import override

from articles.arabic import arabic_slugify
from articles.models import Author
from tests.reader.stories import story


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("أرامكو تعلن أرباحا بقيمة 27.6 مليار دولار", "أرامكو-تعلن-أرباحا-بقيمة-27-6-مليار-دولار"),
        ("نمو بنسبة ٢٧٫٦٪", "نمو-بنسبة-27-6"),
        ("Aramco posts a profit of 27.6 billion", "aramco-posts-a-profit-of-27-6-billion"),
        ("Vision 2030. Next", "vision-2030-next"),  # a full stop after a number is no decimal point
    ],
)
def test_slugs_keep_decimal_numbers(headline, slug):
    assert arabic_slugify(headline) == slug


@pytest.mark.django_db
def test_a_story_with_a_decimal_in_its_headline_gets_it_in_both_urls(client, section, author):
    article = story(
        "أرامكو تعلن أرباحا بقيمة 27.6 مليار دولار",
        section,
        [author],
        headline_en="Aramco posts a profit of 27.6 billion dollars",
        body_en="<p>Body</p>",
    )
    assert article.slug_ar == "أرامكو-تعلن-أرباحا-بقيمة-27-6-مليار-دولار"
    assert article.slug_en == "aramco-posts-a-profit-of-27-6-billion-dollars"
    assert client.get(article.get_absolute_url()).status_code == 200


def byline_of(html):
    return re.search(r'<span class="byline">(.*?)</span>', html, re.S).group(1)


@pytest.mark.django_db
def test_the_arabic_and_is_joined_to_the_next_name(client, section, author):
    fatimah = Author.objects.create(name_ar="فاطمة القحطاني", name_en="Fatimah Al-Qahtani")
    khalid = Author.objects.create(name_ar="خالد العمري", name_en="Khalid Al-Omari")
    two = story("خبر بكاتبين", section, [khalid, fatimah], headline_en="Two writers", body_en="<p>Body</p>")
    html = client.get(two.get_absolute_url()).content.decode()
    byline = byline_of(html)
    # «خالد العمري وفاطمة القحطاني»: no space between و and the name it adds.
    assert re.search(r'</a> و<a href="[^"]+" rel="author"><bdi>فاطمة القحطاني</bdi>', byline), byline
    assert "و <a" not in byline
    three = story("خبر بثلاثة كتاب", section, [author, khalid, fatimah])
    byline = byline_of(client.get(three.get_absolute_url()).content.decode())
    assert re.search(r"</a>، <a[^>]+><bdi>خالد العمري</bdi></a> و<a", byline), byline
    with override("en"):
        english = client.get(two.get_absolute_url()).content.decode()
    assert re.search(
        r'</a> and <a href="[^"]+" rel="author"><bdi>Fatimah Al-Qahtani</bdi>', byline_of(english)
    )
