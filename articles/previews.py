"""Previews: a story as readers will see it, before (or whatever) its status.

The desk previews from the admin (login, view permission). "Share preview" signs the story's
id with a TimestampSigner; the link needs no login, expires after NEWSROOM_PREVIEW_MAX_AGE
seconds and asks search engines not to index it.
"""

from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.urls import reverse

from .models import Article

SALT = "articles.preview"


def make_token(article):
    return signing.TimestampSigner(salt=SALT).sign(str(article.pk))


def share_url(article):
    return reverse("articles:preview", kwargs={"token": make_token(article)})


def _article(pk):
    return Article.objects.for_detail().get(pk=pk)


def render_preview(request, article_pk):
    """The reader's article template, with the preview banner and noindex."""
    from .publishing import status_label

    article = _article(article_pk)
    response = render(
        request, "articles/article_detail.html",
        {"article": article, "editions": {}, "preview": True, "preview_status": status_label(article)},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def shared_preview(request, token):
    """/preview/<token>/: no login; expired or forged links get an Arabic error page."""
    max_age = getattr(settings, "NEWSROOM_PREVIEW_MAX_AGE", 48 * 3600)
    try:
        pk = int(signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age))
    except signing.SignatureExpired:
        return _refused(request, 410, expired=True)
    except (signing.BadSignature, ValueError):
        return _refused(request, 404, expired=False)
    if not Article.objects.filter(pk=pk).exists():
        return _refused(request, 404, expired=False)
    return render_preview(request, pk)


def _refused(request, status, *, expired):
    response = render(request, "articles/preview_refused.html", {"expired": expired}, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
