"""Pictures that illustrate stories, with the words that go with them, and their renditions."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles import freshness
from articles.arabic import normalize
from articles.images import image_upload_path, validate_image_upload, without_metadata
from articles.languages import localized

FOCUS_RANGE = _("نقطة التركيز كسر بين 0 (أول الصورة) و1 (آخرها)؛ 0.5 هو الوسط.")
# Stored to this many decimals: a point chosen by a click is a thousandth of the picture at
# most, and a stable value lets a rendition tell whether it was cut around it.
FOCUS_DECIMALS = 3


def focal_field(label, help_text):
    return models.FloatField(
        label,
        default=0.5,
        help_text=help_text,
        validators=[MinValueValidator(0, message=FOCUS_RANGE), MaxValueValidator(1, message=FOCUS_RANGE)],
    )


class Image(models.Model):
    file = models.ImageField(
        _("الملف"),
        upload_to=image_upload_path,
        width_field="width",
        height_field="height",
        validators=[validate_image_upload],
        help_text=_("JPEG أو PNG أو WebP أو GIF. تُحذف بيانات EXIF (ومنها الموقع) عند الرفع."),
    )
    width = models.PositiveIntegerField(_("العرض"), editable=False, null=True)
    height = models.PositiveIntegerField(_("الارتفاع"), editable=False, null=True)
    caption = models.CharField(_("التعليق"), max_length=300, blank=True)
    credit = models.CharField(_("المصدر/المصور"), max_length=150, blank=True)
    alt_text = models.CharField(
        _("النص البديل"),
        max_length=300,
        blank=True,
        help_text=_("وصف الصورة لمن لا يراها، لقارئات الشاشة."),
    )
    # The point every crop keeps in view, as fractions of the width (from the left) and the
    # height (from the top); the centre by default. Set by clicking the picture in its form.
    focal_x = focal_field(_("نقطة التركيز أفقياً"), _("من اليسار: 0 حافة الصورة اليسرى، 1 حافتها اليمنى."))
    focal_y = focal_field(_("نقطة التركيز عمودياً"), _("من الأعلى: 0 أعلى الصورة، 1 أسفلها."))
    # Caption, credit and alt text folded by arabic.normalize, for the library's search.
    search_key = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("تاريخ الرفع"), auto_now_add=True)

    class Meta:
        db_table = "articles_image"  # made by the core app before the picture library was its own
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="focal_point_inside_picture",
            ),
        ]
        verbose_name = _("صورة")
        verbose_name_plural = _("الصور")

    def __str__(self):
        return self.caption or self.file.name

    def save(self, *args, **kwargs):
        self.focal_x, self.focal_y = (round(float(value), FOCUS_DECIMALS) for value in self.focus)
        self.search_key = self.folded_words()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        # A new upload is stored as a clean re-encoded copy (no EXIF/GPS), under a new name.
        if self.file and not getattr(self.file, "_committed", True):
            self.file = without_metadata(self.file)
        super().save(*args, **kwargs)

    def shown_keys(self, before=None):
        """Pages that show the picture (they record it as they draw it), and no others."""
        return {freshness.key(self)}

    @property
    def focus(self):
        return (self.focal_x, self.focal_y)

    def folded_words(self):
        """Every edition's caption, credit and alt text, folded for search."""
        words = (getattr(self, name, "") or "" for name in localized("caption", "credit", "alt_text"))
        return normalize(" ".join(words)).strip()


class Rendition(models.Model):
    """One cut of an Image (a width, a crop, a format), kept as a file in the default storage.

    Rows are made by articles/renditions.py when a picture is saved or by `make_renditions`;
    pages only read them (prefetched with the picture), so a page render never touches the
    storage or Pillow. `source` is the picture's file name the cut was made from: a replaced
    upload leaves rows whose source no longer matches, and those are remade.
    """

    class Crop(models.TextChoices):
        WHOLE = "", _("الصورة كاملة")
        WIDE = "16x9", "16:9"
        CLASSIC = "4x3", "4:3"
        SQUARE = "1x1", "1:1"

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(
        Image, on_delete=models.CASCADE, related_name="renditions", verbose_name=_("الصورة")
    )
    crop = models.CharField(_("القص"), max_length=8, choices=Crop.choices, blank=True)
    format = models.CharField(_("الصيغة"), max_length=8, choices=Format.choices)
    width = models.PositiveIntegerField(_("العرض"))
    height = models.PositiveIntegerField(_("الارتفاع"))
    file = models.FileField(_("الملف"), max_length=255)
    source = models.CharField(max_length=255, editable=False)
    # The picture's focal point this crop was cut around (a whole-picture rendition ignores
    # it): a moved focal point leaves crops that no longer match, and those are remade.
    focal_x = models.FloatField(default=0.5, editable=False)
    focal_y = models.FloatField(default=0.5, editable=False)

    class Meta:
        db_table = "articles_rendition"
        ordering = ["crop", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "crop", "format", "width"], name="one_rendition_per_cut"
            ),
        ]
        verbose_name = _("نسخة مصغّرة")
        verbose_name_plural = _("النسخ المصغّرة")

    def __str__(self):
        return f"{self.image_id} {self.crop or 'whole'} {self.width}w {self.format}"

    def shown_keys(self, before=None):
        """A new cut changes the pages that show the picture, and only those."""
        return {f"image:{self.image_id}"}

    @property
    def url(self):
        return self.file.url
