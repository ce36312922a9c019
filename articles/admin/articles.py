from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Article, Byline
from .base import NormalisedSearchMixin, TranslatedAdmin
from .copy_check import CopyCheckAdminMixin
from .revisions import RevisionHistoryMixin
from .story_list import StoryListMixin
from .widgets import BodyEditorMixin
from .workflow import DeskArticleAdminMixin


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    min_num = 1
    autocomplete_fields = ("author",)
    # Desk tools: the byline's order is its position; rows can be moved up/down (local JS).
    fields = ("author", "position")
    ordering = ("position", "id")
    classes = ("sortable-byline",)

    class Media:
        js = ("articles/byline-order.js",)


@admin.register(Article)
class ArticleAdmin(
    # The desk's rules first (permissions, workflow, locks, stale saves), then its tools.
    DeskArticleAdminMixin, StoryListMixin, RevisionHistoryMixin, CopyCheckAdminMixin, BodyEditorMixin,
    NormalisedSearchMixin, TranslatedAdmin,
):
    date_hierarchy = "published_at"
    autocomplete_fields = ("tags", "lead_image", "award_wins")
    inlines = [BylineInline]
    fieldsets = (
        (None, {"fields": ("kicker", "headline", "standfirst", "body")}),
        (_("التصنيف"), {"fields": ("section", "dateline", "tags", "lead_image", "award_wins")}),
        (_("النشر"), {"fields": ("status", "published_at_desk", "slug")}),
    )
