"""Which fields have an English edition (modeltranslation). Arabic is required, English optional."""

from modeltranslation.translator import TranslationOptions, register

from articles.models import (
    Article,
    Author,
    Award,
    AwardCategory,
    AwardWin,
    Correction,
    Organisation,
    Section,
    Tag,
)

# Empty translated slugs are stored as NULL so they never collide on a unique index.
NULL_SLUG = {"slug": None}


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("name", "slug")
    required_languages = {"ar": ("name",)}
    empty_values = NULL_SLUG


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("name", "slug")
    required_languages = {"ar": ("name",)}
    empty_values = NULL_SLUG


@register(Author)
class AuthorTranslation(TranslationOptions):
    fields = ("name", "slug", "role", "bio")
    required_languages = {"ar": ("name",)}
    empty_values = NULL_SLUG


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("headline", "slug", "kicker", "standfirst", "body", "dateline", "seo_title", "seo_description")
    required_languages = {"ar": ("headline", "body")}
    empty_values = NULL_SLUG


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "slug", "city")
    required_languages = {"ar": ("name",)}
    empty_values = NULL_SLUG


@register(Award)
class AwardTranslation(TranslationOptions):
    fields = ("name", "slug", "description")
    required_languages = {"ar": ("name",)}
    empty_values = NULL_SLUG


@register(AwardCategory)
class AwardCategoryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"ar": ("name",)}


@register(AwardWin)
class AwardWinTranslation(TranslationOptions):
    fields = ("edition", "entry", "ceremony_city")


@register(Correction)
class CorrectionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = {"ar": ("text",)}
