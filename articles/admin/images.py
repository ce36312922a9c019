"""The picture library: uploads, their words, and the renditions cut from them."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .. import renditions
from ..models import Image
from .base import TranslatedAdmin


def thumbnail_html(image):
    """A small <img> of `image` for admin lists: its narrowest 16:9 rendition, never the
    full original (a page of fifty stories would fetch fifty camera files). A picture without
    renditions yet shows a dash."""
    if not image or not image.file:
        return ""
    small = renditions.thumbnail(image)
    if small is None:
        return "—"
    return format_html(
        '<img class="story-thumb" src="{}" alt="{}" loading="lazy" width="64" height="40">',
        small.url, image.alt_text or image.caption or "",
    )


@admin.register(Image)
class ImageAdmin(TranslatedAdmin):
    list_display = ("thumbnail", "__str__", "credit", "width", "height", "created_at")
    list_display_links = ("thumbnail", "__str__")
    search_fields = ("caption_ar", "caption_en", "credit_ar", "alt_text_ar")
    readonly_fields = ("rendition_list",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    @admin.display(description=_("الصورة"))
    def thumbnail(self, image):
        return thumbnail_html(image)

    @admin.display(description=_("النسخ المصغّرة"))
    def rendition_list(self, image):
        found = renditions.listing(image) if image.pk else []
        if not found:
            return _("تُقطع النسخ المصغّرة بعد حفظ الصورة.")
        return format_html_join(
            "، ", '<a href="{}" dir="ltr">{}×{} {}{}</a>',
            (
                (r["url"], r["width"], r["height"], r["format"].upper(), f" ({r['crop'].replace('x', ':')})" if r["crop"] else "")
                for r in found
            ),
        )

    class Media:
        css = {"all": ("articles/desk-tools.css",)}
