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

from articles import health
from articles import views as article_views
from articles.context_processors import site_name
from articles.sitemaps import SITEMAPS, news_sitemap

# The admin names the outlet as the site does (NEWSROOM_SITE_NAME[_EN]), in the desk's language.
admin.site.site_title = lazy(site_name, str)()
admin.site.site_header = format_lazy("{} — {}", admin.site.site_title, _("غرفة الأخبار"))
admin.site.index_title = _("إدارة المحتوى")

urlpatterns = [
    path("admin/", admin.site.urls),
    # reader pages: machine-readable files at the site root, one for both editions
    path("robots.txt", article_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path("sitemap-news.xml", news_sitemap, name="sitemap_news"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
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
handler400 = "articles.health.bad_request"
handler500 = "articles.health.server_error"
# Arabic pages live at /, English ones under /en/.
urlpatterns += i18n_patterns(path("", include("articles.urls")), prefix_default_language=False)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
