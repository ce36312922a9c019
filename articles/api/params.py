"""Reading query parameters. Whatever a client sends, the answer is a value or a 400
(BadParameter) before the database sees it: PostgreSQL refuses NUL bytes and
out-of-range numbers with an error, SQLite quietly accepts them."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

from .. import languages
from .errors import BadParameter

MAX_LENGTH = 200  # longer than any slug, cursor or search the API accepts
MAX_ID = 2**63 - 1  # PostgreSQL's bigint
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# The moments the databases compare safely (years near 1 and 9999 overflow on conversion to
# UTC). No story is published outside them, so an earlier or later moment asks the same.
EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9000, 12, 31, tzinfo=datetime.UTC)


def text(request, name, max_length=MAX_LENGTH):
    """The parameter as text ("" when absent), refused if it has NUL bytes or is too long."""
    value = request.GET.get(name, "")  # a Django or a REST framework request
    if "\x00" in value:
        raise BadParameter(name, _("المعامل يحتوي على محرف غير مسموح به."))
    if len(value) > max_length:
        raise BadParameter(name, _("قيمة المعامل أطول من المسموح."))
    return value.strip()


def language(request, name="lang"):
    """The language a parameter names, or None when it is absent; 400 when it is anything but
    one of the codes, exactly as the schema's enum lists them (an empty `lang=` too)."""
    if name not in request.GET:
        return None
    value = text(request, name)
    if value not in languages.codes() or value != request.GET[name]:
        raise BadParameter(name, _("اللغة غير معروفة. المتاح: ar أو en."))
    return value


def answer_language(request):
    """`?lang=` when given (it wins), else the first edition Accept-Language accepts
    (en-GB counts as en), else Arabic. No cookie: an API client is not a browsing reader."""
    chosen = language(request)
    if chosen:
        return chosen
    header = request.headers.get("Accept-Language", "")[:MAX_LENGTH]
    for code, _quality in parse_accept_lang_header(header):
        code = code.split("-")[0].lower()
        if code in languages.codes():
            return code
    return languages.first()


def limit(request):
    """`limit`, 1 to MAX_LIMIT (the schema's minimum and maximum); DEFAULT_LIMIT when absent.
    Present, it must be the number and nothing else (`limit=`, `limit=0`, ` 5` are 400)."""
    if "limit" not in request.GET:
        return DEFAULT_LIMIT
    value = text(request, "limit")
    exact = value == request.GET["limit"] and value.isascii() and value.isdigit()
    if not exact or not 1 <= int(value) <= MAX_LIMIT:
        raise BadParameter("limit", _("عدد النتائج يجب أن يكون رقمًا بين 1 و100."))
    return int(value)


def moment(request, name, end_of_day=False):
    """An ISO 8601 date or date-time (in the site's zone when it has none), or None when absent.
    A bare date as an upper bound means the end of that day. Any real date is accepted (the
    schema says `date` or `date-time`): one before 1900 or after 9000 is taken as EARLIEST or
    LATEST, which select the same stories."""
    if name not in request.GET:
        return None
    value = text(request, name, max_length=40)
    try:
        if not value or value != request.GET[name]:  # `until=` or spaces: no date (the schema says one)
            raise ValueError(value)
        day = parse_date(value) if len(value) == 10 else None
        if day is not None:
            parsed = datetime.datetime.combine(day, datetime.time.max if end_of_day else datetime.time.min)
        else:
            parsed = parse_datetime(value)
            if parsed is None:
                raise ValueError(value)
    except (ValueError, OverflowError) as error:
        raise BadParameter(
            name, _("التاريخ غير صالح. اكتبه بصيغة ISO 8601 مثل 2021-12-08 أو 2021-12-08T10:00:00+03:00.")
        ) from error
    # Decided on the year as written, before any conversion that could overflow (an offset
    # moves a moment by less than a day).
    if parsed.year < EARLIEST.year:
        return EARLIEST
    if parsed.year > LATEST.year:
        return LATEST
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def reference(request, name):
    """A filter naming a row by id (digits) or by slug in any edition: ("id", 5),
    ("slug", "محليات") or None."""
    value = text(request, name)
    if not value:
        return None
    if value.isascii() and value.isdigit():
        if len(value) > 19 or int(value) > MAX_ID:
            raise BadParameter(name, _("المعرّف الرقمي أكبر من المسموح."))
        return "id", int(value)
    return "slug", value
