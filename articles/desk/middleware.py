"""The desk's middleware: admin pages speak Arabic, show the desk's clock, and let the
admin widgets' inline styles through the CSP."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


class AdminLanguageMiddleware:
    """The admin speaks the site's language (Arabic), whatever the browser asks for.

    An editor who picks another language from the admin's switcher gets it (the language
    cookie); Accept-Language alone never turns the desk into a left-to-right English admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if request.path_info.startswith(reverse("admin:index")):
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if language not in self.languages:
                language = settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class DeskTimeZoneMiddleware:
    """Admin pages show and read times in the desk's time zone (NEWSROOM_DESK_TIME_ZONE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(reverse("admin:index")):
            return self.get_response(request)
        from zoneinfo import ZoneInfo

        from django.utils import timezone

        with timezone.override(ZoneInfo(settings.NEWSROOM_DESK_TIME_ZONE)):
            return self.get_response(request)


class AdminStylePolicyMiddleware:
    """The admin's widgets (jQuery UI tabs, select2, the body editor) insert <style>
    elements from their scripts; on admin pages the CSP lets inline styles through. Scripts
    stay strict everywhere. Listed after django-csp's middleware, so this runs first on the
    way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(reverse("admin:index")):
            response._csp_update = {"style-src-elem": ["'unsafe-inline'"]}
        return response
