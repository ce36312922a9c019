from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles.desk"
    label = "desk"
    verbose_name = _("مكتب التحرير")

    def ready(self):
        from . import signals

        signals.connect()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the desk's site (its home is the desk's front page)."""

    default = False  # named in INSTALLED_APPS; "articles.desk" itself stays DeskConfig
    default_site = "articles.desk.admin_site.NewsroomAdminSite"
