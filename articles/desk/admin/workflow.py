"""The desk in the admin: workflow buttons, timeline, edit locks, stale-save refusal, previews.

`DeskArticleAdminMixin` goes before the admin class in ArticleAdmin's bases. The rules live
in publishing.py (which step, who, when) and locks.py; this module only wires them to
requests. Every workflow step is a button of the story's own form: the press validates and
saves what is typed, then takes the step, in the admin's one transaction. A refused save
(stale, locked, invalid) or a refused step (no note, past time) re-renders the form as typed.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from articles import locks, publishing
from articles.dates import desk_time, desk_zone, desk_zone_name
from articles.desk import autosaves, previews
from articles.languages import codes
from articles.models import Article, Correction, WorkflowEvent

ACTION = "_desk_action"  # the name of every workflow button in the story form
TAKE_OVER = "_desk_take_over"
# Steps a story not saved yet can take with its first save (the reporter's one-step submit).
NEW_STORY_STEPS = ("submit",)
# Steps that save nothing, offered to someone who may only look: a reporter recalling her
# story from review (she may not edit it there, so it has no form to save).
STEPS_WITHOUT_THE_FORM = ("recall",)


def step_inputs(data, name):
    """What was typed for step `name` (fields named desk-<step>-<input>) as publishing wants it."""
    prefix = f"desk-{name}-"
    return {key[len(prefix) :]: data.get(key, "") for key in data if key.startswith(prefix)}


class DeskFormMixin:
    """Adds the hidden version; refuses stale saves and saves against someone else's lock;
    takes over the lock keeping the typed form; checks a pressed workflow step before saving."""

    desk_request = None
    desk_step = None  # (name, cleaned inputs) once the pressed step has passed publishing.check

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        article = self.instance
        user = self.desk_request.user if self.desk_request else None
        if not article.pk:
            if self.data.get(ACTION) and user is not None:
                if self.data[ACTION] not in NEW_STORY_STEPS:
                    raise forms.ValidationError(_("احفظ الخبر أولاً ثم اختر الإجراء."), code="transition")
                article.created_by = user  # as save_model will: the new story is theirs
                self._check_step(article, user)
            return cleaned
        # The admin saves inside a transaction: holding the row until then makes check-and-save
        # one step, so two simultaneous saves cannot both pass.
        current = type(article).objects.select_for_update().get(pk=article.pk)
        if user is not None and TAKE_OVER in self.data:
            locks.acquire(article, user, take_over=True)
            # Not a save: the same form comes back, bound to what was typed, now ours to save.
            raise forms.ValidationError(_("توليت تحرير هذا الخبر."), code="taken_over")
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
                    "لم يُحفظ نصك: حفظ %(who)s هذا الخبر في %(when)s (بتوقيت %(zone)s) بعد أن فتحته. "
                    "نصك باقٍ في النموذج أدناه؛ راجع نسخته في نافذة أخرى، ثم احفظ مرة أخرى إن أردت أن يحل نصك محل نصه."
                ),
                code="stale",
                params={"who": who, "when": desk_time(current.updated_at), "zone": desk_zone_name()},
            )
        lock = locks.held_by_other(article, user) if user is not None else None
        if lock is not None:
            raise forms.ValidationError(
                _("لم يُحفظ نصك: يحرر هذا الخبر الآن: %(name)s. اضغط «تولي التحرير» أولاً ثم احفظ."),
                code="locked",
                params={"name": locks.display_name(lock.user)},
            )
        if self.data.get(ACTION) and user is not None:
            self._check_step(current, user)
        return cleaned

    def _check_step(self, article, user):
        name = self.data[ACTION]
        # PermissionDenied goes up as a 403: only a crafted request gets here without the right.
        try:
            inputs = publishing.check(name, article, user, **step_inputs(self.data, name))
        except publishing.TransitionNotAllowed as problem:
            raise forms.ValidationError(str(problem), code="transition") from None
        self.desk_step = (name, inputs)


class DeskArticleAdminMixin:
    """Roles, workflow buttons, timeline, locks, autosave and previews on the story's admin page."""

    change_form_template = "admin/articles/article/change_form.html"
    read_only_template = "admin/articles/article/read_only.html"

    # Permissions: reporters change only their own drafts.
    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None:
            return allowed
        return publishing.can_edit(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        # Status and time change only through the workflow buttons.
        fields = list(super().get_readonly_fields(request, obj))
        return fields + [f for f in ("status", "published_at", "published_at_desk") if f not in fields]

    @admin.display(
        description=lazy(lambda: _("وقت النشر (بتوقيت %(zone)s)") % {"zone": desk_zone_name()}, str)()
    )
    def published_at_desk(self, obj):
        # Shown, never typed: the time changes only through publish/schedule.
        if not (obj and obj.published_at):
            return "—"
        return _("%(when)s بتوقيت %(zone)s") % {"when": desk_time(obj.published_at), "zone": desk_zone_name()}

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form)(
            f"Desk{form.__name__}",
            (DeskFormMixin, form),
            {
                "version": forms.IntegerField(widget=forms.HiddenInput, required=False),
                "desk_request": request,
            },
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
        # What was typed is now the story: the server-side draft has done its job.
        autosaves.discard(obj if change else None, request.user)

    def response_change(self, request, obj):
        if getattr(request, "_desk_step", None) is None:
            return super().response_change(request, obj)
        return self._take_step(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        # A new story sent for review with its first save: one press, one transaction.
        if getattr(request, "_desk_step", None) is None:
            return super().response_add(request, obj, post_url_continue)
        return self._take_step(request, obj)

    def _take_step(self, request, obj):
        name, inputs = request._desk_step
        # Same transaction as the save: a refusal here rolls the save back too.
        result = publishing.perform(name, obj, request.user, **inputs)
        if isinstance(result, WorkflowEvent):
            messages.success(request, _("حُفظ الخبر، وتم: %(what)s.") % {"what": self._event_label(result)})
        else:
            messages.success(request, _("حُفظ الخبر، وأُضيفت الملاحظة إليه."))
        url = reverse("admin:articles_article_change", args=[obj.pk])
        if publishing.TRANSITIONS[name].releases_lock:
            # Done with the story: coming back to it must not take the lock again, or a
            # closed tab would keep the next person out. The page takes it once you type.
            url += "?released=1"
        return HttpResponseRedirect(url)

    def save_form(self, request, form, change):
        # Remember the checked step for response_change (same request, same transaction).
        request._desk_step = getattr(form, "desk_step", None)
        return super().save_form(request, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.is_bound:
            self._keep_refused_text(request, obj)
        if form.is_bound and form.has_error(NON_FIELD_ERRORS, "taken_over"):
            # Taking over is not a failed save: say so once, and list only real problems.
            messages.success(request, _("توليت تحرير هذا الخبر. نصك باقٍ كما كتبته؛ اضغط «حفظ» لحفظه."))
            before = form.errors[NON_FIELD_ERRORS]
            kept = [e for e in form.errors.as_data()[NON_FIELD_ERRORS] if e.code != "taken_over"]
            if kept:
                form._errors[NON_FIELD_ERRORS] = form.error_class([m for e in kept for m in e.messages])
            else:
                del form._errors[NON_FIELD_ERRORS]
            context["errors"] = [e for e in context["errors"] if e is not before]
            if kept:
                context["errors"].append(form._errors[NON_FIELD_ERRORS])
            # The lock changed hands during this request: show it as it is now.
            context.update(self._desk_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _keep_refused_text(self, request, obj):
        """The form is going back unsaved (a refused save or step, a take-over): keep what was
        typed as this person's autosave first, so leaving or closing the page still offers it back."""
        allowed = (
            self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
        )
        if not allowed:
            return
        try:
            autosaves.keep(obj, request.user, request.POST)
        except autosaves.Refused:
            pass  # nothing typed worth keeping, or beyond the bound: the form still shows it all

    def view_on_site(self, obj):
        # Only what readers can see; for anything else the form offers «معاينة».
        return obj.get_absolute_url() if obj.is_public else None

    # URLs
    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}_desk"
        wrap = self.admin_site.admin_view
        return [
            # Before "<object_id>/autosave/", which "add/autosave/" would match too.
            path("add/autosave/", wrap(self.desk_autosave_view), name=f"{prefix}_new_autosave"),
            path("<path:object_id>/lock/", wrap(self.desk_lock_view), name=f"{prefix}_lock"),
            path("<path:object_id>/step/", wrap(self.desk_step_view), name=f"{prefix}_step"),
            path("<path:object_id>/autosave/", wrap(self.desk_autosave_view), name=f"{prefix}_autosave"),
            path("<path:object_id>/preview/", wrap(self.desk_preview_view), name=f"{prefix}_preview"),
            path(
                "<path:object_id>/share-preview/",
                wrap(self.desk_share_preview_view),
                name=f"{prefix}_share_preview",
            ),
        ] + super().get_urls()

    def _desk_article(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(_("لا يوجد خبر بهذا الرقم."))
        if not self.has_view_permission(request, article):
            raise PermissionDenied(_("ليست لديك صلاحية الاطلاع على هذا الخبر."))
        return article

    def _refused(self, request, message):
        return TemplateResponse(
            request,
            "admin/articles/article/desk_refused.html",
            {**self.admin_site.each_context(request), "title": _("غير مسموح"), "message": message},
            status=403,
        )

    @staticmethod
    def _event_label(event):
        if event.transition == WorkflowEvent.Transition.SCHEDULE and event.published_at:
            return _("مجدول للنشر في %(when)s بتوقيت %(zone)s") % {
                "when": desk_time(event.published_at),
                "zone": desk_zone_name(),
            }
        return event.get_transition_display()

    # Locks
    def desk_lock_view(self, request, object_id):
        """The page's heartbeat: refresh our lock; say who holds it if it is not ours.
        With release=1 (the closing tab's beacon): hand our lock back now."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._desk_article(request, object_id)
        if not self.has_change_permission(request, article):
            return JsonResponse({"mine": False, "holder": ""}, status=403)
        if request.POST.get("release") == "1":
            # Only our own lock: someone else's (a take-over since) is theirs to keep.
            locks.release(article, request.user)
            return JsonResponse({"mine": False, "released": True})
        lock, mine = locks.acquire(article, request.user)
        return JsonResponse({"mine": mine, "holder": "" if mine else locks.display_name(lock.user)})

    # Steps that save nothing
    def desk_step_view(self, request, object_id):
        """POST from the read-only page: a step with no form to save (a reporter's recall).
        publishing decides who and when; a refusal is said on the story's page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._desk_article(request, object_id)
        name = request.POST.get(ACTION, "")
        url = reverse("admin:articles_article_change", args=[article.pk])
        if name not in STEPS_WITHOUT_THE_FORM:
            messages.error(request, _("إجراء غير معروف."))
            return HttpResponseRedirect(url)
        try:
            event = publishing.perform(name, article, request.user, **step_inputs(request.POST, name))
        except PermissionDenied as refusal:
            return self._refused(request, str(refusal))
        except publishing.TransitionNotAllowed as problem:
            messages.error(request, str(problem))
            return HttpResponseRedirect(url)
        messages.success(request, _("تم: %(what)s.") % {"what": self._event_label(event)})
        return HttpResponseRedirect(url)

    def _steps_without_the_form(self, article, user):
        """(offered, waiting): the steps of STEPS_WITHOUT_THE_FORM this person may take now, and
        why the others that are theirs to take from this status must wait (someone has it open)."""
        offered, waiting = [], []
        for name in STEPS_WITHOUT_THE_FORM:
            step = publishing.TRANSITIONS[name]
            if article.status not in step.sources:
                continue
            try:
                publishing.check(name, article, user)
            except PermissionDenied:
                continue
            except publishing.TransitionNotAllowed as why:
                waiting.append(str(why))
                continue
            offered.append(step)
        return offered, waiting

    # Autosave
    def desk_autosave_view(self, request, object_id=None):
        """POST: keep what this user has typed (not saved) on the server. Discard with discard=1.
        Without an object_id: the story being written in the "add story" form, not saved yet."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if object_id is None:
            article, allowed = None, self.has_add_permission(request)
            form_url = reverse("admin:articles_article_add")
        else:
            article = self._desk_article(request, object_id)
            allowed = self.has_change_permission(request, article)
            form_url = reverse("admin:articles_article_change", args=[article.pk])
        if not allowed:
            return JsonResponse({"saved": False, "error": _("ليست لديك صلاحية تحرير هذا الخبر.")}, status=403)
        if request.POST.get("discard"):
            autosaves.discard(article, request.user)
            if request.headers.get("X-Requested-With") == "fetch":
                return JsonResponse({"discarded": True})
            messages.success(request, _("حُذف النص غير المحفوظ."))
            return HttpResponseRedirect(form_url)
        try:
            draft = autosaves.keep(article, request.user, request.POST)
        except autosaves.Refused as problem:
            return JsonResponse({"saved": False, "error": str(problem)}, status=400)
        return JsonResponse({"saved": True, "at": desk_time(draft.saved_at)})

    # Previews
    def desk_preview_view(self, request, object_id):
        """GET: the saved story; POST (the form's preview buttons): what is typed, unsaved."""
        article = self._desk_article(request, object_id)
        language = request.GET.get("lang") or request.POST.get("_desk_preview") or codes()[0]
        if language not in codes():
            raise Http404(_("لا توجد نسخة بهذه اللغة."))
        typed = None
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                return self._refused(request, _("ليست لديك صلاحية تحرير هذا الخبر."))
            typed = request.POST
        base = reverse("admin:articles_article_desk_preview", args=[article.pk])
        return previews.render_preview(
            request,
            article,
            language=language,
            typed=typed,
            edition_url=None if typed is not None else (lambda code: f"{base}?lang={code}"),
        )

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
        link = request.build_absolute_uri(url)
        if request.headers.get("X-Requested-With") == "fetch":
            # The form's script asks without leaving the page: the typed text stays on screen.
            return JsonResponse(
                {
                    "url": link,
                    "message": _("رابط المعاينة (يعمل %(hours)s ساعة دون تسجيل دخول، ويعرض النص المحفوظ):")
                    % {"hours": hours},
                }
            )
        messages.success(
            request,
            _("رابط المعاينة (يعمل %(hours)s ساعة دون تسجيل دخول): %(url)s") % {"hours": hours, "url": link},
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    # The change page
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PermissionDenied as refusal:
            # Everything in the request was rolled back; say why in Arabic.
            return self._refused(
                request, str(refusal) or _("ليست لديك صلاحية تحرير هذا الخبر في حالته الآن.")
            )

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if self.has_add_permission(request):
            restoring = request.GET.get("autosave") == "restore"
            new_story = Article(created_by=request.user)
            extra_context["desk_new"] = {
                "steps": [
                    s
                    for s in publishing.available_transitions(new_story, request.user)
                    if s.name in NEW_STORY_STEPS
                ],
                "autosave_seconds": autosaves.IDLE_SECONDS,
                "zone": desk_zone_name(),
                "recovery": None
                if restoring or request.method != "GET"
                else autosaves.recovery(None, request.user),
            }
        return super().add_view(request, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if request.GET.get("autosave") == "restore":
            # The new story this person was writing and never saved, back in the form.
            initial.update(autosaves.typed_for_new_story(request.user))
        return initial

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if (
            article is not None
            and request.method == "GET"
            and request.GET.get("autosave") == "restore"
            and self.has_change_permission(request, article)
        ):
            # Open the form on the autosaved text; its version is the one it was typed on,
            # so a save after someone else's is refused as stale, not silently applied.
            autosaves.apply(article, request.user)
        return article

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        article = self.get_object(request, object_id)
        if article is not None and self.has_view_permission(request, article):
            desk = self._desk_context(request, article)
            if request.method == "GET" and not desk["desk"]["can_change"]:
                return self.read_only_view(request, article, desk)
            extra_context.update(desk)
        return super().change_view(request, object_id, form_url, extra_context)

    def read_only_view(self, request, article, desk):
        """For those who may only look: the story as readers will read it, each language in its direction."""
        editions = []
        for code in codes():
            if article.has_edition(code):
                editions.append(
                    {
                        "code": code,
                        "dir": "rtl" if code in settings.LANGUAGES_BIDI else "ltr",
                        "fields": {
                            name: getattr(article, f"{name}_{code}") or ""
                            for name in ("kicker", "headline", "standfirst", "body", "dateline")
                        },
                    }
                )
        context = {
            **self.admin_site.each_context(request),
            **desk,
            "title": _("الاطلاع على: %s") % article,
            "subtitle": None,
            "opts": self.opts,
            "original": article,
            "editions": editions,
            "has_view_permission": True,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.read_only_template, context)

    def _desk_context(self, request, article):
        user = request.user
        can_change = self.has_change_permission(request, article)
        lock_holder = ""
        released = request.GET.get("released") == "1"
        if can_change and request.method == "GET" and not released:
            lock, mine = locks.acquire(article, user)
            lock_holder = "" if mine else locks.display_name(lock.user)
        elif can_change:
            lock = locks.holder(article)
            if lock is not None and lock.user_id != user.pk:
                lock_holder = locks.display_name(lock.user)
        steps = publishing.available_transitions(article, user) if can_change else []
        offered, waiting = ([], []) if can_change else self._steps_without_the_form(article, user)
        events = [
            {
                "event": event,
                "label": self._event_label(event),
                "at": desk_time(event.at),
                "who": locks.display_name(event.user) if event.user else _("النظام"),
            }
            for event in article.workflow_events.select_related("user")
        ]
        now_local = timezone.localtime(timezone.now(), desk_zone())
        lock_seconds = settings.NEWSROOM_EDIT_LOCK_SECONDS
        recovery = None
        if can_change and request.method == "GET" and request.GET.get("autosave") != "restore":
            recovery = autosaves.recovery(article, user)
        return {
            "desk": {
                "status": article.status_label,
                "published_at": desk_time(article.published_at) if article.published_at else "",
                "zone": desk_zone_name(),
                "steps": {step.name: step for step in steps},
                "any_step": bool(steps),
                "steps_without_the_form": offered,
                "steps_waiting": waiting,
                "events": events,
                "lock_holder": lock_holder,
                "lock_released": released,
                "can_change": can_change,
                # Beat well inside the lock's life, so one late beat does not lose it.
                "heartbeat_seconds": max(5, lock_seconds // 4),
                "autosave_seconds": autosaves.IDLE_SECONDS,
                "schedule_min": now_local.strftime("%Y-%m-%dT%H:%M"),
                "correction_kinds": Correction.Kind.choices,
                "is_public": article.is_public,
                "languages": codes(),
                "recovery": recovery,
                # What was typed for a step, shown again when the form comes back refused.
                "typed": {
                    key[len("desk-") :].replace("-", "_"): value
                    for key, value in request.POST.items()
                    if key.startswith("desk-")
                }
                if request.method == "POST"
                else {},
            },
            "desk_url_prefix": reverse("admin:articles_article_change", args=[article.pk]),
        }
