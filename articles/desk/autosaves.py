"""Autosave: what a person has typed into a story's form and not saved, kept on the server.

The form's script posts the typed text a few seconds after typing stops (and when the tab is
hidden or closed). One draft per person per story; a save of the story deletes it. Opening
the story again with a draft that differs from the story offers it back, with a diff.

A story not saved yet is `article=None` here: each person has at most one such draft, the
"add story" form keeps it as they type and offers it back when they open that form again.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.dates import desk_time
from articles.desk.models import Autosave
from articles.html import sanitise_body
from articles.languages import localized
from articles.revisions import compare_text

# The typed text a draft keeps: every text field of the story in every language.
FIELDS = tuple(
    localized("kicker", "headline", "standfirst", "body", "dateline", "seo_title", "seo_description")
)
# Seconds after the last keystroke before the form posts its draft.
IDLE_SECONDS = 3
# A draft larger than this is refused (a story is far smaller; this is a bound on abuse).
MAX_CHARACTERS = 500_000


class Refused(Exception):
    """The posted draft cannot be kept (the message is for the person typing)."""


def _typed(data):
    typed = {}
    for name in FIELDS:
        value = data.get(name)
        if value is None:
            continue
        # PostgreSQL refuses NUL in text and JSON; it is never part of a typed word.
        typed[name] = str(value).replace("\x00", "")
    if sum(len(v) for v in typed.values()) > MAX_CHARACTERS:
        raise Refused(_("النص أطول من أن يُحفظ تلقائياً."))
    return typed


def _as_stored(name, value):
    value = value or ""
    return sanitise_body(value) if name.startswith("body_") else value.strip()


def stored_text(article):
    """The story's text fields as stored; a story not saved yet has none."""
    return {name: (getattr(article, name) or "") if article is not None else "" for name in FIELDS}


def differs(article, typed):
    """Whether the typed text differs from the story as stored (bodies compared sanitised)."""
    stored = stored_text(article)
    return any(_as_stored(n, v) != _as_stored(n, stored[n]) for n, v in typed.items())


@transaction.atomic
def keep(article, user, data):
    """Keep what `user` has typed (form data) as their draft of the story (None: a story not
    saved yet); returns it."""
    typed = _typed(data)
    if not typed:
        raise Refused(_("لا نص لحفظه."))
    try:
        base_version = int(data.get("version") or (article.version if article is not None else 0))
    except (TypeError, ValueError):
        raise Refused(_("رقم النسخة غير صالح.")) from None
    draft, _created = Autosave.objects.update_or_create(
        article=article,
        user=user,
        defaults={"data": typed, "base_version": max(0, base_version), "saved_at": timezone.now()},
    )
    return draft


def discard(article, user):
    Autosave.objects.filter(article=article, user=user).delete()


def draft_of(article, user):
    return Autosave.objects.filter(article=article, user=user).first()


def recovery(article, user):
    """The draft to offer when `user` opens the story: its time and a diff, or None."""
    draft = draft_of(article, user)
    if draft is None or not differs(article, draft.data):
        return None
    stored = stored_text(article)
    return {
        "draft": draft,
        "saved_at": desk_time(draft.saved_at),
        "sections": compare_text(stored, {**stored, **draft.data}),
        "story_saved_since": article is not None and article.version != draft.base_version,
    }


def typed_for_new_story(user):
    """The unsaved new story's text, as the "add story" form's initial values, or {}."""
    draft = draft_of(None, user)
    return {name: value for name, value in draft.data.items() if name in FIELDS} if draft else {}


def apply(article, user):
    """Put the user's draft onto the (unsaved) story object, on the version it was typed on."""
    draft = draft_of(article, user)
    if draft is None:
        return None
    for name, value in draft.data.items():
        if name in FIELDS:
            setattr(article, name, value)
    article.version = draft.base_version
    return draft
