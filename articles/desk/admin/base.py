from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
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


class SafeAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget, minus a 500: a form sent back with a value that is not
    an id (tags=abc, or one beyond the column's range) is shown again with its error, and the widget's lookup of the chosen
    rows would pass that value to the database (ValueError). Such values are left out of
    the lookup; the field's own validation still answers «… ليست قيمة صالحة» in Arabic."""

    def optgroups(self, name, value, attr=None):
        queryset = self.choices.queryset
        to_field = self.choices.field.to_field_name
        field = queryset.model._meta.get_field(to_field) if to_field else queryset.model._meta.pk

        def usable(item):
            try:
                field.run_validators(field.to_python(item))  # an id, within the column's range
            except ValidationError:
                return False
            return True

        return super().optgroups(name, [item for item in value if usable(item)], attr)


class SafeAutocompleteSelectMultiple(SafeAutocompleteSelect, AutocompleteSelectMultiple):
    pass


class IdCheckedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A many-to-many field that refuses an id out of the column's range (tags=2**63) with its
    «… ليست قيمة صالحة» error: Django's own check passes it to an IN query, which SQLite
    answers with OverflowError (a 500)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = (
            self.queryset.model._meta.get_field(key) if self.to_field_name else self.queryset.model._meta.pk
        )
        for item in value:
            try:
                field.run_validators(field.to_python(item))
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                ) from None
        return super()._check_values(value)


class SafeAutocompleteMixin:
    """autocomplete_fields with the widgets above, many-to-many fields with the field above
    (ModelAdmin and inlines)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdCheckedMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class TranslatedAdmin(SafeAutocompleteMixin, NonceMediaMixin, DirectionalFieldsMixin, TabbedTranslationAdmin):
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
