"""Sitemaps: an index over stories, sections, authors and awards in both editions, and a
Google News sitemap of the last two days' stories. All stories come from published()."""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import override

from . import dates
from .models import Article, Author, Award, Section

NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most this many URLs per sitemap


class _BothEditions(Sitemap):
    # An Arabic story costs ~1.7 KB here (percent-encoded URLs, hreflang alternates): 5,000 a
    # page keeps each file near 9 MB, far under the 50 MB / 50,000 URL limits. Pages are
    # served from the page cache like every reader page.
    limit = 5000
    i18n = True
    alternates = True
    x_default = True
    languages = ["ar", "en"]


class _StoriesInEditions:
    """The sitemap's (story, language) pairs, read from the database a page at a time.

    Django's i18n sitemap builds the list of every pair before it paginates (and reads every
    story again for the index's lastmod): at 100,000 stories, seconds for each page. Here
    the pairs run edition by edition, so a page is one sliced, indexed query."""

    def __init__(self, stories, languages):
        self.editions = [(language, stories.in_edition(language)) for language in languages]

    @cached_property
    def sizes(self):
        return [stories.count() for _language, stories in self.editions]

    def count(self):
        return sum(self.sizes)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        pairs = []
        for (language, stories), size in zip(self.editions, self.sizes, strict=True):
            if start < size and stop > 0:
                pairs += [(story, language) for story in stories[max(start, 0):min(stop, size)]]
            start, stop = start - size, stop - size
        return pairs


class ArticleSitemap(_BothEditions):
    changefreq = "daily"

    def items(self):
        return (
            Article.objects.published().without_text().select_related("section")
            .order_by("-published_at", "-id")
        )

    def _items(self):
        return _StoriesInEditions(self.items(), self.languages)

    def get_languages_for_item(self, item):
        return [language for language in self.languages if item.has_edition(language)]

    def lastmod(self, item):
        return item.revised_at or item.published_at

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(
            latest=Max(Coalesce("revised_at", "published_at"))
        )["latest"]


class SectionSitemap(_BothEditions):
    changefreq = "hourly"

    def items(self):
        return Section.objects.filter(Exists(Article.objects.published().filter(section=OuterRef("pk"))))


class AuthorSitemap(_BothEditions):
    def items(self):
        return Author.objects.filter(
            Exists(Article.objects.published().filter(bylines__author=OuterRef("pk")))
        )


class AwardSitemap(_BothEditions):
    def items(self):
        return Award.objects.all()


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "awards": AwardSitemap,
}


def news_sitemap(request):
    """Google News sitemap: Arabic edition, stories published in the last two days."""
    now = timezone.now()
    stories = (
        Article.objects.published(at=now).filter(published_at__gte=now - NEWS_WINDOW)
        .without_text().select_related("section").order_by("-published_at", "-id")[:NEWS_LIMIT]
    )
    with override("ar"):
        entries = [
            {
                "location": request.build_absolute_uri(story.get_absolute_url()),
                "date": dates.iso(story.published_at),
                "title": story.headline_ar,
            }
            for story in stories
        ]
    return render(
        request, "articles/sitemap_news.xml",
        {"entries": entries, "publication": settings.NEWSROOM_SITE_NAME},
        content_type="application/xml; charset=utf-8",
    )
