"""The admin site of the desk: Django's, with the desk's front page as its home.

Outside the articles.desk.admin package on purpose: Django imports the default site while
that package registers its admins.
"""

from django.contrib import admin
from django.urls import re_path
from django.views.generic import RedirectView

from articles.dates import desk_zone_name
from articles.desk.front_page import front_page

MOVED = {"pictures": ("image", "rendition"), "desk": ("autosave", "notification", "previewlink")}


class NewsroomAdminSite(admin.AdminSite):
    index_template = "admin/index.html"

    def index(self, request, extra_context=None):
        extra = {"front": front_page(request.user), "front_zone": desk_zone_name(), **(extra_context or {})}
        return super().index(request, extra_context=extra)

    def get_urls(self):
        # The picture library and the desk's own lists were under /admin/articles/ before they
        # became apps of their own: editors' bookmarks and old messages still arrive there.
        moved = [
            re_path(
                rf"^articles/(?P<model>{'|'.join(models)})/(?P<rest>.*)$",
                RedirectView.as_view(
                    url=f"/admin/{app}/%(model)s/%(rest)s", permanent=True, query_string=True
                ),
            )
            for app, models in MOVED.items()
        ]
        return [*moved, *super().get_urls()]
