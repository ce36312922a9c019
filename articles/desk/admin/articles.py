from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.desk.admin.base import NormalisedSearchMixin, SafeAutocompleteMixin, TranslatedAdmin
from articles.desk.admin.copy_check import CopyCheckAdminMixin
from articles.desk.admin.notifications import NotificationsAdminMixin
from articles.desk.admin.picture_chooser import PictureChooserMixin
from articles.desk.admin.revisions import RevisionHistoryMixin
from articles.desk.admin.sharing import SharingAdminMixin
from articles.desk.admin.story_list import StoryListMixin
from articles.desk.admin.widgets import BodyEditorMixin
from articles.desk.admin.workflow import DeskArticleAdminMixin
from articles.desk.admin.writing_aids import WritingAidsMixin
from articles.models import Article, Author, Byline


class BylineInline(SafeAutocompleteMixin, admin.TabularInline):
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
    DeskArticleAdminMixin,
    NotificationsAdminMixin,
    StoryListMixin,
    RevisionHistoryMixin,
    CopyCheckAdminMixin,
    WritingAidsMixin,
    SharingAdminMixin,
    BodyEditorMixin,
    PictureChooserMixin,
    NormalisedSearchMixin,
    TranslatedAdmin,
):
    date_hierarchy = "published_at"
    autocomplete_fields = ("tags", "award_wins")
    picture_chooser_fields = ("lead_image", "social_image")
    inlines = [BylineInline]
    fieldsets = (
        (None, {"fields": ("kicker", "headline", "standfirst", "body")}),
        (_("التصنيف"), {"fields": ("section", "dateline", "tags", "lead_image", "award_wins")}),
        (
            _("محركات البحث والمشاركة"),
            {
                "fields": ("seo_title", "seo_description", "social_image", "share_preview"),
                "classes": ("collapse",),
            },
        ),
        (_("النشر"), {"fields": ("status", "published_at_desk", "slug")}),
    )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # A new story offers the writer's own author record (Author.user) as its byline;
        # they can change it before saving. Only on the empty form: a POST keeps what was sent.
        if (
            request.method == "GET"
            and obj is not None
            and obj.pk is None
            and isinstance(inline, BylineInline)
        ):
            own = Author.objects.filter(user=request.user).values_list("pk", flat=True).first()
            if own is not None:
                kwargs["initial"] = [{"author": own}]
        return kwargs
