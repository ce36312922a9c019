"""What the API says about each kind of thing, in the active language (translated fields
fall back to Arabic through modeltranslation). Read-only: these only ever represent.

The views activate the requested language before serialising; links are absolute: `url`
is the thing in the API, `web_url` its page on the reader site.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles import dates, languages
from articles.pictures import body_pictures, renditions
from articles.search import query as search


def api_url(context, name, **kwargs):
    return context["request"].build_absolute_uri(reverse(f"api:{name}", kwargs=kwargs))


def web_url(context, obj, language=None):
    with override(language or get_language()):
        return context["request"].build_absolute_uri(obj.get_absolute_url())


def articles_url(context, **filters):
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return f"{api_url(context, 'article-list')}?{query}"


class HijriSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    day = serializers.IntegerField()
    month_name = serializers.CharField()


class MomentSerializer(serializers.Serializer):
    """A moment as the newsroom writes it: ISO 8601, the Gregorian day, the Hijri
    (Umm al-Qura) day when it is in the table's range, and the full line in the language."""

    iso = serializers.CharField()
    gregorian = serializers.DateField()
    hijri = HijriSerializer(allow_null=True)
    text = serializers.CharField()

    def to_representation(self, value):
        local = timezone.localtime(value)
        day = dates.hijri(local.date())
        hijri = None
        if day:
            names = dates.HIJRI_MONTHS.get(get_language(), dates.HIJRI_MONTHS["en"])
            hijri = {"year": day[0], "month": day[1], "day": day[2], "month_name": names[day[1] - 1]}
        return {
            "iso": dates.iso(value),
            "gregorian": local.date().isoformat(),
            "hijri": hijri,
            "text": dates.format_date(value),
        }


class SectionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField(allow_null=True)
    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()

    detail = "section-detail"

    def get_url(self, obj) -> str:
        return api_url(self.context, self.detail, pk=obj.pk)

    def get_web_url(self, obj) -> str:
        return web_url(self.context, obj)


class TagSummarySerializer(SectionSummarySerializer):
    detail = "tag-detail"


class OrganisationSummarySerializer(SectionSummarySerializer):
    detail = "organisation-detail"


class AwardSummarySerializer(SectionSummarySerializer):
    detail = "award-detail"


class AuthorSummarySerializer(SectionSummarySerializer):
    detail = "author-detail"
    role = serializers.CharField()


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AwardWinSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    award = AwardSummarySerializer(source="category.award")
    category = CategorySerializer()
    organisation = OrganisationSummarySerializer()
    edition = serializers.CharField()
    entry = serializers.CharField()
    ceremony_date = serializers.DateField(allow_null=True)
    ceremony_city = serializers.CharField()


class RenditionSerializer(serializers.Serializer):
    url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.CharField()
    crop = serializers.CharField(
        help_text='The ratio it is cropped to, e.g. "16x9"; "" for the whole picture.'
    )


class ImageSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    caption = serializers.CharField()
    credit = serializers.CharField()
    alt_text = serializers.CharField()
    renditions = serializers.SerializerMethodField()

    def get_url(self, image) -> str:
        return self.context["request"].build_absolute_uri(image.file.url)

    @extend_schema_field(RenditionSerializer(many=True))
    def get_renditions(self, image):
        """Every cut the picture has (whole and cropped, WebP and JPEG), from its rendition
        rows; none is made here."""
        request = self.context["request"]
        return [{**cut, "url": request.build_absolute_uri(cut["url"])} for cut in renditions.listing(image)]


class CorrectionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    text = serializers.CharField()
    published_at = MomentSerializer()


class ArticleSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()
    editions = serializers.SerializerMethodField()
    headline = serializers.CharField()
    kicker = serializers.CharField()
    standfirst = serializers.CharField()
    dateline = serializers.CharField()
    section = SectionSummarySerializer()
    byline = AuthorSummarySerializer(many=True)
    lead_image = ImageSerializer(allow_null=True)
    published_at = MomentSerializer()
    revised_at = MomentSerializer(allow_null=True)

    def get_url(self, article) -> str:
        return api_url(self.context, "article-detail", pk=article.pk)

    def _language(self, article):
        language = get_language()
        return language if article.has_edition(language) else languages.first()

    def get_web_url(self, article) -> str:
        """The page in the requested edition, or the Arabic one when there is no translation."""
        return web_url(self.context, article, self._language(article))

    def get_language(self, article) -> str:
        """The edition these fields come from (Arabic when the story has no translation)."""
        return self._language(article)

    def get_editions(self, article) -> list[str]:
        return [code for code in languages.codes() if article.has_edition(code)]


class SharingSerializer(serializers.Serializer):
    """What a search result or a share card shows: the edition's SEO title, description and
    social image as the desk wrote them, else the headline, standfirst (or the body's start)
    and lead picture, as on the story's page."""

    title = serializers.CharField(source="page_title")
    description = serializers.CharField(source="page_description")
    image = ImageSerializer(source="share_picture", allow_null=True)


class ArticleSerializer(ArticleSummarySerializer):
    body = serializers.SerializerMethodField(
        help_text="Sanitised HTML. A picture from the library is a <figure> with a responsive "
        "<picture> (absolute addresses), its alt text, caption and credit.",
    )
    tags = TagSummarySerializer(many=True, source="tags.all")
    corrections = CorrectionSerializer(many=True, source="corrections.all")
    award_wins = AwardWinSerializer(many=True, source="award_wins.all")
    sharing = serializers.SerializerMethodField()

    @extend_schema_field(SharingSerializer)
    def get_sharing(self, article):
        """Title, description and picture for search results and share cards (the page's own)."""
        with override(self._language(article)):
            return SharingSerializer(article, context=self.context).data

    def get_body(self, article) -> str:
        return str(
            body_pictures.render(article.body, absolute_url=self.context["request"].build_absolute_uri)
        )


class SearchResultSerializer(ArticleSummarySerializer):
    headline_html = serializers.SerializerMethodField()
    snippet_html = serializers.SerializerMethodField()

    def get_headline_html(self, article) -> str:
        """The headline, HTML-escaped, with the matching words in <mark>."""
        return str(search.highlight(article.headline, self.context["terms"]))

    def get_snippet_html(self, article) -> str:
        """A passage around the first match, HTML-escaped, matches in <mark>."""
        return str(search.snippet(article, self.context["terms"]))


class ChangeSerializer(serializers.Serializer):
    """One story's latest change. A withdrawn story is a tombstone: id and time only."""

    id = serializers.IntegerField()
    change = serializers.ChoiceField(choices=["published", "updated", "corrected", "withdrawn"])
    at = serializers.CharField(help_text="When the change happened (ISO 8601).")
    url = serializers.CharField(allow_null=True)
    article = ArticleSummarySerializer(allow_null=True)


class SectionSerializer(SectionSummarySerializer):
    position = serializers.IntegerField()
    articles = serializers.SerializerMethodField()
    filter_name = "section"

    def get_articles(self, obj) -> str:
        """The API list of this one's published stories."""
        return articles_url(self.context, **{self.filter_name: obj.pk})


class TagSerializer(TagSummarySerializer):
    articles = serializers.SerializerMethodField()
    get_articles = SectionSerializer.get_articles
    filter_name = "tag"


class AuthorSerializer(AuthorSummarySerializer):
    bio = serializers.CharField()
    photo = serializers.SerializerMethodField()
    articles = serializers.SerializerMethodField()
    get_articles = SectionSerializer.get_articles
    filter_name = "author"

    def get_photo(self, author) -> str | None:
        return self.context["request"].build_absolute_uri(author.photo.url) if author.photo else None


class OrganisationSerializer(OrganisationSummarySerializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    city = serializers.CharField()
    award_wins = AwardWinSerializer(many=True, source="award_wins.all")
    awards_given = AwardSummarySerializer(many=True, source="awards_given.all")


class CategoryWithWinsSerializer(CategorySerializer):
    wins = AwardWinSerializer(many=True, source="wins.all")


class AwardListSerializer(AwardSummarySerializer):
    awarding_body = OrganisationSummarySerializer()


class AwardSerializer(AwardListSerializer):
    description = serializers.CharField()
    categories = CategoryWithWinsSerializer(many=True, source="categories.all")
    articles = serializers.SerializerMethodField()
    get_articles = SectionSerializer.get_articles
    filter_name = "award"


def page_serializer(name, item):
    """The envelope of a list: its items and the link to the next page (null at the end)."""
    return type(
        name,
        (serializers.Serializer,),
        {
            "results": item(many=True),
            "next": serializers.CharField(allow_null=True),
            "__module__": __name__,
        },
    )


def changes_page_serializer():
    return type(
        "ChangesPage",
        (serializers.Serializer,),
        {
            "results": ChangeSerializer(many=True),
            "next": serializers.CharField(help_text="Ask this next, now or later: it always answers."),
            "more": serializers.BooleanField(help_text="True when more changes are waiting right now."),
            "since": serializers.CharField(help_text="The cursor to keep for the next poll."),
            "__module__": __name__,
        },
    )


class ErrorMessageSerializer(serializers.Serializer):
    ar = serializers.CharField()
    en = serializers.CharField()


class MovedSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    parameter = serializers.CharField()
    location = serializers.URLField()
    message = ErrorMessageSerializer()


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    parameter = serializers.CharField(required=False)
    retry_after = serializers.IntegerField(required=False)
    message = ErrorMessageSerializer()
