"""Previews: a story as readers will see it, before (or whatever) its status.

The desk previews from the admin (login, view permission). "Share preview" makes a
PreviewLink and signs its id; the link needs no login, expires after NEWSROOM_PREVIEW_MAX_AGE
seconds and asks search engines not to index it. Only an editor, or the story's own
reporter, may hand one out; every link is listed in the desk and can be revoked there; and a
link dies when its story is withdrawn (even if the story later returns to the desk).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from articles import publishing
from articles.desk.models import PreviewLink
from articles.html import sanitise_body
from articles.languages import codes
from articles.models import Article
from articles.publishing import READER_TEXT_FIELDS

SALT = "articles.preview.link"


def can_share(user, article):
    """Editors may share any story's preview; a reporter only a story they wrote. Never a
    withdrawn story."""
    if article.status == Article.Status.WITHDRAWN or not user.is_active:
        return False
    return publishing.may_act_on(user, article)


def make_token(link):
    return signing.TimestampSigner(salt=SALT).sign(str(link.pk))


def link_url(link):
    return reverse("articles:preview", kwargs={"token": make_token(link)})


def share(article, user):
    """A new shareable link to the story's preview, or PermissionDenied (Arabic)."""
    if not can_share(user, article):
        raise PermissionDenied(
            _("لا يمكنك مشاركة معاينة هذا الخبر: المشاركة للمحررين ولكاتب الخبر، ولا تُشارك الأخبار المسحوبة.")
        )
    now = timezone.now()
    link = PreviewLink.objects.create(
        article=article,
        created_by=user,
        created_at=now,
        expires_at=now + datetime.timedelta(seconds=settings.NEWSROOM_PREVIEW_MAX_AGE),
    )
    return link


def share_url(article, user):
    return link_url(share(article, user))


def revoke(links, user):
    """Revoke live links (a queryset); returns how many."""
    return links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now(), revoked_by=user)


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
        editions = {
            code: (edition_url(code) if edition_url else "") for code in codes() if article.has_edition(code)
        } or {language: ""}
        response = render(
            request,
            "articles/article_detail.html",
            {
                "article": article,
                "editions": editions,
                "preview": True,
                "preview_status": article.status_label,
                "preview_unsaved": typed is not None,
            },
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def shared_preview(request, token):
    """/preview/<token>/: no login; expired, revoked, withdrawn or forged links get an
    Arabic error page."""
    try:
        pk = int(signing.TimestampSigner(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return _refused(request, 404, expired=False)
    link = PreviewLink.objects.with_state().filter(pk=pk).first()
    if link is None:
        return _refused(request, 404, expired=False)
    if not link.is_live:
        return _refused(request, 410, expired=True)
    language = request.GET.get("lang")
    return render_preview(
        request,
        link.article_id,
        language=language if language in codes() else None,
        edition_url=lambda code: f"{request.path}?lang={code}",
    )


def _refused(request, status, *, expired):
    response = render(request, "articles/preview_refused.html", {"expired": expired}, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
