"""The copy check on the story form: a JSON endpoint over the form's unsaved text, and its assets.

The rules live in articles/copycheck.py; this module only reads the POSTed fields, finds the
byline's author records, and answers with the findings. The page's panel is
templates/admin/articles/article/_copy_check.html, driven by static/articles/copy-check.js.
"""

import re

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path
from django.utils.translation import gettext as _

from articles.desk import copycheck
from articles.languages import localized
from articles.models import Author

# The reader's text, then what search engines and share cards show of it.
CHECKED_FIELDS = ("kicker", "headline", "standfirst", "dateline", "body", "seo_title", "seo_description")
# A story far longer than any the desk writes: beyond it the check refuses rather than stalls.
MAX_CHARS = 200_000
MAX_BYLINE = 20
_BYLINE_AUTHOR = re.compile(r"^bylines-(\d+)-author$")


class CopyCheckAdminMixin:
    copy_check_assets = forms.Media(js=("articles/copy-check.js",), css={"all": ("articles/copy-check.css",)})

    @property
    def media(self):
        return super().media + self.copy_check_assets

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "copy-check/",
                self.admin_site.admin_view(self.copy_check_view),
                name="{}_{}_copy_check".format(*info),
            ),
        ] + super().get_urls()

    def copy_check_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        # Whoever may write a story may have its text checked; nothing is read or saved here.
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        texts, total = {}, 0
        for name in localized(*CHECKED_FIELDS):
            value = request.POST.get(name, "").replace("\x00", "")
            total += len(value)
            texts[name] = value
        if total > MAX_CHARS:
            return JsonResponse({"error": _("النص أطول من أن يُفحص.")}, status=400)
        findings = copycheck.check(texts, people=self._byline_names(request.POST))
        return JsonResponse({"findings": [finding.as_dict() for finding in findings]})

    @staticmethod
    def _byline_names(data):
        """The Arabic names of the authors on the form's byline (rows marked for deletion left out)."""
        ids = []
        for key, value in data.items():
            match = _BYLINE_AUTHOR.match(key)
            if not match or data.get(f"bylines-{match.group(1)}-DELETE"):
                continue
            if value.isdigit() and len(value) < 12:
                ids.append(int(value))
        if not ids:
            return []
        return list(Author.objects.filter(pk__in=ids[:MAX_BYLINE]).values_list("name_ar", flat=True))
