"""The story body's rich-text editor: django-prose-editor, served from our static files.

The editor offers exactly what the body may hold (see articles/html.py); whatever arrives
is sanitised again on save by Article.save(). The TextDirection extension is left out (its
sanitiser raised KeyError in 0.28): direction comes from the wrapper's dir attribute.
"""

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
