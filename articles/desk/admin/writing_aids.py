"""Writing aids on the story form: room to write, live counts, and Ctrl+S.

The fields carry the numbers the page's script needs (data attributes, from the server's one
copy of each): the body its reading speed (html.WORDS_PER_MINUTE, the reader page's), the
headline and the SEO fields how much of them search engines show and how long they may be.
static/articles/writing-aids.js shows the counts in the active language (the admin's jsi18n
catalogue, locale/*/LC_MESSAGES/djangojs.po) and saves on Ctrl+S / Cmd+S by pressing the
form's own «حفظ ومتابعة التحرير», so every check of a save still applies.
"""

from django import forms

from articles.html import WORDS_PER_MINUTE
from articles.models.article import SEARCH_DESCRIPTION_SHOWN, SEARCH_TITLE_SHOWN


def _base_name(db_field):
    """headline_ar → headline (the translated fields' base name; others unchanged)."""
    return getattr(db_field, "translated_field", db_field).name


class WritingAidsMixin:
    # desk-labels.js names the borrowed widgets (select2, the editor, the byline table)
    # for screen readers: the form's accessibility, checked by axe in the browser tests.
    writing_aids_assets = forms.Media(
        js=("articles/story-text.js", "articles/writing-aids.js", "articles/desk-labels.js"),
        css={"all": ("articles/writing-aids.css",)},
    )

    @property
    def media(self):
        return super().media + self.writing_aids_assets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        name = _base_name(db_field)
        if name == "seo_description":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None or not hasattr(field.widget, "attrs"):
            return field
        attrs = field.widget.attrs
        if name == "body":
            attrs["data-words-per-minute"] = WORDS_PER_MINUTE
        elif name == "headline":
            attrs["data-search-shown"] = SEARCH_TITLE_SHOWN
        elif name in ("seo_title", "seo_description"):
            attrs["data-search-shown"] = (
                SEARCH_TITLE_SHOWN if name == "seo_title" else SEARCH_DESCRIPTION_SHOWN
            )
            attrs["data-max"] = db_field.max_length
            # No maxlength: a pasted text is not cut without a word; the counter shows how
            # long it is, and the save says so in Arabic (the model's own message).
            attrs.pop("maxlength", None)
            field.error_messages["max_length"] = db_field.error_messages["max_length"]
        return field
