from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site_name():
    """The masthead in the active language (feeds and structured data use it too)."""
    return settings.NEWSROOM_SITE_NAME_EN if get_language() == "en" else settings.NEWSROOM_SITE_NAME


def site(request):
    """Site name and the links to this page in the other language."""
    return {
        "site_name": site_name(),
        "default_editions": {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES},
    }
