"""The people behind the stories."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.images import author_photo_path, validate_image_upload, without_metadata

from ..arabic import name_key
from ..cleaning import clean_typed_text
from .slugs import PublicPageMixin


class AuthorQuerySet(models.QuerySet):
    def matching(self, name):
        """Authors whose Arabic name is `name` however it is spelt (فاطمه = فاطمة,
        عبد الرحمن = عبدالرحمن)."""
        return self.filter(name_key=name_key(name))


class Author(PublicPageMixin, models.Model):
    page_url_name = "articles:author"

    name = models.CharField(_("الاسم"), max_length=150)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=150,
        unique=True,
        null=True,
        blank=True,
        allow_unicode=True,
    )
    role = models.CharField(_("الصفة"), max_length=150, blank=True, help_text=_("مثل: مراسل، محرر"))
    bio = models.TextField(_("نبذة"), blank=True)
    photo = models.ImageField(
        _("الصورة"),
        upload_to=author_photo_path,
        blank=True,
        validators=[validate_image_upload],
        help_text=_("JPEG أو PNG أو WebP أو GIF. تُحذف بيانات EXIF (ومنها الموقع) عند الرفع."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("حساب المستخدم"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )
    # The Arabic name as the normaliser sees it: how imports and searches find this person.
    name_key = models.CharField(max_length=150, db_index=True, editable=False, default="")

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("كاتب")
        verbose_name_plural = _("الكتّاب")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        clean_typed_text(Author, self)  # before the name is keyed for matching
        # A new photo goes through the one image pipeline: checked, re-encoded, renamed.
        if self.photo and not getattr(self.photo, "_committed", True):
            self.photo = without_metadata(self.photo)
        self.name_key = name_key(self.name_ar)
        super().save(*args, **kwargs)
