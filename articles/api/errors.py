"""Every API error is JSON with the same shape, its message in Arabic and in English:

{"status": 400, "code": "bad_parameter", "parameter": "since",
 "message": {"ar": "…", "en": "…"}}
"""

from django.http import Http404, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from rest_framework import exceptions, status
from rest_framework.response import Response

from .. import languages

MESSAGES = {
    "not_found": _("لا يوجد شيء بهذا المعرّف."),
    "throttled": _("طلبات كثيرة من هذا العميل. أعد المحاولة بعد قليل."),
    "method_not_allowed": _("هذه الواجهة للقراءة فقط: استعمل GET."),
    "error": _("تعذّر تنفيذ الطلب."),
    "control_character": _("المعامل يحتوي على محرف غير مسموح به."),
    "unavailable": _("الخدمة غير متاحة مؤقتاً. أعد المحاولة بعد قليل."),
    "server_error": _("حدث خطأ في الخادم، وسُجّل لنصلحه."),
}


def in_every_language(text):
    """A message in each edition's language, e.g. {"ar": "…", "en": "…"}."""
    out = {}
    for code in languages.codes():
        with override(code):
            out[code] = str(text)
    return out


def body(status_code, code, text, **extra):
    return {"status": status_code, "code": code, **extra, "message": in_every_language(text)}


class BadParameter(exceptions.APIException):
    """A query parameter the API cannot use: 400, naming the parameter."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, parameter, text):
        self.parameter, self.text = parameter, text
        super().__init__(str(text))


def exception_handler(exc, context):
    """DRF's errors (and Django's 404) in the API's shape; anything else stays a bug (500)."""
    if isinstance(exc, BadParameter):
        return Response(body(400, "bad_parameter", exc.text, parameter=exc.parameter), status=400)
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response(body(404, "not_found", MESSAGES["not_found"]), status=404)
    if isinstance(exc, exceptions.MethodNotAllowed):
        return Response(
            body(405, "method_not_allowed", MESSAGES["method_not_allowed"]),
            status=405,
            headers={"Allow": "GET, HEAD, OPTIONS"},
        )
    if isinstance(exc, exceptions.APIException):
        return Response(body(exc.status_code, "error", MESSAGES["error"]), status=exc.status_code)
    return None


def bad_parameter_response(parameter, text):
    """A 400 naming the parameter, for answers made before a view runs (middleware)."""
    response = JsonResponse(
        body(400, "bad_parameter", text, parameter=parameter),
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def server_error_response(status_code, retry_after=None):
    """A 500 or (database down) 503 in the API's shape, built without the database."""
    code, text = (
        ("unavailable", MESSAGES["unavailable"])
        if status_code == 503
        else ("error", MESSAGES["server_error"])
    )
    extra = {"retry_after": retry_after} if retry_after else {}
    response = JsonResponse(
        body(status_code, code, text, **extra), status=status_code, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-store"
    if retry_after:
        response["Retry-After"] = str(retry_after)
        response["Access-Control-Expose-Headers"] = "Retry-After"
    return response


def not_found(request, *args, **kwargs):
    """Any other path under /api/v1/: a JSON 404, not the site's HTML page."""
    response = JsonResponse(
        body(404, "not_found", MESSAGES["not_found"]), status=404, json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
