"""The story's history in the admin: every save is a version; compare two; restore one."""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles import locks, revisions
from articles.dates import desk_time, desk_zone_name


class RevisionHistoryMixin:
    """Versions for an admin: each admin save is recorded (with its inlines) as one version.

    Recording is manual (the story is added once everything, byline included, is saved),
    so a byline row removed in the same save is not carried into the version.
    """

    object_history_template = "admin/articles/article/revision_history.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision(manage_manually=True):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if reversion.is_active():
            # Forget bylines prefetched with the object: the version must see them as saved.
            getattr(form.instance, "_prefetched_objects_cache", {}).clear()
            reversion.add_to_revision(form.instance)
            reversion.set_user(request.user)
            reversion.set_comment(_("عُدّل") if change else _("أُنشئ"))

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
        ] + super().get_urls()

    def _story(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("لا يوجد خبر بهذا الرقم."))
        return obj

    def history_view(self, request, object_id, extra_context=None):
        obj = self._story(request, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = list(revisions.versions_of(obj))
        by_id = {v.pk: v for v in versions}
        number = {v.pk: len(versions) - n for n, v in enumerate(versions)}
        comparison = None
        old_id, new_id = request.GET.get("old"), request.GET.get("new")
        error = None
        if old_id or new_id:
            try:
                old, new = by_id[int(old_id)], by_id[int(new_id)]
            except (KeyError, TypeError, ValueError):
                error = _("اختر نسختين من هذا الخبر للمقارنة.")
            else:
                if old.revision.date_created > new.revision.date_created:
                    old, new = new, old
                comparison = {
                    "old": number[old.pk],
                    "new": number[new.pk],
                    "sections": revisions.compare(old, new),
                }
        elif len(versions) >= 2:
            old_id, new_id = str(versions[1].pk), str(versions[0].pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("سجل نسخ: %s") % obj,
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "versions": versions,
            "numbered": [
                {
                    "number": number[v.pk],
                    "version": v,
                    "at": desk_time(v.revision.date_created),
                    "who": revisions.who(v),
                }
                for v in versions
            ],
            "zone": desk_zone_name(),
            "comparison": comparison,
            "error": error,
            "old_id": str(old_id or ""),
            "new_id": str(new_id or ""),
            "can_restore": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.object_history_template, context)

    def restore_view(self, request, object_id, version_id):
        obj = self._story(request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(revisions.versions_of(obj), pk=version_id)
        history_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        refused = None
        if request.method == "POST":
            try:
                revisions.restore(obj, version, user=request.user)
            except locks.Held as held:
                # As the story form refuses a save: nothing changes, the page stays with the
                # version's text and says who is editing.
                refused = _(
                    "لم تُستعد النسخة: %(reason)s انتظر حتى ينتهي، أو افتح الخبر وتولَّ تحريره أولاً."
                ) % {"reason": held}
            else:
                self.log_change(request, obj, _("استُعيدت نسخة سابقة"))
                messages.success(request, _("استُعيدت النسخة، وحُفظت نسخةً جديدة. لم يُحذف شيء."))
                return HttpResponseRedirect(history_url)
        context = {
            **self.admin_site.each_context(request),
            "title": _("استعادة نسخة"),
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "version": version,
            "number": revisions.number_of(version),
            "at": desk_time(version.revision.date_created),
            "who": revisions.who(version),
            "history_url": history_url,
            "sections": revisions.compare(revisions.versions_of(obj).first(), version),
            "refused": refused,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/articles/article/revision_restore.html", context, status=409 if refused else 200
        )
