"""The desk in the admin: transitions, timeline, edit locks, stale-save refusal, previews.

`DeskArticleAdminMixin` goes before the admin class in ArticleAdmin's bases. The rules
themselves live in publishing.py (transitions) and locks.py; this module only wires them to
requests, and re-checks permissions on the server for every POST.
"""

import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import locks, previews, publishing
from ..dates import desk_time, desk_zone
from ..models import Article, Correction, WorkflowEvent

TRANSITIONS = ("submit", "send_back", "publish", "schedule", "withdraw", "correct")


class DeskFormMixin:
    """Adds the hidden version and refuses stale saves and saves against someone else's lock."""

    desk_request = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        if not article.pk:
            return cleaned
        # The admin saves inside a transaction: holding the row until then makes check-and-save
        # one step, so two simultaneous saves cannot both pass.
        current = Article.objects.select_for_update().get(pk=article.pk)
        submitted = cleaned.get("version")
        if submitted != current.version:
            saver = current.last_edited_by  # one more query, only on a conflict
            who = locks.display_name(saver) if saver else _("النظام")
            # Show the current version from now on: saving again (having read the message)
            # deliberately replaces the other person's text; nothing typed here is lost.
            self.data = self.data.copy()
            self.data["version"] = current.version
            raise forms.ValidationError(
                _(
                    "لم يُحفظ نصك: حفظ %(who)s هذا الخبر في %(when)s (بتوقيت الرياض) بعد أن فتحته. "
                    "نصك باقٍ في النموذج أدناه؛ راجع نسخته في نافذة أخرى، ثم احفظ مرة أخرى إن أردت أن يحل نصك محل نصه."
                ),
                code="stale",
                params={"who": who, "when": desk_time(current.updated_at)},
            )
        lock = locks.holder(article)
        user = self.desk_request.user if self.desk_request else None
        if lock is not None and user is not None and lock.user_id != user.pk:
            raise forms.ValidationError(
                _("لم يُحفظ نصك: يحرر هذا الخبر الآن: %(name)s. اضغط «تولي التحرير» أولاً ثم احفظ."),
                code="locked",
                params={"name": locks.display_name(lock.user)},
            )
        return cleaned


class DeskArticleAdminMixin:
    """Roles, workflow buttons, timeline, locks and previews on the story's admin page."""

    change_form_template = "admin/articles/article/change_form.html"

    # --- permissions: reporters change only their own drafts ---
    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return publishing.can_edit(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        # Status and time change only through the transitions below.
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in ("status", "published_at", "published_at_desk") if f not in fields]

    @admin.display(description=gettext_lazy("وقت النشر (بتوقيت الرياض)"))
    def published_at_desk(self, obj):
        # Shown, never typed: the time changes only through publish/schedule above.
        return desk_time(obj.published_at) if obj and obj.published_at else "—"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form)(
            f"Desk{form.__name__}", (DeskFormMixin, form),
            {"version": forms.IntegerField(widget=forms.HiddenInput, required=False),
             "desk_request": request},
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.last_edited_by = request.user
        if change:
            publishing.note_edit(obj)
        super().save_model(request, obj, form, change)
        # Saved and (usually) leaving: let the next editor in straight away.
        locks.release(obj, request.user)

    # --- URLs ---
    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}_desk"
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/desk/<str:action>/", wrap(self.desk_transition_view),
                 name=f"{prefix}_transition"),
            path("<path:object_id>/lock/", wrap(self.desk_lock_view), name=f"{prefix}_lock"),
            path("<path:object_id>/lock/take-over/", wrap(self.desk_take_over_view), name=f"{prefix}_take_over"),
            path("<path:object_id>/preview/", wrap(self.desk_preview_view), name=f"{prefix}_preview"),
            path("<path:object_id>/share-preview/", wrap(self.desk_share_preview_view),
                 name=f"{prefix}_share_preview"),
        ] + super().get_urls()

    def _desk_article(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(_("لا يوجد خبر بهذا الرقم."))
        if not self.has_view_permission(request, article):
            raise PermissionDenied(_("ليست لديك صلاحية الاطلاع على هذا الخبر."))
        return article

    def _back(self, article):
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _refused(self, request, message):
        return TemplateResponse(
            request, "admin/articles/article/desk_refused.html",
            {**self.admin_site.each_context(request), "title": _("غير مسموح"), "message": message},
            status=403,
        )

    # --- transitions ---
    def desk_transition_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if action not in TRANSITIONS:
            raise Http404
        try:
            article = self._desk_article(request, object_id)
            event = self._do_transition(request, article, action)
        except PermissionDenied as refusal:
            return self._refused(request, str(refusal) or _("غير مسموح لك بهذا الإجراء."))
        except publishing.TransitionNotAllowed as problem:
            messages.error(request, str(problem))
            return self._back(article)
        if not self.has_change_permission(request, article):
            # e.g. a reporter who just submitted: they may no longer edit, so free the story.
            locks.release(article, request.user)
        if isinstance(event, WorkflowEvent):
            messages.success(request, _("تم: %(what)s.") % {"what": self._event_label(event)})
        else:
            messages.success(request, _("أُضيفت الملاحظة إلى الخبر."))
        return self._back(article)

    def _do_transition(self, request, article, action):
        user, post = request.user, request.POST
        if action == "submit":
            return publishing.submit(article, user)
        if action == "send_back":
            return publishing.send_back(article, user, post.get("note", ""))
        if action == "publish":
            return publishing.publish(article, user)
        if action == "schedule":
            # Permission first, so a reporter's crafted POST gets a 403 whatever the time says.
            if not user.has_perm("articles.publish_article"):
                raise PermissionDenied(_("ليست لديك صلاحية نشر الأخبار أو جدولتها."))
            at = self._parse_desk_time(post.get("at", ""))
            if at <= timezone.now():
                raise publishing.TransitionNotAllowed(_("اختر وقتاً في المستقبل لجدولة الخبر."))
            return publishing.publish(article, user, at=at)
        if action == "withdraw":
            return publishing.withdraw(article, user, post.get("note", ""))
        publishing.add_correction(
            article, user, post.get("text", ""), post.get("kind", Correction.Kind.CORRECTION),
            text_en=post.get("text_en", ""),
        )
        return None

    @staticmethod
    def _parse_desk_time(value):
        try:
            naive = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            raise publishing.TransitionNotAllowed(
                _("وقت الجدولة غير صالح: اكتب التاريخ والساعة بتوقيت الرياض.")
            ) from None
        if timezone.is_aware(naive):
            return naive
        return timezone.make_aware(naive, desk_zone())

    @staticmethod
    def _event_label(event):
        if event.transition == WorkflowEvent.Transition.SCHEDULE and event.published_at:
            return _("مجدول للنشر في %(when)s بتوقيت الرياض") % {"when": desk_time(event.published_at)}
        return event.get_transition_display()

    # --- locks ---
    def desk_lock_view(self, request, object_id):
        """The page's heartbeat: refresh our lock; say who holds it if it is not ours."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._desk_article(request, object_id)
        if not self.has_change_permission(request, article):
            return JsonResponse({"mine": False, "holder": ""}, status=403)
        lock, mine = locks.acquire(article, request.user)
        return JsonResponse({"mine": mine, "holder": "" if mine else locks.display_name(lock.user)})

    def desk_take_over_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._desk_article(request, object_id)
        if not self.has_change_permission(request, article):
            return self._refused(request, _("ليست لديك صلاحية تحرير هذا الخبر."))
        locks.acquire(article, request.user, take_over=True)
        messages.success(request, _("توليت تحرير هذا الخبر."))
        return self._back(article)

    # --- previews ---
    def desk_preview_view(self, request, object_id):
        article = self._desk_article(request, object_id)
        return previews.render_preview(request, article.pk)

    def desk_share_preview_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._desk_article(request, object_id)
        # A link anyone can open: previews.share decides who may hand it out.
        try:
            url = previews.share_url(article, request.user)
        except PermissionDenied as refusal:
            return self._refused(request, str(refusal))
        hours = settings.NEWSROOM_PREVIEW_MAX_AGE // 3600
        messages.success(
            request,
            _("رابط المعاينة (يعمل %(hours)s ساعة دون تسجيل دخول): %(url)s")
            % {"hours": hours, "url": request.build_absolute_uri(url)},
        )
        return self._back(article)

    # --- the change page ---
    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id)
        if article is not None and self.has_view_permission(request, article):
            extra_context.update(self._desk_context(request, article))
        return super().change_view(request, object_id, form_url, extra_context)

    def _desk_context(self, request, article):
        user = request.user
        can_change = self.has_change_permission(request, article)
        lock_holder = ""
        if can_change and request.method == "GET":
            lock, mine = locks.acquire(article, user)
            lock_holder = "" if mine else locks.display_name(lock.user)
        elif can_change:
            lock = locks.holder(article)
            if lock is not None and lock.user_id != user.pk:
                lock_holder = locks.display_name(lock.user)
        status = article.status
        scheduled = publishing.is_scheduled(article)
        may = user.has_perm
        own = article.created_by_id == user.pk or may("articles.edit_any_article")
        actions = {
            "submit": status == Article.Status.DRAFT and may("articles.change_article") and own,
            "send_back": status in (Article.Status.REVIEW, Article.Status.WITHDRAWN)
            and may("articles.send_back_article"),
            "publish": (status != Article.Status.PUBLISHED or scheduled) and may("articles.publish_article"),
            "schedule": (status != Article.Status.PUBLISHED or scheduled) and may("articles.publish_article"),
            "withdraw": status == Article.Status.PUBLISHED and may("articles.publish_article"),
            "correct": status == Article.Status.PUBLISHED and may("articles.correct_article"),
        }
        events = [
            {"event": event, "label": self._event_label(event), "at": desk_time(event.at),
             "who": locks.display_name(event.user) if event.user else _("النظام")}
            for event in article.workflow_events.select_related("user")
        ]
        now_local = timezone.localtime(timezone.now(), desk_zone())
        return {
            "desk": {
                "status": publishing.status_label(article),
                "published_at": desk_time(article.published_at) if article.published_at else "",
                "actions": actions,
                "any_action": any(actions.values()),
                "events": events,
                "lock_holder": lock_holder,
                "can_change": can_change,
                "lock_seconds": settings.NEWSROOM_EDIT_LOCK_SECONDS,
                "schedule_min": now_local.strftime("%Y-%m-%dT%H:%M"),
                "correction_kinds": Correction.Kind.choices,
            },
            "desk_url_prefix": reverse("admin:articles_article_change", args=[article.pk]),
        }
