"""Search and sharing on the story form: the SEO fields' preview and the shared picture's URL.

The preview (a read-only field of the «محركات البحث والمشاركة» fieldset) shows, per edition,
the story as a search result and as a share card, from the saved story; the page's script
(static/articles/share-preview.js) redraws it from what is typed, with the same fallbacks as
the reader page (Article.page_title, page_description, share_picture). When the social image
or the lead picture changes, the script asks `share-picture/?image=<id>` for its share cut.
"""

from urllib.parse import unquote

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.urls import path
from django.utils.translation import get_language_info, override
from django.utils.translation import gettext_lazy as _

from articles.context_processors import site_name
from articles.languages import codes
from articles.models.article import SEARCH_DESCRIPTION_SHOWN, SEARCH_TITLE_SHOWN
from articles.pictures import renditions
from articles.pictures.models import Image


class SharingAdminMixin:
    share_preview_assets = forms.Media(
        js=("articles/story-text.js", "articles/share-preview.js"),
        css={"all": ("articles/share-preview.css",)},
    )

    @property
    def media(self):
        return super().media + self.share_preview_assets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if "share_preview" in fields else [*fields, "share_preview"]

    @admin.display(description=_("كيف يظهر الخبر"))
    def share_preview(self, obj):
        editions = []
        for code in codes():
            with override(code):
                saved = obj is not None and obj.pk is not None and obj.has_edition(code)
                picture = obj.share_picture if saved else None
                editions.append(
                    {
                        "code": code,
                        "name": get_language_info(code)["name_translated"],
                        "dir": "rtl" if get_language_info(code)["bidi"] else "ltr",
                        "site_name": site_name(),
                        "path": unquote(obj.get_absolute_url()) if saved and obj.slug else "",
                        "title": obj.page_title if saved else "",
                        "description": obj.page_description if saved else "",
                        "image": renditions.share_url(picture) if picture else "",
                    }
                )
        return render_to_string(
            "admin/articles/article/_share_preview.html",
            {
                "editions": editions,
                "title_shown": SEARCH_TITLE_SHOWN,
                "description_shown": SEARCH_DESCRIPTION_SHOWN,
            },
        )

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "share-picture/",
                self.admin_site.admin_view(self.share_picture_view),
                name="{}_{}_share_picture".format(*info),
            ),
        ] + super().get_urls()

    def share_picture_view(self, request):
        """JSON: the share cut of one picture (what a card shows), for the form's preview."""
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        number = request.GET.get("image", "")
        if not (number.isascii() and number.isdigit()) or len(number) > 12:
            raise Http404(_("لا توجد صورة بهذا الرقم."))
        image = Image.objects.prefetch_related("renditions").filter(pk=int(number)).first()
        if image is None:
            raise Http404(_("لا توجد صورة بهذا الرقم."))
        return JsonResponse({"url": renditions.share_url(image), "alt": image.alt_text or ""})
