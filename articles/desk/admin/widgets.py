"""The story body's rich-text editor: django-prose-editor, served from our static files.

The editor offers exactly what the body may hold (see articles/html.py); whatever arrives
is sanitised again on save by Article.save(). The TextDirection extension is left out (its
sanitiser raised KeyError in 0.28): direction comes from the wrapper's dir attribute.

BodyPicture (static/articles/body-pictures.js, loaded as one of the editor's modules) puts
pictures from the library into the body; static/articles/editor-arabic.js names the toolbar's
buttons in the admin's language (the dialogs are translated by the jsi18n catalogue).
"""

from django.templatetags.static import static
from django.urls import reverse
from django_prose_editor.widgets import AdminProseEditorWidget

BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "HardBreak": True,
    "History": True,
}
BODY_PICTURE_MODULE = "articles/body-pictures.js"


class BodyEditorWidget(AdminProseEditorWidget):
    """The editor inside a box that sets its direction: Arabic right-to-left, English left-to-right."""

    template_name = "articles/widgets/body_editor.html"

    def __init__(self, direction="rtl", language="ar", attrs=None):
        self.direction, self.language = direction, language
        super().__init__(
            attrs={**(attrs or {}), "dir": direction, "lang": language},
            config={"extensions": BODY_EXTENSIONS},
            preset="configurable",
        )

    @property
    def media(self):
        return super().media + type(super().media)(
            css={"all": ("articles/body-editor.css", "articles/pictures.css")},
            js=("articles/editor-arabic.js",),
        )

    def get_config(self):
        config = super().get_config()
        config["extensions"] = {
            **config["extensions"],
            "BodyPicture": {
                "cardsUrl": reverse("admin:pictures_image_cards"),
                "libraryUrl": reverse("admin:pictures_image_changelist") + "?_to_field=id",
            },
        }
        config["js_modules"] = [*config.get("js_modules", []), static(BODY_PICTURE_MODULE)]
        return config

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["direction"] = self.direction
        context["widget"]["language"] = self.language
        return context


class BodyEditorMixin:
    """Give an admin's body_ar/body_en the rich-text editor, in the right direction."""

    body_editor_fields = {"body_ar": ("rtl", "ar"), "body_en": ("ltr", "en")}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.body_editor_fields:
            direction, language = self.body_editor_fields[db_field.name]
            kwargs["widget"] = BodyEditorWidget(direction=direction, language=language)
        return super().formfield_for_dbfield(db_field, request, **kwargs)
