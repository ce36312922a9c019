import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils.translation import override

from articles.dates import format_date, hijri, iso

UTC = datetime.UTC
# 10:00 in Riyadh is 07:00 UTC.
SEED = datetime.datetime(2021, 12, 8, 7, 0, tzinfo=UTC)


def test_arabic_saudi_convention():
    assert format_date(SEED, "ar") == "الأربعاء 4 جمادى الأولى 1443هـ الموافق 8 ديسمبر 2021م، 10:00"


def test_english():
    assert format_date(SEED, "en") == "Wednesday 4 Jumada al-Ula 1443 AH (8 December 2021), 10:00"


def test_active_language_is_used_by_default():
    with override("en"):
        assert format_date(SEED).startswith("Wednesday")
    with override("ar"):
        assert format_date(SEED).startswith("الأربعاء")


def test_time_is_shown_in_riyadh_whatever_zone_the_value_has():
    tokyo = SEED.astimezone(ZoneInfo("Asia/Tokyo"))
    assert format_date(tokyo, "ar").endswith("، 10:00")


def test_day_boundary_follows_riyadh_not_utc():
    # 22:30 UTC on 7 December is 01:30 on Wednesday 8 December in Riyadh.
    late = datetime.datetime(2021, 12, 7, 22, 30, tzinfo=UTC)
    assert format_date(late, "ar") == "الأربعاء 4 جمادى الأولى 1443هـ الموافق 8 ديسمبر 2021م، 01:30"


def test_date_only():
    assert format_date(SEED, "ar", with_time=False) == "الأربعاء 4 جمادى الأولى 1443هـ الموافق 8 ديسمبر 2021م"
    assert (
        format_date(datetime.date(2021, 12, 8), "en") == "Wednesday 4 Jumada al-Ula 1443 AH (8 December 2021)"
    )


@pytest.mark.parametrize("day", [datetime.date(1900, 1, 1), datetime.date(2090, 6, 1)])
def test_outside_umm_al_qura_range_shows_gregorian_only(day):
    assert hijri(day) is None
    value = datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=UTC)
    arabic = format_date(value, "ar")
    assert "هـ" not in arabic and f"{day.year}م" in arabic
    assert "AH" not in format_date(value, "en")


def test_range_edges():
    assert hijri(datetime.date(1924, 8, 1)) is not None  # 1343 AH
    assert hijri(datetime.date(2077, 11, 16)) is not None  # 1500 AH


def test_iso_has_offset_and_no_microseconds():
    value = SEED.replace(microsecond=123456)
    assert iso(value) == "2021-12-08T10:00:00+03:00"
    assert iso(None) is None


def test_template_filters():
    template = Template(
        '{% load newsroom %}{{ when|newsdate }}|{{ when|newsdate:"date" }}|{{ when|isodate }}'
    )
    with override("ar"):
        out = template.render(Context({"when": SEED}))
    assert out == (
        "الأربعاء 4 جمادى الأولى 1443هـ الموافق 8 ديسمبر 2021م، 10:00|"
        "الأربعاء 4 جمادى الأولى 1443هـ الموافق 8 ديسمبر 2021م|2021-12-08T10:00:00+03:00"
    )
    assert Template("{% load newsroom %}{{ none|newsdate }}").render(Context({"none": None})) == ""
