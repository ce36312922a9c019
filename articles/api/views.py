"""The API's views: thin, one queryset per kind, everything through Article.objects.published().

Every view answers JSON in the requested language (`?lang=` wins over Accept-Language;
Arabic otherwise), with an ETag (and Last-Modified for a story) so a
client can revalidate with a 304, Cache-Control for shared caches, and CORS for GET from
any origin without credentials.
"""

import datetime
import hashlib

from django.conf import settings
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from articles import dates, freshness, languages
from articles.search import query as search

from ..models import Article, Author, Award, AwardCategory, AwardWin, Organisation, Section, Tag
from . import changes, pagination, params
from . import serializers as s
from .errors import BadParameter

MAX_SEARCH_OFFSET = 1000
WINS = AwardWin.objects.select_related("category__award", "organisation")


class JsonOnly(BaseContentNegotiation):
    """The API speaks JSON whatever Accept says (no 406 for a browser's text/html)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ApiView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []  # counted in ApiMiddleware, before the page cache
    renderer_classes = [JSONRenderer]
    content_negotiation_class = JsonOnly
    http_method_names = ["get", "head", "options"]
    last_modified = None  # set by views that know it (a story's last save)

    def dispatch(self, request, *args, **kwargs):
        # Whatever language a view activates ends with the request.
        with translation.override(translation.get_language()):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name in request.query_params:
            params.text(request, name, max_length=params.MAX_LENGTH * 2)
        translation.activate(params.answer_language(request))

    def options(self, request, *args, **kwargs):
        return Response(status=204)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Accept-Language",))
        response["Content-Language"] = translation.get_language()
        if request.method in ("GET", "HEAD") and response.status_code == 200 and self.page_cache():
            pass  # the page cache keeps it with what it shows and adds the validators
        elif request.method in ("GET", "HEAD") and response.status_code == 404 and self.page_cache():
            pass  # public for the short max-age, so the edge drops a withdrawn story's kept answer
        elif request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            response["ETag"] = etag
            timestamp = None
            if self.last_modified is not None:
                timestamp = int(self.last_modified.timestamp())
                response["Last-Modified"] = http_date(timestamp)
            patch_cache_control(response, public=True, max_age=settings.NEWSROOM_API_MAX_AGE)
            response = get_conditional_response(
                request._request, etag=etag, last_modified=timestamp, response=response
            )
        elif request.method == "OPTIONS":
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = (
                "Accept, Accept-Language, If-None-Match, If-Modified-Since"
            )
            response["Access-Control-Max-Age"] = "86400"
        else:
            patch_cache_control(response, no_store=True)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After, Content-Language"
        return response

    @staticmethod
    def page_cache():
        """True when the site's full-page cache (articles/caching.py) serves anonymous GETs:
        it keys answers by path, query and language, keeps them while what they show is
        unchanged (articles/freshness.py), gives them ETag,
        Last-Modified, Cache-Control and 304s like the pages, and stores none that already
        has a Cache-Control. Without it the API does the same for itself, uncached."""
        return getattr(settings, "NEWSROOM_PAGE_CACHE", False)

    def next_url(self, cursor, name="cursor"):
        if cursor is None:
            return None
        query = self.request.query_params.copy()
        query[name] = cursor
        return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")


def error(description):
    return OpenApiResponse(s.ErrorSerializer, description=description)


ERRORS = {
    400: error("A parameter the API cannot use; `parameter` names it."),
    429: error("Too many requests from this client; retry after `Retry-After` seconds."),
}
NOT_FOUND = {404: error("No such thing, or not public.")}
LANG = OpenApiParameter(
    "lang",
    str,
    enum=list(languages.codes()),
    description="Language of the answer. Wins over Accept-Language; Arabic when neither says.",
)
LIMIT = OpenApiParameter(
    "limit",
    {"type": "integer", "minimum": 1, "maximum": params.MAX_LIMIT},
    description=f"Items per page, 1–{params.MAX_LIMIT} (default {params.DEFAULT_LIMIT}).",
)
# What the API refuses in any parameter (articles/ops/middleware.py, params.text): C0 controls
# and DEL, and more than params.MAX_LENGTH characters. The schema says so, so a client (and
# schemathesis) knows which values are valid.
NO_CONTROLS = "[^\\u0000-\\u001f\\u007f]"
PLAIN = {"type": "string", "maxLength": params.MAX_LENGTH, "pattern": f"^{NO_CONTROLS}*$"}
CURSOR = OpenApiParameter("cursor", PLAIN, description="Opaque: the `next` link carries it.")


def _digits_above(limit):
    """A regular expression for the decimal numbers of len(str(limit)) digits above `limit`."""
    digits = str(limit)
    return "|".join(
        f"{digits[:i]}[{int(d) + 1}-9][0-9]{{{len(digits) - i - 1}}}"
        for i, d in enumerate(digits)
        if d != "9"
    )


# An id (digits) or a slug: digits that no bigint can hold are refused (params.reference).
REFERENCE = {**PLAIN, "pattern": f"^(?![0-9]{{20,}}$)(?!(?:{_digits_above(params.MAX_ID)})$){NO_CONTROLS}*$"}
# ISO 8601 between the years 1900 and 9000 (params.moment): JSON Schema cannot say which
# dates exist, only the length and the characters.
MOMENT = {"type": "string", "maxLength": 40, "pattern": f"^{NO_CONTROLS}*$"}


def documented(summary, response, parameters=(), errors=ERRORS, operation_id=None):
    return extend_schema_view(
        get=extend_schema(
            summary=summary,
            operation_id=operation_id,
            parameters=[LANG, *parameters],
            responses={200: response, **errors},
        )
    )


class RootSerializer(s.serializers.Serializer):
    articles = s.serializers.CharField()
    search = s.serializers.CharField()
    changes = s.serializers.CharField()
    authors = s.serializers.CharField()
    sections = s.serializers.CharField()
    tags = s.serializers.CharField()
    awards = s.serializers.CharField()
    organisations = s.serializers.CharField()
    openapi = s.serializers.CharField()
    docs = s.serializers.CharField()
    languages = s.serializers.ListField(child=s.serializers.CharField())


@documented("The resources of the API", RootSerializer)
class Root(ApiView):
    def get(self, request):
        links = {
            "articles": "article-list",
            "search": "search",
            "changes": "changes",
            "authors": "author-list",
            "sections": "section-list",
            "tags": "tag-list",
            "awards": "award-list",
            "organisations": "organisation-list",
            "openapi": "openapi",
            "docs": "docs",
        }
        data = {key: request.build_absolute_uri(reverse(f"api:{name}")) for key, name in links.items()}
        return Response({**data, "languages": list(languages.codes())})


def _reference(request, name, relation=""):
    """A Q for the filter `name`: the row by id, or by its slug in any edition."""
    found = params.reference(request, name)
    if found is None:
        return None
    kind, value = found
    if kind == "id":
        return Q(**{f"{relation}id": value})
    return languages.slug_lookup(value, field=f"{relation}slug")


ARTICLE_FILTERS = [
    OpenApiParameter("section", REFERENCE, description="A section's id or slug (any edition)."),
    OpenApiParameter("tag", REFERENCE, description="A tag's id or slug."),
    OpenApiParameter("author", REFERENCE, description="An author's id or slug."),
    OpenApiParameter("award", REFERENCE, description="An award's id or slug: stories that report its wins."),
    OpenApiParameter(
        "language",
        str,
        enum=list(languages.codes()),
        description="Only stories that have this edition (every story has Arabic).",
    ),
    OpenApiParameter("since", MOMENT, description="Published at or after: ISO 8601 date or date-time."),
    OpenApiParameter(
        "until", MOMENT, description="Published at or before (a bare date: to the end of that day)."
    ),
]


@documented(
    "Published stories, newest first",
    s.page_serializer("ArticlePage", s.ArticleSummarySerializer),
    [*ARTICLE_FILTERS, LIMIT, CURSOR],
    operation_id="articles_list",
)
class ArticleList(ApiView):
    def get(self, request):
        freshness.record(freshness.ALL_LISTS)  # whatever its filters, a story going out may join it
        stories = Article.objects.published().for_listing().without_text()
        for name, relation in (("section", "section__"), ("tag", "tags__"), ("author", "authors__")):
            condition = _reference(request, name, relation)
            if condition is not None:
                stories = stories.filter(condition)
        award = _reference(request, "award", "awardwin__category__award__")
        if award is not None:
            # Through the link table, so a story reporting two wins of one award is listed once.
            stories = stories.filter(
                pk__in=Article.award_wins.through.objects.filter(award).values("article_id")
            )
        edition = params.language(request, "language")
        if edition:
            stories = stories.in_edition(edition)
        since, until = params.moment(request, "since"), params.moment(request, "until", end_of_day=True)
        if since:
            stories = stories.filter(published_at__gte=since)
        if until:
            stories = stories.filter(published_at__lte=until)
        limit = params.limit(request)
        position = pagination.decode(request, "cursor", "articles", [datetime.datetime, int])
        rows, more = pagination.page(stories, ("published_at", "id"), position, limit, descending=True)
        cursor = pagination.encode("articles", rows[-1].published_at, rows[-1].pk) if more else None
        data = s.ArticleSummarySerializer(rows, many=True, context={"request": request}).data
        return Response({"results": data, "next": self.next_url(cursor)})


@documented(
    "One published story, with everything its page shows", s.ArticleSerializer, errors={**ERRORS, **NOT_FOUND}
)
class ArticleDetail(ApiView):
    def get(self, request, pk):
        article = get_object_or_404(Article.objects.published().for_detail(), pk=pk)
        self.last_modified = max(filter(None, (article.updated_at, article.revised_at, article.published_at)))
        return Response(s.ArticleSerializer(article, context={"request": request}).data)


@documented(
    "Search published stories (the site's Arabic-aware search), best match first",
    s.page_serializer("SearchPage", s.SearchResultSerializer),
    [
        OpenApiParameter(
            "q",
            {
                **PLAIN,
                "maxLength": search.MAX_QUERY_LENGTH,
                # at least one letter or digit to search for (tatweel alone is not a word)
                "pattern": f"^{NO_CONTROLS}*[A-Za-z0-9\\u0621-\\u063a\\u0641-\\u064a]{NO_CONTROLS}*$",
            },
            required=True,
            description="Words to find; spelling variants of Arabic letters and tashkeel are folded.",
        ),
        LIMIT,
        CURSOR,
    ],
)
class Search(ApiView):
    def get(self, request):
        freshness.record_every_story()
        query = search.parse(params.text(request, "q"))
        if not query:
            message = (
                _("عبارة البحث أطول من المسموح.")
                if query.error == "too_long"
                else _("اكتب كلمة واحدة على الأقل للبحث.")
            )
            raise BadParameter("q", message)
        limit = params.limit(request)
        position = pagination.decode(request, "cursor", "search", [int])
        offset = position[0] if position else 0
        if offset > MAX_SEARCH_OFFSET:
            raise BadParameter("cursor", _("المؤشر غير صالح. استعمل قيمة next كما أعادتها الواجهة."))
        stories = search.search(query, translation.get_language()).for_listing()
        rows = list(stories[offset : offset + limit + 1])
        more = len(rows) > limit and offset + limit <= MAX_SEARCH_OFFSET
        cursor = pagination.encode("search", offset + limit) if more else None
        data = s.SearchResultSerializer(
            rows[:limit], many=True, context={"request": request, "terms": query.terms}
        ).data
        return Response({"results": data, "next": self.next_url(cursor)})


@documented(
    "What changed, oldest first: published, updated and corrected stories, and tombstones for withdrawn ones",
    s.changes_page_serializer(),
    [
        OpenApiParameter(
            "since",
            PLAIN,
            description="The `since` cursor of the previous answer; from the beginning without it.",
        ),
        LIMIT,
    ],
)
class Changes(ApiView):
    def get(self, request):
        # Right only until the held-back changes come of age: never kept longer than that.
        freshness.record_every_story()
        freshness.keep_at_most(settings.NEWSROOM_API_CHANGES_DELAY)
        position = pagination.decode(request, "since", "changes", [datetime.datetime, int])
        items, more = changes.changes(position, params.limit(request))
        context = {"request": request}
        results = [
            {
                "id": item.id,
                "change": item.change,
                "at": dates.iso(item.at),
                "url": s.api_url(context, "article-detail", pk=item.id) if item.article else None,
                "article": s.ArticleSummarySerializer(item.article, context=context).data
                if item.article
                else None,
            }
            for item in items
        ]
        since = (
            pagination.encode("changes", items[-1].at, items[-1].id)
            if items
            else (request.query_params.get("since") or None)
        )
        return Response(
            {
                "results": results,
                "more": more,
                "since": since,
                "next": self.next_url(since, "since") or request.build_absolute_uri(request.path),
            }
        )


def _listing(kind, model_serializer, queryset, summary):
    @documented(
        summary,
        s.page_serializer(f"{kind.title()}Page", model_serializer),
        [LIMIT, CURSOR],
        operation_id=f"{kind}_list",
    )
    class List(ApiView):
        def get(self, request):
            # New names join it; some lists count or filter by public stories too.
            freshness.record(f"list:{kind}", freshness.ALL_LISTS)
            position = pagination.decode(request, "cursor", kind, [int])
            rows, more = pagination.page(
                queryset(), ("id",), position, params.limit(request), descending=False
            )
            cursor = pagination.encode(kind, rows[-1].pk) if more else None
            data = model_serializer(rows, many=True, context={"request": request}).data
            return Response({"results": data, "next": self.next_url(cursor)})

    List.__name__ = List.__qualname__ = f"{kind.title()}List"
    return List


def _detail(kind, model_serializer, queryset, summary):
    @documented(summary, model_serializer, errors={**ERRORS, **NOT_FOUND})
    class Detail(ApiView):
        def get(self, request, pk):
            found = get_object_or_404(queryset(), pk=pk)
            freshness.record_instance(found)
            return Response(model_serializer(found, context={"request": request}).data)

    Detail.__name__ = Detail.__qualname__ = f"{kind.title()}Detail"
    return Detail


def authors():
    return Author.objects.all()


def sections():
    return Section.objects.all()


def tags():
    return Tag.objects.all()


def organisations():
    return Organisation.objects.prefetch_related(
        Prefetch("award_wins", queryset=WINS), Prefetch("awards_given", queryset=Award.objects.all())
    )


def awards():
    return Award.objects.select_related("awarding_body")


def award_detail():
    return awards().prefetch_related(
        Prefetch(
            "categories", queryset=AwardCategory.objects.prefetch_related(Prefetch("wins", queryset=WINS))
        )
    )


AuthorList = _listing("authors", s.AuthorSerializer, authors, "Authors")
AuthorDetail = _detail("author", s.AuthorSerializer, authors, "One author")
SectionList = _listing("sections", s.SectionSerializer, sections, "Sections")
SectionDetail = _detail("section", s.SectionSerializer, sections, "One section")
TagList = _listing("tags", s.TagSerializer, tags, "Tags")
TagDetail = _detail("tag", s.TagSerializer, tags, "One tag")
OrganisationList = _listing(
    "organisations",
    s.OrganisationSerializer,
    organisations,
    "Organisations, with the awards they won and give",
)
OrganisationDetail = _detail("organisation", s.OrganisationSerializer, organisations, "One organisation")
AwardList = _listing("awards", s.AwardListSerializer, awards, "Awards")
AwardDetail = _detail("award", s.AwardSerializer, award_detail, "One award, with its categories and wins")
