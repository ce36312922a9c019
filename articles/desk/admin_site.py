"""The admin site of the desk: Django's, with the desk's front page as its home.

Outside the articles.admin package on purpose: Django imports the default site while that
package registers its admins.
"""

from django.contrib import admin

from articles.dates import desk_zone_name
from articles.desk.front_page import front_page


class NewsroomAdminSite(admin.AdminSite):
    index_template = "admin/index.html"

    def index(self, request, extra_context=None):
        extra = {"front": front_page(request.user), "front_zone": desk_zone_name(), **(extra_context or {})}
        return super().index(request, extra_context=extra)
