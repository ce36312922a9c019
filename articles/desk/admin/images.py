"""The picture library: uploads, their words, their focal point, and the renditions cut from them.

The library's list is also the picture chooser of the story form (a popup of this list, see
picture_chooser.py): thumbnails, and a search that folds Arabic spelling over caption, credit
and alt text. `cards/` answers the chooser's and the body editor's question "what does picture
12 look like?" with thumbnails and words, for the pictures the page names.
"""

from django import forms
from django.contrib import admin
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.desk.admin.base import NormalisedSearchMixin, TranslatedAdmin
from articles.pictures import renditions
from articles.pictures.models import Image

# The most pictures one cards/ request may ask about (a long story's body, a page of choosers).
MAX_CARDS = 50


def thumbnail_url(image):
    """The narrowest 16:9 rendition's URL, else the original's (a picture whose renditions are
    not cut yet); "" without a file."""
    if not image or not image.file:
        return ""
    small = renditions.thumbnail(image)
    return small.url if small else image.file.url


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
        small.url,
        image.alt_text or image.caption or "",
    )


def card(image):
    """What the story form shows of a chosen picture (plain data for JSON)."""
    return {
        "id": image.pk,
        "caption": image.caption or "",
        "credit": image.credit or "",
        "alt": image.alt_text or "",
        "thumbnail": thumbnail_url(image),
    }


class ImageForm(forms.ModelForm):
    """A form that leaves out the focal point keeps the picture's own (the centre for a new one):
    only a value typed or clicked moves it."""

    class Meta:
        model = Image
        fields = ("file", "focal_x", "focal_y", "caption", "credit", "alt_text")
        widgets = {
            # step "any": a clicked point has three decimals; the range is checked on the
            # server with an Arabic message rather than by the browser in its own language.
            "focal_x": forms.NumberInput(
                attrs={"step": "any", "inputmode": "decimal", "class": "focal-input"}
            ),
            "focal_y": forms.NumberInput(
                attrs={"step": "any", "inputmode": "decimal", "class": "focal-input"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("focal_x", "focal_y"):
            if name in self.fields:
                self.fields[name].required = False

    def _focal(self, name):
        value = self.cleaned_data.get(name)
        return getattr(self.instance, name) if value is None else value

    def clean_focal_x(self):
        return self._focal("focal_x")

    def clean_focal_y(self):
        return self._focal("focal_y")


@admin.register(Image)
class ImageAdmin(NormalisedSearchMixin, TranslatedAdmin):
    form = ImageForm
    list_display = ("thumbnail", "caption", "credit", "dimensions", "created_at")
    list_display_links = ("thumbnail", "caption")
    search_fields = ("caption_ar", "caption_en", "credit_ar", "credit_en", "alt_text_ar", "alt_text_en")
    search_help_text = _("ابحث في التعليق والمصدر والنص البديل؛ الإملاء العربي لا يهم (فاطمه تجد فاطمة).")
    normalised_search_field = "search_key"
    date_hierarchy = "created_at"
    readonly_fields = ("focal_point", "rendition_list")
    fieldsets = (
        (None, {"fields": ("file", "focal_point", ("focal_x", "focal_y"))}),
        (_("الكلمات"), {"fields": ("caption", "credit", "alt_text")}),
        (_("النسخ المصغّرة"), {"fields": ("rendition_list",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("renditions")

    def get_urls(self):
        return [
            path("cards/", self.admin_site.admin_view(self.cards_view), name="pictures_image_cards"),
        ] + super().get_urls()

    def cards_view(self, request):
        """?ids=3,12 → {"pictures": [card, …]} for the pictures that exist (deleted ones are
        simply absent), in one query for the pictures and one for their renditions."""
        if not self.has_view_permission(request):
            return JsonResponse({"error": gettext("ليست لديك صلاحية عرض الصور.")}, status=403)
        raw = [part.strip() for part in request.GET.get("ids", "").split(",") if part.strip()]
        if not raw or len(raw) > MAX_CARDS or not all(part.isascii() and part.isdigit() for part in raw):
            return JsonResponse(
                {
                    "error": gettext("أرسل أرقام الصور مفصولة بفواصل (%(limit)s على الأكثر).")
                    % {"limit": MAX_CARDS}
                },
                status=400,
            )
        ids = {int(part) for part in raw if len(part) <= 18}
        pictures = Image.objects.filter(pk__in=ids).prefetch_related("renditions")
        return JsonResponse({"pictures": [card(image) for image in pictures]})

    @admin.display(description=_("الصورة"))
    def thumbnail(self, image):
        return thumbnail_html(image)

    @admin.display(description=_("الأبعاد"))
    def dimensions(self, image):
        if not image.width:
            return "—"
        return format_html('<bdi dir="ltr">{}×{}</bdi>', image.width, image.height)

    @admin.display(description=_("نقطة التركيز"))
    def focal_point(self, image):
        """The picture to click on; static/articles/focal-point.js moves the marker and fills
        the two fields (which stay the keyboard's way to set it). A new picture shows the
        chosen file before it is uploaded."""
        source = ""
        if image.pk and image.file:
            whole = renditions.cuts(image, "", "jpeg")
            fitting = [r for r in whole if r.width <= 800] or whole
            source = fitting[-1].url if fitting else image.file.url
        return format_html(
            '<div class="focal-picker" data-focal-picker data-empty="{}">'
            '<p class="help" id="focal-picker-help">{}</p>'
            '<div class="focal-picker__frame"{}>'
            '<img class="focal-picker__image" src="{}" alt="{}" tabindex="0" aria-describedby="focal-picker-help">'
            '<span class="focal-picker__marker" aria-hidden="true"></span></div></div>',
            gettext("اختر ملف الصورة أولاً، ثم انقر عليها."),
            gettext(
                "انقر على الصورة حيث يجب أن يبقى موضوعها ظاهراً في كل قصّ (16:9 و4:3 و1:1)، "
                "أو ركّز عليها واستعمل الأسهم، أو اكتب النقطة في الحقلين."
            ),
            "" if source else " hidden",
            source,
            gettext("الصورة: انقر لاختيار نقطة التركيز"),
        )

    @admin.display(description=_("النسخ المصغّرة"))
    def rendition_list(self, image):
        found = renditions.listing(image) if image.pk else []
        if not found:
            return _("تُقطع النسخ المصغّرة بعد حفظ الصورة.")
        items = format_html_join(
            "",
            '<li><a href="{}" dir="ltr">{}×{} {}{}</a></li>',
            (
                (
                    r["url"],
                    r["width"],
                    r["height"],
                    r["format"].upper(),
                    f" ({r['crop'].replace('x', ':')})" if r["crop"] else "",
                )
                for r in found
            ),
        )
        return format_html('<ul class="rendition-list">{}</ul>', items)

    class Media:
        css = {"all": ("articles/desk-tools.css", "articles/pictures.css")}
        js = ("articles/focal-point.js",)
