"""What the API decides before the page cache (articles/caching.py, when present) answers:
the client's language, because the cache keys on the active language, and the rate limit,
so every request counts, whether the cache or a view answers it.

Django's LocaleMiddleware gives every path without a language prefix the site's first
language, so for /api/ it would always say Arabic and a page cache keyed on it would hand an
English answer (chosen by Accept-Language) to an Arabic client. Here `?lang=`, then
Accept-Language, choose it; a bad `?lang=` is left for the view to answer with a 400.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation

from . import params
from .errors import MESSAGES, BadParameter, body
from .throttling import ClientRateThrottle


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:  # the URLconf is ready once requests arrive
            self.prefix = reverse("api:root")
        if not request.path_info.startswith(self.prefix):
            return self.get_response(request)
        throttle = ClientRateThrottle()
        if not throttle.allow_request(request, None):
            return self.throttled(throttle.wait())
        try:
            language = params.answer_language(request)
        except BadParameter:
            language = None
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)

    @staticmethod
    def throttled(wait):
        wait = max(1, int(wait or 1))
        response = JsonResponse(
            body(429, "throttled", MESSAGES["throttled"], retry_after=wait),
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
        response["Retry-After"] = str(wait)
        response["Cache-Control"] = "no-store"
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Retry-After"
        return response
