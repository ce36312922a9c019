"""The copy check on the story form: a JSON endpoint over the form's unsaved text, and its assets.

The rules live in articles/desk/copycheck.py; this module only reads the POSTed fields, finds the
byline's author records, and answers with the findings. The page's panel is
templates/admin/articles/article/_copy_check.html, driven by static/articles/copy-check.js.
"""

import re

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
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
            path(
                "copy-check/author/",
                self.admin_site.admin_view(self.copy_check_author_view),
                name="{}_{}_copy_check_author".format(*info),
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
            # Positions are counted on LF line breaks, as the page's script counts them: a form
            # post turns every line break into CRLF (the imported story's paragraphs are LF).
            value = copycheck.one_line_break(request.POST.get(name, "").replace("\x00", ""))
            total += len(value)
            texts[name] = value
        if total > MAX_CHARS:
            return JsonResponse({"error": _("النص أطول من أن يُفحص.")}, status=400)
        byline = self._byline(request.POST)
        findings = [f.as_dict() for f in copycheck.check(texts, people=[name for _row, _pk, name in byline])]
        may_fix = request.user.has_perm(f"{Author._meta.app_label}.change_author")
        for row, pk, name in byline:
            finding = copycheck.record_finding(name)
            if finding is None:
                continue
            findings.append(
                {
                    **finding.as_dict(),
                    "field": f"bylines-{row}-author",
                    "label": _("التوقيع"),
                    "author": pk,
                    # Those who may not change author records are told who can.
                    "fix_url": reverse(
                        f"admin:{self.opts.app_label}_{self.opts.model_name}_copy_check_author"
                    )
                    if may_fix
                    else "",
                    "no_fix": "" if may_fix else _("يصحّح السجلَّ من يدير سجلات الكتّاب (المحررون)."),
                }
            )
        return JsonResponse({"findings": findings})

    def copy_check_author_view(self, request):
        """POST author, name, replacement: the one-click fix of a name_records finding. Only the
        check's own fix of the record as it is now is applied; anything else is refused."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm(f"{Author._meta.app_label}.change_author"):
            raise PermissionDenied
        pk = request.POST.get("author", "")
        author = Author.objects.filter(pk=int(pk)).first() if pk.isdigit() and len(pk) < 12 else None
        if author is None:
            return JsonResponse({"error": _("لا يوجد كاتب بهذا الرقم.")}, status=404)
        finding = copycheck.record_finding(author.name_ar or "")
        if (
            finding is None
            or request.POST.get("name") != author.name_ar
            or request.POST.get("replacement") != finding.replacement
        ):
            return JsonResponse({"error": _("تغيّر سجل الكاتب منذ الفحص؛ أُعيد الفحص.")}, status=409)
        author.name_ar = finding.replacement
        author.save()
        return JsonResponse({"saved": True, "name": author.name_ar})

    @staticmethod
    def _byline(data):
        """(row, id, Arabic name) of the authors on the form's byline (rows marked for deletion left out)."""
        rows = {}
        for key, value in data.items():
            match = _BYLINE_AUTHOR.match(key)
            if not match or data.get(f"bylines-{match.group(1)}-DELETE"):
                continue
            if value.isdigit() and len(value) < 12:
                rows.setdefault(int(value), match.group(1))
        if not rows:
            return []
        names = dict(Author.objects.filter(pk__in=list(rows)[:MAX_BYLINE]).values_list("pk", "name_ar"))
        return [(row, pk, names[pk]) for pk, row in rows.items() if names.get(pk)]
