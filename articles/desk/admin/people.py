from django.contrib import admin
from django.contrib.auth import get_user_model

from articles.desk.admin.base import NormalisedSearchMixin, TranslatedAdmin
from articles.locks import display_name
from articles.models import Author


@admin.register(Author)
class AuthorAdmin(NormalisedSearchMixin, TranslatedAdmin):
    list_display = ("name", "role", "user")
    search_fields = ("name_ar", "name_en")
    normalised_search_field = "name_key"
    autocomplete_fields = ("user",)
    list_select_related = ("user",)

    def get_autocomplete_fields(self, request):
        # Editors manage authors but not accounts: without the right to see users, the link
        # to a user is a plain list of the desk's staff instead of the users' search.
        if request.user.has_perm("auth.view_user"):
            return super().get_autocomplete_fields(request)
        return ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.has_perm("auth.view_user"):
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_staff=True, is_active=True)
                .order_by("first_name", "last_name", "username")
            )
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)
            field.label_from_instance = lambda user: f"{display_name(user)} ({user.get_username()})"
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
