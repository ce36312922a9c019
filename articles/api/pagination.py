"""Opaque cursors: the position after the last item a client has, signed so that a cursor
cannot be forged or edited (a tampered one is a 400, never a database error).

Lists walk a key (e.g. newest first: published_at, then id) rather than page numbers, so a
story published while a client pages does not shift what it sees next.
"""

import datetime

from django.core import signing
from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from .errors import BadParameter
from .params import text

SALT = "newsroom.api.cursor"
MAX_CURSOR_LENGTH = 300


def encode(kind, *values):
    return signing.dumps(
        [kind, *[v.isoformat() if isinstance(v, datetime.datetime) else v for v in values]],
        salt=SALT,
        compress=False,
    )


def decode(request, name, kind, types):
    """The values a cursor of `kind` carries, as `types` (datetime or int), or None."""
    raw = text(request, name, max_length=MAX_CURSOR_LENGTH)
    if not raw:
        return None
    try:
        payload = signing.loads(raw, salt=SALT)
        if not isinstance(payload, list) or len(payload) != len(types) + 1 or payload[0] != kind:
            raise ValueError(raw)
        values = []
        for value, expected in zip(payload[1:], types, strict=True):
            if expected is datetime.datetime:
                value = parse_datetime(value) if isinstance(value, str) else None
            elif not isinstance(value, int) or isinstance(value, bool):
                value = None
            if value is None:
                raise ValueError(raw)
            values.append(value)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadParameter(name, _("المؤشر غير صالح. استعمل قيمة next كما أعادتها الواجهة.")) from error
    return values


def after(fields, values, descending):
    """The rows strictly after `values` in the order of `fields` (a keyset condition)."""
    op = "lt" if descending else "gt"
    condition, equal = Q(), Q()
    for field, value in zip(fields, values, strict=True):
        condition |= equal & Q(**{f"{field}__{op}": value})
        equal &= Q(**{field: value})
    return condition


def page(queryset, fields, values, limit, descending):
    """Up to `limit` rows after the cursor position, and whether more follow."""
    if values is not None:
        queryset = queryset.filter(after(fields, values, descending))
    order = [f"-{field}" if descending else field for field in fields]
    rows = list(queryset.order_by(*order)[: limit + 1])
    return rows[:limit], len(rows) > limit
