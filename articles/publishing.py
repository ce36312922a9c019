"""What happens when a story changes state. One function per transition.

Every transition checks the user's permission (PermissionDenied, in Arabic), checks the
story's current status allows it (TransitionNotAllowed), and records a WorkflowEvent, all in
one transaction. `user=None` means the system itself (load_demo, import_story --publish): no
permission check, still recorded.

Scheduling is not a status: a scheduled story is PUBLISHED with a future published_at, and
Article.objects.published() lets it out on time.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Article, Correction, WorkflowEvent

Status = Article.Status
Transition = WorkflowEvent.Transition


class TransitionNotAllowed(Exception):
    """The story's status does not allow this step (the message is for the editor)."""


def is_scheduled(article):
    return article.is_scheduled


SCHEDULED = gettext_lazy("مجدول")


def status_label(article):
    """The status as the desk says it: a published story not yet due is "مجدول"."""
    if is_scheduled(article):
        return SCHEDULED
    return article.get_status_display()


# What readers read: changing any of it on a story that is already out is an update.
READER_TEXT_FIELDS = frozenset(
    f"{name}_{language}"
    for name in ("headline", "kicker", "standfirst", "body", "dateline")
    for language in ("ar", "en")
)


def note_edit(article):
    """Before saving an edit: if readers can already see the story and its text differs
    from what is stored, move its "updated" time (shown on the page, in feeds, sitemaps and
    JSON-LD). Drafts and scheduled stories are not "updated" in the readers' sense. Bodies
    are compared as they will be stored (sanitised), so an editor that merely re-serialises
    the same HTML does not count as an update."""
    if not (article.pk and article.is_public):
        return
    from .html import sanitise_body

    stored = Article.objects.filter(pk=article.pk).values(*READER_TEXT_FIELDS).first() or {}

    def as_stored(field, value):
        value = value or ""
        return sanitise_body(value) if field.startswith("body_") else value.strip()

    if any(as_stored(f, getattr(article, f)) != as_stored(f, stored.get(f)) for f in READER_TEXT_FIELDS):
        article.revised_at = timezone.now()


def can_edit(user, article):
    """Editors edit any story; a reporter only their own draft."""
    if not user.has_perm("articles.change_article"):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.created_by_id == user.pk and article.status == Status.DRAFT


def _require(user, perm, message):
    if user is not None and not user.has_perm(f"articles.{perm}"):
        raise PermissionDenied(message)


def _require_status(article, allowed, message):
    if article.status not in allowed:
        raise TransitionNotAllowed(message)


def _locked(article):
    """Re-read the story under a row lock, so two clicks cannot both move it."""
    fresh = Article.objects.select_for_update().get(pk=article.pk)
    article.status, article.published_at = fresh.status, fresh.published_at
    article.version = fresh.version
    return article


def _record(article, transition, from_status, user, note="", published_at=None):
    return WorkflowEvent.objects.create(
        article=article, transition=transition, from_status=from_status,
        to_status=article.status, user=user, note=note, published_at=published_at,
    )


def _save(article, user, fields):
    fields = {*fields, "updated_at"}
    if user is not None:
        article.last_edited_by = user
        fields.add("last_edited_by")
    article.save(update_fields=fields)


@transaction.atomic
def submit(article, user):
    """A reporter hands a draft to the editors."""
    _locked(article)
    if not user.has_perm("articles.change_article") or not (
        user.has_perm("articles.edit_any_article") or article.created_by_id == user.pk
    ):
        raise PermissionDenied(_("لا يمكنك إرسال خبر لم تكتبه للمراجعة."))
    _require_status(article, {Status.DRAFT}, _("لا يُرسل للمراجعة إلا خبر في حالة مسودة."))
    before = article.status
    article.status = Status.REVIEW
    _save(article, user, {"status"})
    return _record(article, Transition.SUBMIT, before, user)


@transaction.atomic
def send_back(article, user, note):
    """An editor returns a story to its reporter as a draft, saying why."""
    _require(user, "send_back_article", _("ليست لديك صلاحية إعادة الأخبار إلى المراسلين."))
    _locked(article)
    _require_status(
        article, {Status.REVIEW, Status.WITHDRAWN},
        _("لا يُعاد إلى المراسل إلا خبر قيد المراجعة أو مسحوب."),
    )
    note = (note or "").strip()
    if not note:
        raise TransitionNotAllowed(_("اكتب ملاحظة للمراسل تشرح سبب الإعادة."))
    before = article.status
    article.status = Status.DRAFT
    _save(article, user, {"status"})
    return _record(article, Transition.SEND_BACK, before, user, note=note)


@transaction.atomic
def publish(article, user=None, *, at=None):
    """Make a story public at `at` (default: now; a future time schedules it).

    With a user, `at` must not be in the past (that would rewrite when a story went out)
    and an already public story cannot be published again.
    """
    _require(user, "publish_article", _("ليست لديك صلاحية نشر الأخبار أو جدولتها."))
    now = timezone.now()
    if article.pk:
        _locked(article)
    if user is not None:
        if article.status == Status.PUBLISHED and not is_scheduled(article):
            raise TransitionNotAllowed(_("هذا الخبر منشور فعلاً."))
        if at is not None and at < now - datetime.timedelta(minutes=1):
            raise TransitionNotAllowed(_("لا يمكن جدولة خبر في وقت مضى."))
    before = article.status
    article.status = Status.PUBLISHED
    if at is not None:
        article.published_at = at
    elif article.published_at is None or user is not None:
        article.published_at = now
    _save(article, user, {"status", "published_at"})
    scheduled = article.published_at > now
    return _record(
        article, Transition.SCHEDULE if scheduled else Transition.PUBLISH, before, user,
        published_at=article.published_at,
    )


@transaction.atomic
def withdraw(article, user, note):
    """Take a published (or scheduled) story off the site; the reason is kept."""
    _require(user, "publish_article", _("ليست لديك صلاحية سحب الأخبار."))
    _locked(article)
    _require_status(article, {Status.PUBLISHED}, _("لا يُسحب إلا خبر منشور أو مجدول."))
    note = (note or "").strip()
    if user is not None and not note:
        raise TransitionNotAllowed(_("اكتب سبب سحب الخبر."))
    before = article.status
    article.status = Status.WITHDRAWN
    _save(article, user, {"status"})
    return _record(article, Transition.WITHDRAW, before, user, note=note)


@transaction.atomic
def add_correction(article, user, text, kind=Correction.Kind.CORRECTION, text_en=""):
    """Append a correction or update note to a published story and tell readers it changed."""
    _require(user, "correct_article", _("ليست لديك صلاحية إضافة التصحيحات."))
    _locked(article)
    _require_status(article, {Status.PUBLISHED}, _("التصحيحات تُضاف إلى الأخبار المنشورة فقط."))
    text = (text or "").strip()
    if not text:
        raise TransitionNotAllowed(_("اكتب نص التصحيح أو التحديث."))
    if kind not in Correction.Kind.values:
        raise TransitionNotAllowed(_("نوع الملاحظة غير معروف."))
    now = timezone.now()
    correction = Correction.objects.create(
        article=article, kind=kind, text_ar=text, text_en=(text_en or "").strip(),
        published_at=now, created_by=user,
    )
    article.revised_at = now
    _save(article, user, {"revised_at"})
    _record(article, Transition.CORRECT, article.status, user, note=text)
    return correction
