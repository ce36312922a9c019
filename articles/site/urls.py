from django.urls import path

from articles.freshness import showing_every_story
from articles.site import feeds, search_views, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("authors/<str:slug>/", views.author_detail, name="author"),
    # reader pages
    path("archive/", views.archive, name="archive"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("awards/<str:slug>/", views.award_detail, name="award"),
    path("organisations/<str:slug>/", views.organisation_detail, name="organisation"),
    path("feeds/rss/", feeds.LatestRss(), name="feed_rss"),
    path("feeds/atom/", feeds.LatestAtom(), name="feed_atom"),
    path("feeds/sections/<str:slug>/rss/", feeds.SectionRss(), name="section_feed_rss"),
    path("feeds/sections/<str:slug>/atom/", feeds.SectionAtom(), name="section_feed_atom"),
    path("feeds/authors/<str:slug>/rss/", feeds.AuthorRss(), name="author_feed_rss"),
    path("feeds/authors/<str:slug>/atom/", feeds.AuthorAtom(), name="author_feed_atom"),
    # Stories are found by id; the section and slug are for people and are corrected by a 301.
    path("<str:section>/<int:pk>/<str:slug>/", views.article_detail, name="article"),
    path("<str:section>/<int:pk>/", views.article_detail, name="article_short"),
    path(
        "search/", showing_every_story(search_views.search_page), name="search"
    ),  # search: before the section catch-all
    path("<str:slug>/", views.section_detail, name="section"),
]
