from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("الأخبار")

    def ready(self):
        from . import search, signals  # noqa: F401  (signals connects its receivers)

        search.connect_signals()
