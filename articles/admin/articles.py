from django.contrib import admin

from ..models import Article, Byline
from .base import TranslatedAdmin
from .workflow import DeskArticleAdminMixin


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 1
    autocomplete_fields = ("author",)


@admin.register(Article)
class ArticleAdmin(DeskArticleAdminMixin, TranslatedAdmin):
    list_display = ("headline", "status", "section", "published_at", "updated_at")
    list_filter = ("status", "section")
    search_fields = ("headline_ar", "headline_en", "body_ar")
    date_hierarchy = "published_at"
    autocomplete_fields = ("tags", "lead_image", "award_wins")
    inlines = [BylineInline]
    fieldsets = (
        (None, {"fields": ("kicker", "headline", "standfirst", "body")}),
        ("التصنيف", {"fields": ("section", "dateline", "tags", "lead_image", "award_wins")}),
        ("النشر", {"fields": ("status", "published_at", "slug")}),
    )
