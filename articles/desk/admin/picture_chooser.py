"""The story form's picture field: the chosen picture's thumbnail and caption, a button that
opens the picture library (its list, with thumbnails and search, in Django's lookup popup) and
one that uploads a new picture in the add-related popup. Both popups answer through Django's
own static RelatedObjectLookups.js (no inline script, so the CSP holds);
static/articles/picture-picker.js then shows the new choice."""

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.urls import reverse

from articles.desk.admin.images import thumbnail_url
from articles.pictures.models import Image


class PictureChooserWidget(forms.Widget):
    template_name = "articles/widgets/picture_chooser.html"

    def __init__(self, attrs=None, can_add=True):
        super().__init__(attrs)
        self.can_add = can_add

    class Media:
        css = {"all": ("articles/pictures.css",)}
        js = ("articles/picture-picker.js",)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = None
        if value not in (None, "") and str(value).isascii() and str(value).isdigit():
            chosen = Image.objects.filter(pk=int(value)).prefetch_related("renditions").first()
        context["picture"] = chosen
        context["thumbnail"] = thumbnail_url(chosen)
        context["library_url"] = reverse("admin:pictures_image_changelist") + "?_to_field=id"
        context["add_url"] = reverse("admin:pictures_image_add") + "?_to_field=id&_popup=1"
        context["cards_url"] = reverse("admin:pictures_image_cards")
        context["can_add"] = self.can_add
        return context


class PictureChooserMixin:
    """Give a ModelAdmin's picture foreign keys (`picture_chooser_fields`) the chooser."""

    picture_chooser_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.picture_chooser_fields:
            image_admin = self.admin_site.get_model_admin(Image)
            kwargs["widget"] = PictureChooserWidget(can_add=image_admin.has_add_permission(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # The chooser draws its own library and upload buttons: no bare +/pencil icons beside it.
        if db_field.name in self.picture_chooser_fields and isinstance(
            field.widget, RelatedFieldWidgetWrapper
        ):
            field.widget = field.widget.widget
        return field
