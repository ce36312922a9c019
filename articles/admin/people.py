from django.contrib import admin

from ..models import Author
from .base import NormalisedSearchMixin, TranslatedAdmin


@admin.register(Author)
class AuthorAdmin(NormalisedSearchMixin, TranslatedAdmin):
    list_display = ("name", "role", "user")
    search_fields = ("name_ar", "name_en")
    normalised_search_field = "name_key"
    autocomplete_fields = ("user",)
