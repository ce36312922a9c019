"""Pages cost the same number of queries at many stories as at a few (the generated archive:
sections, authors, tags, award wins), and lists never page through the whole archive."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from articles.models import Article, Author, Award, Section, Tag
from articles.site import views

pytestmark = pytest.mark.django_db
STORIES = 250


@pytest.fixture
def archive(settings, tmp_path):
    settings.NEWSROOM_PAGE_CACHE = False  # every request renders: count what a miss costs
    settings.MEDIA_ROOT = tmp_path  # the generated pictures
    call_command("generate_stories", STORIES, stdout=open("/dev/null", "w"))
    return Article.objects.published()


def pages():
    story = Article.objects.published().order_by("-published_at").first()
    tag = Tag.objects.filter(articles__isnull=False).first()
    author = Author.objects.filter(articles__isnull=False).first()
    return {
        reverse("articles:home"): 5,
        story.get_absolute_url(): 6,
        # lists: + one query for all the listed pictures' renditions
        Section.objects.first().get_absolute_url(): 5,
        author.get_absolute_url(): 5,
        tag.get_absolute_url(): 5,
        Award.objects.first().get_absolute_url(): 6,
        reverse("articles:archive"): 4,
        reverse("articles:archive") + "?page=3": 4,
        reverse("articles:feed_rss"): 3,
        reverse("articles:author_feed_atom", kwargs={"slug": author.slug}): 4,
        "/sitemap.xml": 8,  # the news sitemap is listed too
        "/sitemap-articles.xml": 4,  # a count per edition, a slice per edition
        "/sitemap-sections.xml": 2,
        "/sitemap-authors.xml": 2,
        # newest matches in 30 days, the stories in those days (the share that matched), then
        # everywhere; the ranked ids of the page; its stories; bylines; renditions (+ on
        # PostgreSQL the time limit: SET LOCAL inside a savepoint; the planner's settings,
        # set and reset)
        reverse("articles:search") + "?q=" + "الجائزة": 7 if connection.vendor != "postgresql" else 12,
    }


def test_query_counts_at_many_stories(client, archive):
    from django.test.utils import CaptureQueriesContext

    assert archive.count() == STORIES
    for url, most in pages().items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(queries) <= most, (url, [q["sql"][:120] for q in queries])


def test_generated_archive_is_varied_and_searchable(archive):
    assert Section.objects.filter(articles__isnull=False).distinct().count() == 8
    assert Author.objects.filter(articles__isnull=False).distinct().count() > 20
    assert Article.objects.filter(award_wins__isnull=False).exists()
    assert Article.objects.exclude(headline_en="").filter(headline_en__isnull=False).exists()
    story = Article.objects.filter(tags__isnull=False).first()
    assert story.search_names_ar  # byline and tag names filled for search
    assert story.bylines.exists()


def test_front_page_blocks_are_each_sections_newest(client, archive):
    blocks = views.section_blocks()
    assert len(blocks) == 8
    for block in blocks:
        newest = list(
            Article.objects.published()
            .filter(section=block["section"])
            .order_by("-published_at", "-id")[: views.SECTION_BLOCK]
        )
        assert block["stories"] == newest


def test_related_stories_share_a_section_or_a_tag_newest_first(archive):
    story = Article.objects.filter(tags__isnull=False).order_by("published_at").first()
    tags = set(story.tags.values_list("pk", flat=True))
    related = views.related_stories(story)
    assert len(related) == views.RELATED
    for other in related:
        assert other.section_id == story.section_id or tags & set(other.tags.values_list("pk", flat=True))
    assert related == sorted(related, key=lambda a: (a.published_at, a.pk), reverse=True)


def test_lists_page_through_the_newest_stories_only(client, archive, monkeypatch):
    monkeypatch.setattr(views, "MAX_PAGES", 3)
    archive_url = reverse("articles:archive")
    # The last real page still shows; past it is no page (404), never the last page's
    # stories under another URL (issue 26: only real pages).
    last = client.get(archive_url + "?page=3")
    assert last.status_code == 200 and "صفحة 3 من 3" in last.content.decode()
    assert client.get(archive_url + "?page=4").status_code == 404
    assert client.get(archive_url + "?page=99").status_code == 404


def test_sitemaps_are_split_into_pages(client, archive, monkeypatch):
    from articles.site.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 100)
    index = client.get("/sitemap.xml").content.decode()
    # A URL for each story's Arabic edition and one for each English edition, 100 a page.
    urls = archive.count() + archive.exclude(headline_en="").exclude(headline_en__isnull=True).count()
    pages = -(-urls // 100)
    assert f"sitemap-articles.xml?p={pages}" in index
    assert f"sitemap-articles.xml?p={pages + 1}" not in index
    seen = set()
    for number in range(1, pages + 1):
        page = client.get(f"/sitemap-articles.xml?p={number}").content.decode()
        locs = re.findall(r"<loc>([^<]+)</loc>", page)
        assert len(locs) == (100 if number < pages else urls - 100 * (pages - 1))
        seen.update(locs)
    assert len(seen) == urls  # every story in every edition, once
