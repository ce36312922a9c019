from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """Site name and the links to this page in the other language."""
    language = get_language()
    return {
        "site_name": settings.NEWSROOM_SITE_NAME_EN if language == "en" else settings.NEWSROOM_SITE_NAME,
        "default_editions": {
            code: translate_url(request.path, code) for code, _name in settings.LANGUAGES
        },
    }
