from django.db.models import Q
from modeltranslation.admin import TabbedTranslationAdmin

from ..arabic import normalize, normalize_expression


class NormalisedSearchMixin:
    """Admin search that folds Arabic spelling (فاطمة finds فاطمه).

    `normalised_search_field`: one column that already holds normalised text (name_key).
    `normalised_search_fields`: text columns (lookups may cross relations) folded in the
    database with the normaliser's table; every word of the search must match one of them.
    """

    normalised_search_field = None
    normalised_search_fields = ()

    def get_search_results(self, request, queryset, search_term):
        if not search_term or not (self.normalised_search_field or self.normalised_search_fields):
            return super().get_search_results(request, queryset, search_term)
        term = normalize(search_term)
        base = queryset
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if self.normalised_search_field:
            queryset = queryset | base.filter(**{f"{self.normalised_search_field}__contains": term})
        if self.normalised_search_fields:
            # Match in a subquery so the joins of related fields never multiply the list rows.
            folded = base.model._default_manager.alias(
                **{f"_folded_{n}": normalize_expression(f) for n, f in enumerate(self.normalised_search_fields)}
            )
            for word in term.split():
                any_field = Q()
                for n in range(len(self.normalised_search_fields)):
                    any_field |= Q(**{f"_folded_{n}__contains": word})
                folded = folded.filter(any_field)
            queryset = queryset | base.filter(pk__in=folded.values("pk"))
        return queryset.distinct(), duplicates


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


class TranslatedAdmin(DirectionalFieldsMixin, TabbedTranslationAdmin):
    """Arabic and English fields side by side in tabs (jQuery UI served from our static)."""
