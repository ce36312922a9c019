"""The desk's one public address: a signed, expiring preview link (no login).

Included by newsroom/urls.py in the reader site's namespace ("articles:preview"), before the
story patterns."""

from django.urls import path

from . import previews

urlpatterns = [
    path("preview/<str:token>/", previews.shared_preview, name="preview"),
]
