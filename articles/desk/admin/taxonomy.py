from django.contrib import admin

from articles.desk.admin.base import TranslatedAdmin
from articles.models import Section, Tag


@admin.register(Section)
class SectionAdmin(TranslatedAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_ar", "name_en")


@admin.register(Tag)
class TagAdmin(TranslatedAdmin):
    list_display = ("name", "slug")
    search_fields = ("name_ar", "name_en")
