from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("الأخبار")

    def ready(self):
        # Imported here, when the models are ready: the receivers keep search columns right.
        from . import signals

        signals.connect()


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the desk's site (its home is the desk's front page)."""

    default = False  # named in INSTALLED_APPS; "articles" itself stays ArticlesConfig
    default_site = "articles.admin_site.NewsroomAdminSite"
