"""Who is told about a story's step, and how: a row on the desk's front page and an email.

`step_taken` receives publishing.step_taken (connected in ArticlesConfig.ready()), so every
step from every caller — the story form, a bulk action, the API, a command — notifies the
same way, and the transition table stays in publishing.py alone. The rows are written in
the step's transaction (a refused or rolled-back step leaves none); the emails go once the
transaction commits, so a refused step sends nothing.

The people involved:
- submit, recall: the editors (the Editors group), who review it (or no longer need to);
- send back: the story's reporters: whoever started it and the users linked to its byline's
  authors (Author.user);
- publish, schedule, withdraw, correction: those reporters, and whoever moved or last edited
  the story before (the editor who sent it back, the one who submitted it, …).
Never the person who took the step, nor anyone inactive or without access to the desk.
Steps the system takes (load_demo, import_story --publish) notify no one.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from articles import publishing
from articles.dates import desk_time, desk_zone_name
from articles.desk.models import Notification
from articles.languages import localized
from articles.locks import display_name
from articles.models import Article, WorkflowEvent

logger = logging.getLogger(__name__)
Kind = Notification.Kind
HEADLINE = localized("headline")[0]  # the first edition's headline: every story has one
# What each step says, as a sentence and an email subject (Arabic; translated when shown).
_SENTENCES = {
    Kind.SUBMIT: lambda: _("أُرسل الخبر «%(headline)s» للمراجعة (%(actor)s)."),
    Kind.SEND_BACK: lambda: _("أُعيد الخبر «%(headline)s» إلى المراسل (%(actor)s)."),
    Kind.RECALL: lambda: _("استُرجع الخبر «%(headline)s» من المراجعة (%(actor)s)."),
    Kind.PUBLISH: lambda: _("نُشر الخبر «%(headline)s» (%(actor)s)."),
    Kind.SCHEDULE: lambda: _("جُدول الخبر «%(headline)s» للنشر في %(when)s بتوقيت %(zone)s (%(actor)s)."),
    Kind.WITHDRAW: lambda: _("سُحب الخبر «%(headline)s» من الموقع (%(actor)s)."),
    Kind.CORRECT: lambda: _("أُضيف تصحيح أو تحديث إلى الخبر «%(headline)s» (%(actor)s)."),
}
_SUBJECTS = {
    Kind.SUBMIT: lambda: _("للمراجعة: %(headline)s"),
    Kind.SEND_BACK: lambda: _("أُعيد إليك: %(headline)s"),
    Kind.RECALL: lambda: _("استُرجع من المراجعة: %(headline)s"),
    Kind.PUBLISH: lambda: _("نُشر: %(headline)s"),
    Kind.SCHEDULE: lambda: _("جُدول للنشر: %(headline)s"),
    Kind.WITHDRAW: lambda: _("سُحب: %(headline)s"),
    Kind.CORRECT: lambda: _("تصحيح أو تحديث: %(headline)s"),
}
_NOTE_LABELS = {
    Kind.SEND_BACK: lambda: _("ملاحظة المحرر:"),
    Kind.WITHDRAW: lambda: _("سبب السحب:"),
    Kind.CORRECT: lambda: _("نص التصحيح:"),
}


def sentence(kind, actor_name, headline, when=None):
    """The step in one sentence, in the active language (the front page and the email)."""
    values = {"actor": actor_name or _("النظام"), "headline": headline, "when": "", "zone": ""}
    if when is not None:
        values.update(when=desk_time(when), zone=desk_zone_name())
    return _SENTENCES[kind]() % values


def note_label(kind):
    label = _NOTE_LABELS.get(kind)
    return label() if label else _("ملاحظة:")


def story_admin_url(article_id):
    """The story's form on the desk, as a full address for an email."""
    path = reverse("admin:articles_article_change", args=[article_id])
    return settings.NEWSROOM_DESK_URL.rstrip("/") + path


def recipients(kind, article, actor, editor_before=None):
    """The people told about step `kind` on `article` (one query), never `actor`."""
    reporters = Q(author_profile__bylines__article=article)
    if article.created_by_id:
        reporters |= Q(pk=article.created_by_id)
    if kind in (Kind.SUBMIT, Kind.RECALL):
        wanted = Q(groups__name=publishing.EDITORS)
    elif kind == Kind.SEND_BACK:
        wanted = reporters
    else:
        earlier = WorkflowEvent.objects.filter(article=article, user__isnull=False).values("user_id")
        wanted = reporters | Q(pk__in=earlier)
        if editor_before:
            wanted |= Q(pk=editor_before)
    people = get_user_model().objects.filter(wanted, is_active=True, is_staff=True)
    if actor is not None:
        people = people.exclude(pk=actor.pk)
    return list(people.distinct().order_by("pk"))


@dataclass
class _Mail:
    to: str
    subject: str
    body: str


def _compose(kind, article, actor, person, note, when):
    """One person's email, in the desk's language (Arabic)."""
    headline = getattr(article, HEADLINE) or str(article)
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("مرحباً %(name)s،") % {"name": display_name(person)},
            "",
            sentence(kind, display_name(actor) if actor else "", headline, when),
        ]
        if note:
            lines += ["", note_label(kind), note]
        lines += ["", _("افتح الخبر في غرفة الأخبار:"), story_admin_url(article.pk)]
        subject = f"[{settings.NEWSROOM_SITE_NAME}] " + _SUBJECTS[kind]() % {"headline": headline}
    # A headline is one line: a newline in it must not break the mail's header.
    return _Mail(person.email, " ".join(subject.split()), "\n".join(lines) + "\n")


def _send(mails):
    """After the commit: one connection for the lot. A mail server that is down costs the
    emails (logged), never the step, which is already done and shown on the front page."""
    messages = [
        EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to]) for mail in mails
    ]
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("notification emails not sent (%d)", len(messages))


def step_taken(sender, event, article, user, editor_before=None, **kwargs):
    """publishing.step_taken's receiver: tell the people involved (see the module's doc)."""
    if user is None:
        return
    kind = event.transition
    people = recipients(kind, article, user, editor_before)
    if not people:
        return
    when = event.published_at if kind == Kind.SCHEDULE else None
    Notification.objects.bulk_create(
        [
            Notification(recipient=person, story=article, kind=kind, note=event.note, actor=user)
            for person in people
        ]
    )
    mails = [_compose(kind, article, user, person, event.note, when) for person in people if person.email]
    if mails:
        transaction.on_commit(lambda: _send(mails))


# Reading them
_UNREAD_FIRST = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())


def inbox(user, limit):
    """The person's latest notifications, unread first, with story and actor (one query)."""
    return list(
        Notification.objects.filter(recipient=user)
        .select_related("story", "actor")
        .only(
            "kind",
            "note",
            "created_at",
            "read_at",
            "story_id",
            f"story__{HEADLINE}",
            "story__published_at",
            "actor__username",
            "actor__first_name",
            "actor__last_name",
        )
        .order_by(_UNREAD_FIRST, "-created_at", "-pk")[:limit]
    )


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mark_read(user, *, ids=None, story=None):
    """Mark `user`'s notifications read: those with these ids, those about this story, or
    all of them. Only their own: someone else's ids change nothing. Returns how many."""
    mine = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        mine = mine.filter(pk__in=ids)
    if story is not None:
        mine = mine.filter(story=story)
    return mine.update(read_at=timezone.now())


# The steps that move a story between its reporter and the editors.
BACK_AND_FORTH = (
    WorkflowEvent.Transition.SUBMIT,
    WorkflowEvent.Transition.SEND_BACK,
    WorkflowEvent.Transition.RECALL,
)


def send_back_note(article):
    """The latest send-back (event, with its user) while the story waits for its reporter:
    a draft not submitted again since. None otherwise."""
    if article is None or article.pk is None or article.status != Article.Status.DRAFT:
        return None
    latest = (
        WorkflowEvent.objects.filter(
            article=article,
            transition__in=BACK_AND_FORTH,
        )
        .select_related("user")
        .order_by("-at", "-pk")
        .first()
    )
    if latest is None or latest.transition != WorkflowEvent.Transition.SEND_BACK:
        return None
    return latest
