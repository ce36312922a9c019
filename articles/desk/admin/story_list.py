"""The desk's story list: what an editor scans on a busy night, in a fixed number of queries."""

from django.contrib import admin
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.desk.admin.bulk_actions import BulkActionsMixin
from articles.desk.admin.images import thumbnail_html
from articles.locks import display_name
from articles.models import Article, Author, Byline
from articles.models.search_columns import SEARCH_FIELDS


class StatusFilter(admin.SimpleListFilter):
    """The stored status, with scheduled stories (published, time not yet come) apart."""

    title = _("الحالة")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            (Article.Status.DRAFT, Article.Status.DRAFT.label),
            (Article.Status.REVIEW, Article.Status.REVIEW.label),
            ("scheduled", Article.SCHEDULED_LABEL),
            (Article.Status.PUBLISHED, Article.Status.PUBLISHED.label),
            (Article.Status.WITHDRAWN, Article.Status.WITHDRAWN.label),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == Article.Status.PUBLISHED:
            return queryset.published()
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


class AuthorFilter(admin.SimpleListFilter):
    title = _("الكاتب")
    parameter_name = "author"

    def lookups(self, request, model_admin):
        return [(str(a.pk), a.name) for a in Author.objects.filter(bylines__isnull=False).distinct()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(pk__in=Byline.objects.filter(author_id=self.value()).values("article_id"))
        return queryset


class MineFilter(admin.SimpleListFilter):
    """«قصصي»: the stories I started or that carry my name (my author record) in the byline."""

    title = _("قصصي")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("قصصي"))]

    def queryset(self, request, queryset):
        if self.value() != "1":
            return queryset
        bylined = Byline.objects.filter(author__user=request.user).values("article_id")
        return queryset.filter(Q(created_by=request.user) | Q(pk__in=bylined))


class StoryListMixin(BulkActionsMixin):
    """List columns, filters, search and ordering for the story list; its bulk actions."""

    list_display = (
        "thumbnail",
        "headline",
        "desk_status",
        "section",
        "byline_names",
        "published_at",
        "last_editor",
    )
    list_display_links = ("headline",)
    list_filter = (
        MineFilter,
        StatusFilter,
        "section",
        AuthorFilter,
        ("published_at", admin.DateFieldListFilter),
    )
    search_fields = ("headline_ar", "headline_en", "standfirst_en", "body_en")
    # The stored, normalised search columns (articles/models/search_columns.py): headline,
    # kicker and standfirst; dateline and body; byline and tag names — in every edition.
    normalised_search_fields = tuple(SEARCH_FIELDS)
    list_select_related = ("section", "lead_image", "last_edited_by")
    list_per_page = 50

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("_changelist"):
            # The list: the reader lists' queryset (bylines prefetched, search columns left
            # in the database). The change form keeps whole rows: it saves them.
            return queryset.for_listing()
        return queryset

    @admin.display(description=_("الحالة"), ordering="status")
    def desk_status(self, article):
        return article.status_label

    @admin.display(description=_("التوقيع"))
    def byline_names(self, article):
        return format_html_join("، ", "<bdi>{}</bdi>", ((author.name,) for author in article.byline))

    @admin.display(description=_("آخر من حرّر"), ordering="last_edited_by")
    def last_editor(self, article):
        editor = article.last_edited_by
        return format_html("<bdi>{}</bdi>", display_name(editor)) if editor else "—"

    @admin.display(description=_("الصورة"))
    def thumbnail(self, article):
        return thumbnail_html(article.lead_image)

    class Media:
        css = {"all": ("articles/desk-tools.css",)}
