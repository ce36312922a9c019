from modeltranslation.admin import TabbedTranslationAdmin

from ..arabic import normalize


class NormalisedSearchMixin:
    """Admin search that folds Arabic spelling (فاطمة finds فاطمه) via `normalised_search_field`."""

    normalised_search_field = None

    def get_search_results(self, request, queryset, search_term):
        if self.normalised_search_field and search_term:
            term = normalize(search_term)
            matches = queryset.filter(**{f"{self.normalised_search_field}__contains": term})
            queryset, duplicates = super().get_search_results(request, queryset, search_term)
            return (queryset | matches).distinct(), duplicates
        return super().get_search_results(request, queryset, search_term)


class TranslatedAdmin(TabbedTranslationAdmin):
    """Arabic and English fields side by side in tabs (jQuery UI served from our static)."""
