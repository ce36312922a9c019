"""Reading time is counted in minutes and said with the right plural form in each edition."""

import pytest
from django.utils.translation import override

from articles.html import WORDS_PER_MINUTE
from articles.site.templatetags.newsroom import reading_time


def body_of(minutes):
    return "<p>" + " ".join(["كلمة"] * (WORDS_PER_MINUTE * minutes)) + "</p>"


@pytest.mark.parametrize(
    ("minutes", "arabic"),
    [
        (1, "دقيقة واحدة"),
        (2, "دقيقتان"),
        (3, "3 دقائق"),
        (10, "10 دقائق"),
        (11, "11 دقيقة"),
        (100, "100 دقيقة"),
    ],
)
def test_arabic_reading_time_agrees_with_its_number(minutes, arabic):
    with override("ar"):
        assert reading_time(body_of(minutes)) == arabic


def test_english_reading_time():
    with override("en"):
        assert reading_time(body_of(1)) == "1 min read"
        assert reading_time(body_of(7)) == "7 min read"


def test_an_empty_body_still_reads_in_a_minute():
    with override("ar"):
        assert reading_time("") == "دقيقة واحدة"
