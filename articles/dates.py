"""How the newsroom writes a date: Gregorian and Hijri (Umm al-Qura), in the reader's language.

Saudi convention: the Hijri date first, then the Gregorian one it corresponds to, then the
time in the site's zone (Asia/Riyadh), e.g.
    الأربعاء 4 جمادى الأولى 1443هـ الموافق 8 ديسمبر 2021م، 10:00
    Wednesday 4 Jumada al-Ula 1443 AH (8 December 2021), 10:00
Outside the Umm al-Qura table (1343–1500 AH) only the Gregorian date is shown.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy
from hijridate import Gregorian

# Names are spelt out here rather than taken from the locale files: the convention is exact,
# and a reader should see the same words whatever translations the server has compiled.
WEEKDAYS = {  # Monday first, as date.weekday() counts
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
GREGORIAN_MONTHS = {
    "ar": [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
HIJRI_MONTHS = {
    "ar": [
        "محرم",
        "صفر",
        "ربيع الأول",
        "ربيع الآخر",
        "جمادى الأولى",
        "جمادى الآخرة",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
        "ذو القعدة",
        "ذو الحجة",
    ],
    "en": [
        "Muharram",
        "Safar",
        "Rabi al-Awwal",
        "Rabi al-Thani",
        "Jumada al-Ula",
        "Jumada al-Akhirah",
        "Rajab",
        "Shaban",
        "Ramadan",
        "Shawwal",
        "Dhu al-Qadah",
        "Dhu al-Hijjah",
    ],
}

# How the pieces are put together in each language (Saudi convention: Hijri first).
PATTERNS = {
    "ar": {
        "gregorian": "{day} {month} {year}م",
        "hijri": "{day} {month} {year}هـ",
        "both": "{weekday} {hijri} الموافق {gregorian}",
        "gregorian_only": "{weekday} {gregorian}",
        "with_time": "{text}، {time}",
    },
    "en": {
        "gregorian": "{day} {month} {year}",
        "hijri": "{day} {month} {year} AH",
        "both": "{weekday} {hijri} ({gregorian})",
        "gregorian_only": "{weekday} {gregorian}",
        "with_time": "{text}, {time}",
    },
}


def _language(language):
    language = (language or get_language() or "ar").split("-")[0]
    return language if language in WEEKDAYS else "en"


def hijri(day):
    """(year, month, day) in Umm al-Qura for a Gregorian date, or None outside its range."""
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return h.year, h.month, h.day


def format_date(value, language=None, with_time=True):
    """The newsroom's date line for a datetime (shown in the site's zone) or a date."""
    if value is None:
        return ""
    language = _language(language)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        day, time = value.date(), value.strftime("%H:%M")
    else:
        day, time, with_time = value, "", False
    h = hijri(day)
    words = {
        "weekday": WEEKDAYS[language][day.weekday()],
        "gregorian": PATTERNS[language]["gregorian"].format(
            day=day.day, month=GREGORIAN_MONTHS[language][day.month - 1], year=day.year
        ),
        "time": time,
    }
    if h:
        words["hijri"] = PATTERNS[language]["hijri"].format(
            day=h[2], month=HIJRI_MONTHS[language][h[1] - 1], year=h[0]
        )
    text = PATTERNS[language]["both" if h else "gregorian_only"].format(**words)
    return PATTERNS[language]["with_time"].format(text=text, **words) if with_time else text


def iso(value):
    """ISO 8601 with the zone offset and no microseconds, as feeds and JSON-LD want it."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


# --- the desk's clock ---------------------------------------------------------------------


def desk_zone():
    """The zone the desk reads and enters times in, whatever zone the server runs in."""
    return ZoneInfo(settings.NEWSROOM_DESK_TIME_ZONE)


# Zones the desk names in words; any other zone is shown by its key (e.g. "Europe/London").
ZONE_NAMES = {"Asia/Riyadh": gettext_lazy("الرياض")}


def desk_zone_name():
    """The desk zone as a person names it: «الرياض» for Asia/Riyadh, the zone key otherwise."""
    key = settings.NEWSROOM_DESK_TIME_ZONE
    return str(ZONE_NAMES.get(key, key))


def parse_desk_time(value):
    """A time typed at the desk (e.g. "2030-03-01T09:00", desk zone) as an aware datetime,
    or None when it is not a time. An aware value is taken as it is."""
    if isinstance(value, datetime.datetime):
        naive = value
    else:
        try:
            naive = datetime.datetime.fromisoformat(str(value or "").strip())
        except ValueError:
            return None
    if timezone.is_aware(naive):
        return naive
    return timezone.make_aware(naive, desk_zone())


def desk_time(value):
    """A moment as the desk reads it (Riyadh time), e.g. 2026-01-01 10:00."""
    return formats.date_format(timezone.localtime(value, desk_zone()), "Y-m-d H:i")
