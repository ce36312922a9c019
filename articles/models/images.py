"""Pictures that illustrate stories, with the words that go with them, and their renditions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..images import image_upload_path, validate_image_upload, without_metadata


class Image(models.Model):
    file = models.ImageField(
        _("الملف"), upload_to=image_upload_path, width_field="width", height_field="height",
        validators=[validate_image_upload],
        help_text=_("JPEG أو PNG أو WebP أو GIF. تُحذف بيانات EXIF (ومنها الموقع) عند الرفع."),
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField(_("التعليق"), max_length=300, blank=True)
    credit = models.CharField(_("المصدر/المصور"), max_length=150, blank=True)
    alt_text = models.CharField(
        _("النص البديل"), max_length=300, blank=True,
        help_text=_("وصف الصورة لمن لا يراها، لقارئات الشاشة."),
    )
    created_at = models.DateTimeField(_("تاريخ الرفع"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("صورة")
        verbose_name_plural = _("الصور")

    def __str__(self):
        return self.caption or self.file.name

    def save(self, *args, **kwargs):
        # A new upload is stored as a clean re-encoded copy (no EXIF/GPS), under a new name.
        if self.file and not getattr(self.file, "_committed", True):
            self.file = without_metadata(self.file)
        super().save(*args, **kwargs)


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

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions", verbose_name=_("الصورة"))
    crop = models.CharField(_("القص"), max_length=8, choices=Crop.choices, blank=True)
    format = models.CharField(_("الصيغة"), max_length=8, choices=Format.choices)
    width = models.PositiveIntegerField(_("العرض"))
    height = models.PositiveIntegerField(_("الارتفاع"))
    file = models.FileField(_("الملف"), max_length=255)
    source = models.CharField(max_length=255, editable=False)

    class Meta:
        ordering = ["crop", "format", "width"]
        constraints = [
            models.UniqueConstraint(fields=["image", "crop", "format", "width"], name="one_rendition_per_cut"),
        ]
        verbose_name = _("نسخة مصغّرة")
        verbose_name_plural = _("النسخ المصغّرة")

    def __str__(self):
        return f"{self.image_id} {self.crop or 'whole'} {self.width}w {self.format}"

    @property
    def url(self):
        return self.file.url
