"""Notifications on the desk: opening one (marks it read, goes to the story), dismissing them,
and the send-back note at the top of the story's form.

Who is told and what is sent is articles/desk/notifications.py; the list is on the front page
(articles/front_page.py, templates/admin/_notifications.html).
"""

from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles.dates import desk_time
from articles.desk import notifications
from articles.desk.models import Notification
from articles.locks import display_name


class NotificationsAdminMixin:
    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path(
                "notifications/<int:pk>/open/",
                wrap(self.notification_open_view),
                name=f"{prefix}_notification_open",
            ),
            path(
                "notifications/read/", wrap(self.notifications_read_view), name=f"{prefix}_notifications_read"
            ),
        ] + super().get_urls()

    def notification_open_view(self, request, pk):
        """A notification's link: mark it read and open its story. Only one's own."""
        notice = Notification.objects.filter(pk=pk, recipient=request.user).only("story_id").first()
        if notice is None:
            raise Http404(_("لا يوجد تنبيه بهذا الرقم."))
        notifications.mark_read(request.user, ids=[notice.pk])
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[notice.story_id]))

    def notifications_read_view(self, request):
        """POST id=<n> (one) or all=1: mark one's own notifications read; back to the front page."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        raw = request.POST.get("id", "")
        if request.POST.get("all"):
            notifications.mark_read(request.user)
        elif raw.isascii() and raw.isdigit() and len(raw) < 19:
            notifications.mark_read(request.user, ids=[int(raw)])
        return HttpResponseRedirect(reverse("admin:index"))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            # Opening the story is reading what was said about it.
            if request.method == "GET":
                notifications.mark_read(request.user, story=obj)
            event = notifications.send_back_note(obj)
            if event is not None:
                context["send_back"] = {
                    "note": event.note,
                    "who": display_name(event.user) if event.user else _("النظام"),
                    "at": desk_time(event.at),
                }
        return super().render_change_form(request, context, add, change, form_url, obj)
