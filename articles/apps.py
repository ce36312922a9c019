from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("الأخبار")

    def ready(self):
        # Imported here, when the models are ready: the receivers keep search columns right.
        from . import signals

        signals.connect()
