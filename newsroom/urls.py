from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from articles.context_processors import site_name
from articles.desk import urls as desk_urls
from articles.freshness import showing_every_story
from articles.ops import health
from articles.site import urls as site_urls
from articles.site import views as article_views
from articles.site.sitemaps import SITEMAPS, news_sitemap

# The admin names the outlet as the site does (NEWSROOM_SITE_NAME[_EN]), in the desk's language.
admin.site.site_title = lazy(site_name, str)()
admin.site.site_header = format_lazy("{} — {}", admin.site.site_title, _("غرفة الأخبار"))
admin.site.index_title = _("إدارة المحتوى")

urlpatterns = [
    path("admin/", admin.site.urls),
    # reader pages: machine-readable files at the site root, one for both editions
    path("robots.txt", article_views.robots_txt, name="robots_txt"),
    # Sitemaps list every public story: any story's change makes them stale (articles/freshness.py).
    path(
        "sitemap.xml", showing_every_story(sitemap_views.index), {"sitemaps": SITEMAPS}, name="sitemap_index"
    ),
    path("sitemap-news.xml", showing_every_story(news_sitemap), name="sitemap_news"),
    path(
        "sitemap-<section>.xml",
        showing_every_story(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("articles.api.urls")),  # the read-only content API (docs/api.md)
    # faults: for the load balancer (see docs/operations.md)
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # nginx's own 413 (an upload over client_max_body_size) shows this page (docs/deployment.md).
    path("errors/413", health.request_too_large, name="request_too_large"),
    # Browsers ask for /favicon.ico on every page that names no icon (the admin's): serve ours.
    path("favicon.ico", RedirectView.as_view(url=lazy(static_url, str)("img/favicon.ico"), permanent=True)),
]
handler400 = "articles.ops.health.bad_request"
handler500 = "articles.ops.health.server_error"
# Arabic pages live at /, English ones under /en/.
# The desk's shared preview links (/preview/<token>/) sit in the reader site's namespace.
urlpatterns += i18n_patterns(
    path("", include((desk_urls.urlpatterns + site_urls.urlpatterns, site_urls.app_name))),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
