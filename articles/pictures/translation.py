"""The picture's fields with an English edition (modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("caption", "credit", "alt_text")
