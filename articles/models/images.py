"""Pictures that illustrate stories, with the words that go with them."""

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
