"""/api/v1/: the content API, its OpenAPI document and its interactive documentation."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from . import errors, views

app_name = "api"


class OpenApi(SpectacularJSONAPIView):
    """The OpenAPI document, readable from any origin (editors and code generators)."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response


class Docs(SpectacularSwaggerSplitView):
    """Swagger UI from our own static files (drf-spectacular-sidecar); its start-up script
    is a separate file (?script), so the page needs no inline script or style."""

    template_name = "api/docs.html"
    url_name = "api:openapi"
    title = "Newsroom API"


urlpatterns = [
    path("", views.Root.as_view(), name="root"),
    path("openapi.json", OpenApi.as_view(), name="openapi"),
    path("docs/", Docs.as_view(), name="docs"),
    path("articles/", views.ArticleList.as_view(), name="article-list"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="article-detail"),
    path("search/", views.Search.as_view(), name="search"),
    path("changes/", views.Changes.as_view(), name="changes"),
    path("authors/", views.AuthorList.as_view(), name="author-list"),
    path("authors/<int:pk>/", views.AuthorDetail.as_view(), name="author-detail"),
    path("sections/", views.SectionList.as_view(), name="section-list"),
    path("sections/<int:pk>/", views.SectionDetail.as_view(), name="section-detail"),
    path("tags/", views.TagList.as_view(), name="tag-list"),
    path("tags/<int:pk>/", views.TagDetail.as_view(), name="tag-detail"),
    path("awards/", views.AwardList.as_view(), name="award-list"),
    path("awards/<int:pk>/", views.AwardDetail.as_view(), name="award-detail"),
    path("organisations/", views.OrganisationList.as_view(), name="organisation-list"),
    path("organisations/<int:pk>/", views.OrganisationDetail.as_view(), name="organisation-detail"),
    re_path(r"^.*$", errors.not_found),
]
