from django.urls import path

from . import search_views, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("authors/<str:slug>/", views.author_detail, name="author"),
    # Stories are found by id; the section and slug are for people and are corrected by a 301.
    path("<str:section>/<int:pk>/<str:slug>/", views.article_detail, name="article"),
    path("<str:section>/<int:pk>/", views.article_detail, name="article_short"),
    path("search/", search_views.search_page, name="search"),  # search: before the section catch-all
    path("<str:slug>/", views.section_detail, name="section"),
]
