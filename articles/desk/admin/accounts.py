"""Users and groups in the desk's language.

Django stores a permission's name once, in English ("Can change article"), and the roles'
group names are keys ("Editors"). The user and group pages show both through labels built in
the active language: the action, the model's own verbose name, and the role's name.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import publishing

ACTIONS = {"add": _("إضافة"), "change": _("تعديل"), "delete": _("حذف"), "view": _("عرض")}
ROLE_NAMES = {publishing.EDITORS: _("المحررون"), publishing.REPORTERS: _("المراسلون")}


def role_name(group):
    return str(ROLE_NAMES.get(group.name, group.name))


def permission_label(permission):
    """«الأخبار | خبر | تعديل خبر» for change_article; custom permissions keep their (Arabic) name."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:
        return str(permission)
    app = model._meta.app_config.verbose_name
    action, _sep, model_name = permission.codename.partition("_")
    if action in ACTIONS and model_name == model._meta.model_name:
        name = gettext("%(action)s %(model)s") % {
            "action": ACTIONS[action],
            "model": model._meta.verbose_name,
        }
    else:
        name = gettext(permission.name)
    return f"{app} | {model._meta.verbose_name} | {name}"


class ArabicLabelsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        elif db_field.name == "groups":
            field.label_from_instance = role_name
        return field


User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


class RoleFilter(admin.RelatedFieldListFilter):
    """The users' list filtered by role, the roles named in the active language."""

    def field_choices(self, field, request, model_admin):
        return [(group.pk, role_name(group)) for group in Group.objects.order_by("name")]


class PasswordChangeForm(AdminPasswordChangeForm):
    """Django writes this page's warning into the help text in English, outside gettext."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("usable_password")
        if field is not None:
            field.help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
                SetUnusablePasswordMixin.usable_password_help_text,
                gettext("If disabled, the current password for this user will be lost."),
            )


@admin.register(User)
class NewsroomUserAdmin(ArabicLabelsMixin, UserAdmin):
    change_password_form = PasswordChangeForm
    list_filter = tuple(
        ("groups", RoleFilter) if name == "groups" else name for name in UserAdmin.list_filter
    )


@admin.register(Group)
class NewsroomGroupAdmin(ArabicLabelsMixin, GroupAdmin):
    list_display = ("role",)

    @admin.display(description=_("الدور"), ordering="name")
    def role(self, group):
        return role_name(group)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        group = self.get_object(request, object_id)
        if group is not None:
            # The page's title and breadcrumb name the role, not the group's stored key.
            extra_context = {
                **(extra_context or {}),
                "role_name": role_name(group),
                "subtitle": role_name(group),
            }
        return super().change_view(request, object_id, form_url, extra_context)
