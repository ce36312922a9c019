from django.contrib import admin

from ..models import Correction
from .base import TranslatedAdmin


@admin.register(Correction)
class CorrectionAdmin(TranslatedAdmin):
    list_display = ("__str__", "article", "kind", "published_at")
    list_filter = ("kind",)
    autocomplete_fields = ("article",)
