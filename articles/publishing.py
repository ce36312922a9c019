"""What may happen to a story, and who may do it: one table of transitions, one function each.

`TRANSITIONS` says, for each step, which statuses it leaves from, where it goes, the
permission it needs, the conditions a person must meet (a reporter's own draft, a story not
yet out) and what must be typed with it (a note, a future time, a correction's text).
`available_transitions(article, user)` answers "which buttons?" for the admin, the API and
commands; `check()` is the one test every caller goes through, and the functions below
(`submit`, `recall`, `send_back`, `publish`, `withdraw`, `add_correction`) perform a step with it, in
one transaction that re-reads the story under a row lock and records a WorkflowEvent.

`user=None` means the system itself (load_demo, import_story --publish): no permission or
personal condition is checked and nothing must be typed; the status rules still hold, and
the step is still recorded.

Scheduling is not a status: a scheduled story is PUBLISHED with a future published_at, and
Article.objects.published() lets it out on time.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import locks
from .dates import desk_zone_name, parse_desk_time
from .html import sanitise_body
from .languages import localized
from .models import Article, Correction, WorkflowEvent

Status = Article.Status
Transition = WorkflowEvent.Transition


# Sent inside the step's transaction, once its WorkflowEvent is recorded (every step, every
# caller): receivers see `event`, `article`, `user` and `editor_before` (who last edited the
# story before the step). A refused or rolled-back step sends nothing that lasts: what a
# receiver writes is rolled back with it, and mail waits for the commit (notifications.py).
step_taken = Signal()

# The desk's two roles: groups made by migration 0003 (only superusers manage users and groups).
EDITORS = "Editors"
REPORTERS = "Reporters"


class TransitionNotAllowed(Exception):
    """The story's status, or what was typed, does not allow this step (the message is for the editor)."""


# The ownership policy (as Wagtail's OwnershipPermissionPolicy): editors act on any story,
# reporters on their own. The story form, bulk actions, previews, restore and the steps ask it.


def acts_on_any(user):
    """An editor: may act on any story."""
    return user.has_perm("articles.edit_any_article")


def may_act_on(user, article):
    """Editors on any story; a reporter on a story they wrote."""
    return user.has_perm("articles.change_article") and (
        acts_on_any(user) or article.created_by_id == user.pk
    )


def _own_story(article, user):
    if may_act_on(user, article):
        return None
    return _("لا يمكنك إرسال خبر لم تكتبه للمراجعة.")


def _written_by_them(article, user):
    if article.created_by_id == user.pk:
        return None
    return _("ليست لديك صلاحية استرجاع هذا الخبر: لا يسترجعه من المراجعة إلا من كتبه.")


def _nobody_has_it_open(article, user):
    # An editor reading or editing it now would find it gone from under them.
    lock = locks.held_by_other(article, user)
    if lock is None:
        return None
    return _("لا يُسترجع الخبر الآن: يراجعه %(name)s. اطلب منه إعادته إليك.") % {
        "name": locks.display_name(lock.user)
    }


def _not_yet_public(article, user):
    return _("هذا الخبر منشور فعلاً.") if article.is_public else None


@dataclass(frozen=True)
class Step:
    """One transition of the table. Messages are Arabic, shown as they are."""

    name: str
    label: str  # the button
    done: str  # the event's name (WorkflowEvent.Transition)
    sources: frozenset  # statuses it leaves from
    target: str | None  # the status it leads to (None: unchanged, e.g. a correction)
    permission: str
    refused: str  # said to someone without the permission
    wrong_status: str
    personal: tuple = ()  # (article, user) -> message or None: refused as a permission
    conditions: tuple = ()  # (article, user) -> message or None: refused as "not now"
    needs: str = ""  # "note", "at" or "text": what must be typed with it
    missing: str = ""  # said when it is not typed
    releases_lock: bool = False  # the actor is done with the story


NOT_OUT = frozenset({Status.DRAFT, Status.REVIEW, Status.WITHDRAWN, Status.PUBLISHED})

TRANSITIONS = {
    step.name: step
    for step in (
        Step(
            "submit",
            gettext_lazy("إرسال للمراجعة"),
            Transition.SUBMIT,
            frozenset({Status.DRAFT}),
            Status.REVIEW,
            "articles.change_article",
            gettext_lazy("لا يمكنك إرسال خبر لم تكتبه للمراجعة."),
            gettext_lazy("لا يُرسل للمراجعة إلا خبر في حالة مسودة."),
            personal=(_own_story,),
            releases_lock=True,
        ),
        Step(
            "recall",
            gettext_lazy("استرجاع من المراجعة"),
            Transition.RECALL,
            frozenset({Status.REVIEW}),
            Status.DRAFT,
            "articles.change_article",
            gettext_lazy("ليست لديك صلاحية استرجاع هذا الخبر: لا يسترجعه من المراجعة إلا من كتبه."),
            gettext_lazy("لا يُسترجع إلا خبر قيد المراجعة."),
            personal=(_written_by_them,),
            conditions=(_nobody_has_it_open,),
            releases_lock=True,
        ),
        Step(
            "send_back",
            gettext_lazy("إعادة إلى المراسل"),
            Transition.SEND_BACK,
            frozenset({Status.REVIEW, Status.WITHDRAWN}),
            Status.DRAFT,
            "articles.send_back_article",
            gettext_lazy("ليست لديك صلاحية إعادة الأخبار إلى المراسلين."),
            gettext_lazy("لا يُعاد إلى المراسل إلا خبر قيد المراجعة أو مسحوب."),
            needs="note",
            missing=gettext_lazy("اكتب ملاحظة للمراسل تشرح سبب الإعادة."),
            releases_lock=True,
        ),
        Step(
            "publish",
            gettext_lazy("انشر الآن"),
            Transition.PUBLISH,
            NOT_OUT,
            Status.PUBLISHED,
            "articles.publish_article",
            gettext_lazy("ليست لديك صلاحية نشر الأخبار أو جدولتها."),
            gettext_lazy("هذا الخبر منشور فعلاً."),
            conditions=(_not_yet_public,),
            releases_lock=True,
        ),
        Step(
            "schedule",
            gettext_lazy("جدولة"),
            Transition.SCHEDULE,
            NOT_OUT,
            Status.PUBLISHED,
            "articles.publish_article",
            gettext_lazy("ليست لديك صلاحية نشر الأخبار أو جدولتها."),
            gettext_lazy("هذا الخبر منشور فعلاً."),
            conditions=(_not_yet_public,),
            needs="at",
            releases_lock=True,
        ),
        Step(
            "withdraw",
            gettext_lazy("سحب الخبر"),
            Transition.WITHDRAW,
            frozenset({Status.PUBLISHED}),
            Status.WITHDRAWN,
            "articles.publish_article",
            gettext_lazy("ليست لديك صلاحية سحب الأخبار."),
            gettext_lazy("لا يُسحب إلا خبر منشور أو مجدول."),
            needs="note",
            missing=gettext_lazy("اكتب سبب سحب الخبر."),
            releases_lock=True,
        ),
        Step(
            "correct",
            gettext_lazy("أضف إلى الخبر"),
            Transition.CORRECT,
            frozenset({Status.PUBLISHED}),
            None,
            "articles.correct_article",
            gettext_lazy("ليست لديك صلاحية إضافة التصحيحات."),
            gettext_lazy("التصحيحات تُضاف إلى الأخبار المنشورة فقط."),
            needs="text",
            missing=gettext_lazy("اكتب نص التصحيح أو التحديث."),
        ),
    )
}


def _permitted(step, article, user):
    """None if `user` may take `step` on this story (status aside), else why not."""
    if user is None:
        return None
    if not user.has_perm(step.permission):
        return str(step.refused)
    for condition in step.personal:
        message = condition(article, user)
        if message:
            return message
    return None


def _condition_failure(step, article, user):
    if user is None:
        return None
    for condition in step.conditions:
        message = condition(article, user)
        if message:
            return message
    return None


def available_transitions(article, user):
    """The steps `user` may take on the story now, in the table's order (what to offer)."""
    return [
        step
        for step in TRANSITIONS.values()
        if _permitted(step, article, user) is None
        and article.status in step.sources
        and _condition_failure(step, article, user) is None
    ]


def _clean_inputs(step, article, user, inputs):
    """What must be typed with the step, checked and cleaned (TransitionNotAllowed if not)."""
    cleaned = {}
    if step.needs == "note":
        note = (inputs.get("note") or "").strip()
        if user is not None and not note:
            raise TransitionNotAllowed(str(step.missing))
        cleaned["note"] = note
    elif step.needs == "text":
        text = (inputs.get("text") or "").strip()
        if not text:
            raise TransitionNotAllowed(str(step.missing))
        kind = inputs.get("kind") or Correction.Kind.CORRECTION
        if kind not in Correction.Kind.values:
            raise TransitionNotAllowed(_("نوع الملاحظة غير معروف."))
        cleaned.update(text=text, kind=kind, text_en=(inputs.get("text_en") or "").strip())
    elif step.needs == "at":
        cleaned["at"] = schedule_time(inputs.get("at"), user)
    return cleaned


def schedule_time(raw, user):
    """A typed schedule time (desk zone) as an aware moment; TransitionNotAllowed if it is
    malformed or, for a person, not in the future. Also what a bulk schedule asks first."""
    at = parse_desk_time(raw)
    if at is None:
        raise TransitionNotAllowed(
            _("وقت الجدولة غير صالح: اكتب التاريخ والساعة بتوقيت %(zone)s.") % {"zone": desk_zone_name()}
        )
    if user is not None and at <= timezone.now():
        raise TransitionNotAllowed(_("اختر وقتاً في المستقبل لجدولة الخبر."))
    return at


def check(name, article, user, **inputs):
    """The one test before a step: PermissionDenied (no right to it, in Arabic) or
    TransitionNotAllowed (not from this status, or something missing); else the cleaned inputs.

    Permission comes first, so a crafted request from someone without the right is a 403
    whatever else it carries."""
    step = TRANSITIONS.get(name)
    if step is None:
        raise TransitionNotAllowed(_("إجراء غير معروف."))
    refused = _permitted(step, article, user)
    if refused:
        raise PermissionDenied(refused)
    if article.status not in step.sources:
        raise TransitionNotAllowed(str(step.wrong_status))
    failure = _condition_failure(step, article, user)
    if failure:
        raise TransitionNotAllowed(failure)
    return _clean_inputs(step, article, user, inputs)


# What readers read: changing any of it on a story that is already out is an update.
READER_TEXT_FIELDS = frozenset(localized("headline", "kicker", "standfirst", "body", "dateline"))


def note_edit(article):
    """Before saving an edit: if readers can already see the story and its text differs
    from what is stored, move its "updated" time (shown on the page, in feeds, sitemaps and
    JSON-LD). Drafts and scheduled stories are not "updated" in the readers' sense. Bodies
    are compared as they will be stored (sanitised), so an editor that merely re-serialises
    the same HTML does not count as an update."""
    if not (article.pk and article.is_public):
        return
    stored = Article.objects.filter(pk=article.pk).values(*READER_TEXT_FIELDS).first() or {}

    def as_stored(field, value):
        value = value or ""
        return sanitise_body(value) if field.startswith("body_") else value.strip()

    if any(as_stored(f, getattr(article, f)) != as_stored(f, stored.get(f)) for f in READER_TEXT_FIELDS):
        article.revised_at = timezone.now()


def can_edit(user, article):
    """Editors edit any story; a reporter only their own draft."""
    return may_act_on(user, article) and (acts_on_any(user) or article.status == Status.DRAFT)


def _locked(article):
    """Re-read the story under a row lock, so two clicks cannot both move it."""
    fresh = Article.objects.select_for_update().get(pk=article.pk)
    article.status, article.published_at = fresh.status, fresh.published_at
    article.version = fresh.version
    article._editor_before_step = fresh.last_edited_by_id
    return article


def _record(article, transition, from_status, user, note="", published_at=None):
    event = WorkflowEvent.objects.create(
        article=article,
        transition=transition,
        from_status=from_status,
        to_status=article.status,
        user=user,
        note=note,
        published_at=published_at,
    )
    step_taken.send(
        sender=WorkflowEvent,
        event=event,
        article=article,
        user=user,
        editor_before=getattr(article, "_editor_before_step", None),
    )
    return event


def _save(article, user, fields):
    fields = {*fields, "updated_at"}
    if user is not None:
        article.last_edited_by = user
        fields.add("last_edited_by")
    article.save(update_fields=fields)


def _finish(step, article, user):
    if step.releases_lock and user is not None:
        # The actor is done with the story: the next person may open it at once.
        locks.release(article, user)


def _move(name, article, user, **inputs):
    step = TRANSITIONS[name]
    _locked(article)
    cleaned = check(name, article, user, **inputs)
    before = article.status
    article.status = step.target
    _save(article, user, {"status"})
    event = _record(article, step.done, before, user, note=cleaned.get("note", ""))
    _finish(step, article, user)
    return event


@transaction.atomic
def submit(article, user):
    """A reporter hands a draft to the editors."""
    return _move("submit", article, user)


@transaction.atomic
def recall(article, user):
    """A reporter takes her story back from review, as a draft, while no editor has it open."""
    return _move("recall", article, user)


@transaction.atomic
def send_back(article, user, note):
    """An editor returns a story to its reporter as a draft, saying why."""
    return _move("send_back", article, user, note=note)


@transaction.atomic
def withdraw(article, user, note):
    """Take a published (or scheduled) story off the site; the reason is kept."""
    return _move("withdraw", article, user, note=note)


@transaction.atomic
def publish(article, user=None, *, at=None):
    """Make a story public at `at` (default: now; a future time schedules it).

    A person may not publish at a past time (that would rewrite when a story went out) nor
    publish a story that is already out; the system (user=None) may, e.g. an import that
    keeps a story's original time.
    """
    now = timezone.now()
    if article.pk:
        _locked(article)
    if at is not None and user is not None and at <= now - datetime.timedelta(minutes=1):
        check("schedule", article, user)  # permission and status first
        raise TransitionNotAllowed(_("لا يمكن جدولة خبر في وقت مضى."))
    name = "schedule" if at is not None and at > now else "publish"
    check(name, article, user, at=at)
    before = article.status
    article.status = Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None or user is not None:
        article.published_at = now
    _save(article, user, {"status", "published_at"})
    scheduled = article.published_at > now
    event = _record(
        article,
        Transition.SCHEDULE if scheduled else Transition.PUBLISH,
        before,
        user,
        published_at=article.published_at,
    )
    _finish(TRANSITIONS[name], article, user)
    return event


@transaction.atomic
def add_correction(article, user, text, kind=Correction.Kind.CORRECTION, text_en=""):
    """Append a correction or update note to a published story and tell readers it changed."""
    _locked(article)
    cleaned = check("correct", article, user, text=text, kind=kind, text_en=text_en)
    now = timezone.now()
    correction = Correction.objects.create(
        article=article,
        kind=cleaned["kind"],
        text_ar=cleaned["text"],
        text_en=cleaned["text_en"],
        published_at=now,
        created_by=user,
    )
    article.revised_at = now
    _save(article, user, {"revised_at"})
    _record(article, Transition.CORRECT, article.status, user, note=cleaned["text"])
    return correction


def perform(name, article, user, **inputs):
    """Take step `name` with what was typed for it (raw form values): the admin's one call.

    Returns the WorkflowEvent (or the Correction, for "correct")."""
    if name == "submit":
        return submit(article, user)
    if name == "recall":
        return recall(article, user)
    if name == "send_back":
        return send_back(article, user, inputs.get("note", ""))
    if name == "withdraw":
        return withdraw(article, user, inputs.get("note", ""))
    if name == "publish":
        return publish(article, user)
    if name == "schedule":
        cleaned = check("schedule", article, user, at=inputs.get("at"))
        return publish(article, user, at=cleaned["at"])
    if name == "correct":
        return add_correction(
            article,
            user,
            inputs.get("text", ""),
            inputs.get("kind") or Correction.Kind.CORRECTION,
            text_en=inputs.get("text_en", ""),
        )
    raise TransitionNotAllowed(_("إجراء غير معروف."))
