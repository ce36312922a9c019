from django.contrib import admin

from ..models import Image
from .base import TranslatedAdmin


@admin.register(Image)
class ImageAdmin(TranslatedAdmin):
    list_display = ("__str__", "credit", "width", "height", "created_at")
    search_fields = ("caption_ar", "caption_en", "credit_ar", "alt_text_ar")
