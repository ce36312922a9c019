from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = _("الأخبار")

    def ready(self):
        from django.db.models.signals import pre_save

        # Imported here, when the models are ready: the receivers keep search columns right.
        from . import signals
        from .cleaning import clean_typed_text

        # Search columns, and what readers see (articles/freshness.py: each
        # change marks only the responses that show what changed).
        signals.connect(self)
        # Controls and bidi overrides out of every plain-text field, on every save path.
        pre_save.connect(clean_typed_text, dispatch_uid="articles.clean_typed_text")
