from django.contrib import admin

from articles.desk.admin.base import TranslatedAdmin
from articles.models import Correction


@admin.register(Correction)
class CorrectionAdmin(TranslatedAdmin):
    list_display = ("__str__", "article", "kind", "published_at")
    list_filter = ("kind",)
    autocomplete_fields = ("article",)
