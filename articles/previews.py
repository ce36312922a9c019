"""Previews: a story as readers will see it, before (or whatever) its status.

The desk previews from the admin (login, view permission). "Share preview" signs the story's
id with a TimestampSigner; the link needs no login, expires after NEWSROOM_PREVIEW_MAX_AGE
seconds and asks search engines not to index it.
"""

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, override

from .html import sanitise_body
from .languages import codes
from .models import Article
from .publishing import READER_TEXT_FIELDS

SALT = "articles.preview"


def make_token(article):
    return signing.TimestampSigner(salt=SALT).sign(str(article.pk))


def share_url(article):
    return reverse("articles:preview", kwargs={"token": make_token(article)})


def _article(pk):
    return Article.objects.for_detail().get(pk=pk)


def with_typed_text(article, data):
    """The story with the text typed in its form (not saved), as the reader page will show it."""
    for name in READER_TEXT_FIELDS:
        if name in data:
            value = str(data[name]).replace("\x00", "")
            setattr(article, name, sanitise_body(value) if name.startswith("body_") else value.strip())
    return article


def render_preview(request, pk, *, language=None, typed=None, edition_url=None):
    """The reader's article template, with the preview banner and noindex.

    `language`: the edition to show (default: the active one). `typed`: form data whose text
    replaces the saved text (the desk's live preview). `edition_url(code)`: where the other
    editions' links go; without it the preview offers no language switch (an unsaved preview
    cannot be reloaded in another language: the desk has a button per language)."""
    language = language or get_language()
    with override(language):
        article = _article(pk.pk if isinstance(pk, Article) else pk)
        if typed is not None:
            with_typed_text(article, typed)
        # A non-empty mapping keeps the site's default links out; empty values show no link.
        editions = {code: (edition_url(code) if edition_url else "") for code in codes()
                    if article.has_edition(code)} or {language: ""}
        response = render(
            request, "articles/article_detail.html",
            {"article": article, "editions": editions, "preview": True, "preview_status": article.status_label,
             "preview_unsaved": typed is not None},
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def shared_preview(request, token):
    """/preview/<token>/: no login; expired or forged links get an Arabic error page."""
    max_age = settings.NEWSROOM_PREVIEW_MAX_AGE
    try:
        pk = int(signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age))
    except signing.SignatureExpired:
        return _refused(request, 410, expired=True)
    except (signing.BadSignature, ValueError):
        return _refused(request, 404, expired=False)
    if not Article.objects.filter(pk=pk).exists():
        return _refused(request, 404, expired=False)
    language = request.GET.get("lang")
    return render_preview(
        request, pk, language=language if language in codes() else None,
        edition_url=lambda code: f"{request.path}?lang={code}",
    )


def _refused(request, status, *, expired):
    response = render(request, "articles/preview_refused.html", {"expired": expired}, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
