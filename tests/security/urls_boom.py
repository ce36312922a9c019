"""The site's URLs plus one view that fails, to see what a 500 leaves behind."""

from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("the printing press is on fire")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
