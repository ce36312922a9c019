from axes import apps as axes_apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "articles.ops"
    label = "ops"
    verbose_name = _("التشغيل")


class LoginThrottlingConfig(axes_apps.AppConfig):
    """django-axes, named in Arabic in the admin (it has no name of its own: "Axes")."""

    default = False  # named in INSTALLED_APPS
    verbose_name = _("محاولات الدخول")
