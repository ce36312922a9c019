from django import forms
from django.db.models import Q
from modeltranslation.admin import TabbedTranslationAdmin

from articles.arabic import normalize
from articles.desk.admin.csp import NonceMediaMixin


class NormalisedSearchMixin:
    """Admin search that folds Arabic spelling (فاطمة finds فاطمه).

    `normalised_search_field` / `normalised_search_fields`: columns that already hold text
    folded by `arabic.normalize` (Author.name_key, Article.search_*). The search words are
    folded the same way; every word must be found in one of the columns.
    """

    normalised_search_field = None
    normalised_search_fields = ()

    def get_search_results(self, request, queryset, search_term):
        fields = ((self.normalised_search_field,) if self.normalised_search_field else ()) + tuple(
            self.normalised_search_fields
        )
        words = normalize(search_term).split() if search_term else []
        if not words or not fields:
            return super().get_search_results(request, queryset, search_term)
        folded = queryset
        for word in words:
            any_field = Q()
            for field in fields:
                any_field |= Q(**{f"{field}__contains": word})
            folded = folded.filter(any_field)
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        return (queryset | folded).distinct(), duplicates


class DirectionalFieldsMixin:
    """Inside the translation tabs, Arabic inputs run right-to-left and English left-to-right."""

    directions = {"ar": "rtl", "en": "ltr"}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = db_field.name.rsplit("_", 1)[-1] if "_" in db_field.name else None
        if field is not None and language in self.directions and hasattr(field.widget, "attrs"):
            field.widget.attrs["dir"] = self.directions[language]
            field.widget.attrs.setdefault("lang", language)
        return field


class TranslatedAdmin(NonceMediaMixin, DirectionalFieldsMixin, TabbedTranslationAdmin):
    """Arabic and English fields side by side in tabs (jQuery UI served from our static)."""

    @property
    def media(self):
        # After jQuery and modeltranslation's own script, which builds the tabs.
        return super().media + forms.Media(
            js=[
                "admin/js/jquery.init.js",
                "modeltranslation/js/tabbed_translation_fields.js",
                "articles/translation-tabs.js",
            ]
        )
