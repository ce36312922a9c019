from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from articles.desk.admin.base import TranslatedAdmin
from articles.models import Award, AwardCategory, AwardWin, Organisation


@admin.register(Organisation)
class OrganisationAdmin(TranslatedAdmin):
    list_display = ("name", "kind", "city")
    list_filter = ("kind",)
    search_fields = ("name_ar", "name_en")


class AwardCategoryInline(TranslationTabularInline):
    model = AwardCategory
    extra = 0


@admin.register(Award)
class AwardAdmin(TranslatedAdmin):
    list_display = ("name", "awarding_body")
    search_fields = ("name_ar", "name_en")
    autocomplete_fields = ("awarding_body",)
    inlines = [AwardCategoryInline]


@admin.register(AwardCategory)
class AwardCategoryAdmin(TranslatedAdmin):
    list_display = ("name", "award", "position")
    list_filter = ("award",)
    search_fields = ("name_ar", "name_en", "award__name_ar")


@admin.register(AwardWin)
class AwardWinAdmin(TranslatedAdmin):
    list_display = ("organisation", "category", "year", "entry", "ceremony_city")
    list_filter = ("year", "category__award")
    search_fields = ("organisation__name_ar", "category__name_ar", "entry_ar")
    autocomplete_fields = ("organisation", "category")
