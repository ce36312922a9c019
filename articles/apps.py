from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("الأخبار")

    def ready(self):
        from django.db.models.signals import pre_save

        # Imported here, when the models are ready: the receivers keep search columns right.
        from . import caching, notifications, publishing, signals
        from .cleaning import clean_typed_text

        signals.connect(self)
        # Every workflow step tells the people involved (front page and email).
        publishing.step_taken.connect(notifications.step_taken, dispatch_uid="articles.notify")
        # The page cache's one invalidation rule: a new content version on every change readers see.
        caching.connect_signals()
        # Controls and bidi overrides out of every plain-text field, on every save path.
        pre_save.connect(clean_typed_text, dispatch_uid="articles.clean_typed_text")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the desk's site (its home is the desk's front page)."""

    default = False  # named in INSTALLED_APPS; "articles" itself stays ArticlesConfig
    default_site = "articles.admin_site.NewsroomAdminSite"
