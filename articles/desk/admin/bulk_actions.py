"""Bulk actions in the story list: publish, schedule, withdraw, move to a section, add a tag.

Wiring only: what may happen to each story is articles/bulk.py (through publishing.py, the
same checks as the story form's buttons). Schedule, withdraw, section and tag first ask for
their input on an intermediate page (templates/admin/articles/article/bulk_action.html),
which posts back to the list with the chosen stories; bad input shows that page again with
the reason, tampered story ids are refused with a message, never a 500.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles import publishing
from articles.dates import desk_zone, desk_zone_name
from articles.desk import bulk
from articles.models import Article, Section, Tag

SHOWN_REFUSALS = 10  # one message each; the rest are counted in one more


def _valid_id(value):
    return value.isascii() and value.isdigit() and len(value) < 19


class BulkForm(forms.Form):
    """What a bulk action asks for; `user` is who acts (the schedule's "future" is theirs)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user


class ScheduleForm(BulkForm):
    at = forms.CharField(
        label=gettext_lazy("جدولة النشر في"),
        strip=True,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        error_messages={"required": gettext_lazy("اكتب تاريخ النشر وساعته.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].help_text = _("بتوقيت %(zone)s") % {"zone": desk_zone_name()}
        # The browser's picker starts at now (desk time); the server still checks.
        now = timezone.localtime(timezone.now(), desk_zone())
        self.fields["at"].widget.attrs["min"] = now.strftime("%Y-%m-%dT%H:%M")

    def clean_at(self):
        raw = self.cleaned_data["at"]
        try:
            publishing.schedule_time(raw, self.user)  # the step's own test, before any story
        except publishing.TransitionNotAllowed as problem:
            raise forms.ValidationError(str(problem)) from None
        return raw  # perform() reads it as the form's button does


class WithdrawForm(BulkForm):
    note = forms.CharField(
        label=gettext_lazy("سبب السحب"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={"required": publishing.TRANSITIONS["withdraw"].missing},
    )


class SectionForm(BulkForm):
    section = forms.ModelChoiceField(
        Section.objects.all(),
        label=gettext_lazy("القسم الجديد"),
        empty_label="—",
        error_messages={
            "required": gettext_lazy("اختر القسم."),
            "invalid_choice": gettext_lazy("هذا القسم غير موجود؛ اختر قسماً من القائمة."),
        },
    )


class TagForm(BulkForm):
    tag = forms.ModelChoiceField(
        Tag.objects.all(),
        label=gettext_lazy("الوسم"),
        empty_label="—",
        error_messages={
            "required": gettext_lazy("اختر الوسم."),
            "invalid_choice": gettext_lazy("هذا الوسم غير موجود؛ اختر وسماً من القائمة."),
        },
    )


class BulkActionsMixin:
    actions = ["publish_selected", "schedule_selected", "withdraw_selected", "move_selected", "tag_selected"]
    bulk_template = "admin/articles/article/bulk_action.html"

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def response_action(self, request, queryset):
        # Django filters pk__in=<posted ids>: a tampered id would be a 500, not a refusal.
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(_valid_id(value) for value in selected):
            self.message_user(
                request, _("اختيار الأخبار غير صالح: اخترها من القائمة مرة أخرى."), messages.ERROR
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)

    # The actions
    @admin.action(description=gettext_lazy("نشر الأخبار المختارة الآن"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        stories = self._bulk_stories(request, queryset)
        if stories:
            self._report(request, bulk.take_step("publish", stories, request.user), _("النشر"))

    @admin.action(description=gettext_lazy("جدولة الأخبار المختارة…"), permissions=["publish"])
    def schedule_selected(self, request, queryset):
        return self._ask(
            request,
            queryset,
            "schedule_selected",
            ScheduleForm,
            _("جدولة الأخبار المختارة"),
            _("جدول"),
            lambda stories, data: (
                bulk.take_step("schedule", stories, request.user, at=data["at"]),
                _("الجدولة"),
            ),
        )

    @admin.action(description=gettext_lazy("سحب الأخبار المختارة…"), permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        return self._ask(
            request,
            queryset,
            "withdraw_selected",
            WithdrawForm,
            _("سحب الأخبار المختارة"),
            _("اسحب"),
            lambda stories, data: (
                bulk.take_step("withdraw", stories, request.user, note=data["note"]),
                _("السحب"),
            ),
        )

    @admin.action(description=gettext_lazy("نقل الأخبار المختارة إلى قسم…"), permissions=["change"])
    def move_selected(self, request, queryset):
        return self._ask(
            request,
            queryset,
            "move_selected",
            SectionForm,
            _("نقل الأخبار المختارة إلى قسم"),
            _("انقل"),
            lambda stories, data: (
                bulk.move_to_section(stories, request.user, data["section"]),
                _("النقل إلى قسم «%(name)s»") % {"name": data["section"].name},
            ),
        )

    @admin.action(description=gettext_lazy("إضافة وسم إلى الأخبار المختارة…"), permissions=["change"])
    def tag_selected(self, request, queryset):
        return self._ask(
            request,
            queryset,
            "tag_selected",
            TagForm,
            _("إضافة وسم إلى الأخبار المختارة"),
            _("أضف الوسم"),
            lambda stories, data: (
                bulk.add_tag(stories, request.user, data["tag"]),
                _("إضافة الوسم «%(name)s»") % {"name": data["tag"].name},
            ),
        )

    # Helpers
    def _bulk_stories(self, request, queryset):
        """The chosen stories as whole rows, in the list's order; None (and a message) if too many."""
        ids = list(queryset.values_list("pk", flat=True)[: bulk.MAX_STORIES + 1])
        if len(ids) > bulk.MAX_STORIES:
            self.message_user(
                request,
                _("اختر %(max)d خبراً على الأكثر في الإجراء الواحد.") % {"max": bulk.MAX_STORIES},
                messages.ERROR,
            )
            return None
        rows = Article.objects.in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]

    def _ask(self, request, queryset, action, form_class, title, button, run):
        """The intermediate page: ask for the input, then run on the stories (None: back to the list)."""
        stories = self._bulk_stories(request, queryset)
        if not stories:
            return None
        applying = "apply" in request.POST
        form = form_class(request.POST if applying else None, user=request.user)
        if applying and form.is_valid():
            outcome, what = run(stories, form.cleaned_data)
            self._report(request, outcome, what)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "opts": self.opts,
            "stories": stories,
            "form": form,
            "action": action,
            "button": button,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.bulk_template, context)

    def _report(self, request, outcome, what):
        done = len(outcome.done)
        if done:
            self.message_user(
                request,
                ngettext("طُبّق «%(what)s» على خبر واحد.", "طُبّق «%(what)s» على %(count)d خبراً.", done)
                % {"what": what, "count": done},
                messages.SUCCESS,
            )
        for story, reason in outcome.refused[:SHOWN_REFUSALS]:
            self.message_user(
                request,
                _("لم يُطبَّق «%(what)s» على «%(headline)s»: %(reason)s")
                % {"what": what, "headline": story.headline, "reason": reason},
                messages.WARNING,
            )
        more = len(outcome.refused) - SHOWN_REFUSALS
        if more > 0:
            self.message_user(
                request,
                ngettext("ولم يُطبَّق على خبر آخر.", "ولم يُطبَّق على %(count)d خبراً آخر.", more) % {"count": more},
                messages.WARNING,
            )
