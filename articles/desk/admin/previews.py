"""The desk's list of shared preview links: who shared which story, until when; revoke them.

Editors see and revoke every link; a reporter sees and revokes the links they handed out.
Links are made from the story's page («مشاركة المعاينة»), never here."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import publishing
from articles.desk import previews
from articles.desk.models import PreviewLink


class LinkState(admin.SimpleListFilter):
    title = _("الحالة")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("live", _("يعمل")), ("dead", _("منتهٍ أو ملغى"))]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.live()
        if self.value() == "dead":
            return queryset.exclude(pk__in=queryset.live().values("pk"))
        return queryset


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    list_display = ("article", "created_by", "created_at", "expires_at", "state")
    list_filter = (LinkState,)
    list_select_related = ("article", "created_by")
    search_fields = ("article__headline_ar", "article__headline_en")
    actions = ["revoke_links"]

    @admin.display(description=_("الحالة"))
    def state(self, link):
        # is_live and withdrawn come from PreviewLink.objects.with_state(): the one rule.
        if link.is_live:
            return _("يعمل")
        if link.revoked_at:
            return _("ملغى")
        if link.withdrawn:
            return _("الخبر مسحوب")
        return _("منتهٍ")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).with_state()
        if publishing.acts_on_any(request.user):
            return queryset
        return queryset.filter(created_by=request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_perm("articles.change_article")

    def has_view_permission(self, request, obj=None):
        if not self.has_module_permission(request):
            return False
        return obj is None or publishing.acts_on_any(request.user) or obj.created_by_id == request.user.pk

    def has_revoke_permission(self, request):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("إلغاء روابط المعاينة المحددة"), permissions=["revoke"])
    def revoke_links(self, request, queryset):
        # get_queryset already limits a reporter to their own links.
        count = previews.revoke(queryset, request.user)
        messages.success(
            request, ngettext("أُلغي رابط واحد.", "أُلغي %(count)d رابطاً.", count) % {"count": count}
        )
