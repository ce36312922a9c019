"""The API's language is decided before the page cache (articles/caching.py, when present)
builds its key from the active language.

Django's LocaleMiddleware gives every path without a language prefix the site's first
language, so for /api/ it would always say Arabic and a page cache keyed on it would hand an
English answer (chosen by Accept-Language) to an Arabic client. Here `?lang=`, then
Accept-Language, choose it; a bad `?lang=` is left for the view to answer with a 400.
"""

from django.urls import reverse
from django.utils import translation

from . import params
from .errors import BadParameter


class ApiLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        if self.prefix is None:  # the URLconf is ready once requests arrive
            self.prefix = reverse("api:root")
        if request.path_info.startswith(self.prefix):
            try:
                language = params.answer_language(request)
            except BadParameter:
                language = None
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
