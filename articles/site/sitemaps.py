"""Sitemaps: an index over stories, sections, authors and awards in both editions, and a
Google News sitemap of the last two days' stories in both editions, listed in the index and
in robots.txt. All stories come from published(); a story's `lastmod` is its last update for
readers (`revised_at`, else its publication time); translated stories carry hreflang pairs."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import override

from articles import dates
from articles.context_processors import site_name
from articles.languages import codes as language_codes
from articles.models import Article, Author, Award, Section

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
    languages = list(language_codes())


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
                pairs += [(story, language) for story in stories[max(start, 0) : min(stop, size)]]
            start, stop = start - size, stop - size
        return pairs


class ArticleSitemap(_BothEditions):
    changefreq = "daily"

    def items(self):
        return (
            Article.objects.published()
            .without_text()
            .select_related("section")
            .order_by("-published_at", "-id")
        )

    def _items(self):
        return _StoriesInEditions(self.items(), self.languages)

    def get_languages_for_item(self, item):
        return [language for language in self.languages if item.has_edition(language)]

    def lastmod(self, item):
        return item.revised_at or item.published_at

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max(Coalesce("revised_at", "published_at")))[
            "latest"
        ]


class _ListsWithStories(_BothEditions):
    """Section and author pages, each only in the editions where it lists stories (an
    English page with no English story is noindex: it is no sitemap entry nor alternate)."""

    stories_of = ""

    def items(self):
        public = Article.objects.published().filter(**{self.stories_of: OuterRef("pk")})
        return (
            self.model.objects.annotate(
                **{f"stories_{code}": Exists(public.in_edition(code)) for code in self.languages}
            )
            .filter(Exists(public))
            .order_by("pk")
        )

    def get_languages_for_item(self, item):
        return [code for code in self.languages if getattr(item, f"stories_{code}")]


class SectionSitemap(_ListsWithStories):
    changefreq = "hourly"
    model = Section
    stories_of = "section"


class AuthorSitemap(_ListsWithStories):
    model = Author
    stories_of = "bylines__author"


class AwardSitemap(_BothEditions):
    def items(self):
        return Award.objects.all()


def news_stories(now=None):
    """The stories Google News may take: published in the last two days, newest first."""
    now = now or timezone.now()
    return (
        Article.objects.published(at=now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .without_text()
        .select_related("section")
        .order_by("-published_at", "-id")[:NEWS_LIMIT]
    )


class NewsSitemap(Sitemap):
    """Only so the sitemap index lists /sitemap-news.xml (with its lastmod): the news
    sitemap itself is `news_sitemap` below, in Google's news format."""

    def items(self):
        return news_stories()

    def lastmod(self, item):
        return item.revised_at or item.published_at


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "awards": AwardSitemap,
    "news": NewsSitemap,
}


def news_sitemap(request):
    """Google News sitemap: every edition of the stories published in the last two days,
    each with its language, its edition's headline and publication name, and hreflang links
    to its other editions."""
    entries = []
    for story in news_stories():
        editions = {}
        for language in language_codes():
            if story.has_edition(language):
                with override(language):
                    editions[language] = {
                        "language": language,
                        "location": request.build_absolute_uri(story.get_absolute_url()),
                        "title": getattr(story, f"headline_{language}"),
                        "publication": site_name(),
                    }
        for edition in editions.values():
            entries.append(
                {
                    **edition,
                    "date": dates.iso(story.published_at),
                    "lastmod": dates.iso(story.revised_at or story.published_at),
                    "alternates": list(editions.values()) if len(editions) > 1 else [],
                }
            )
    # Google's limit counts URLs, and a translated story has one per edition.
    return render(
        request,
        "articles/sitemap_news.xml",
        {"entries": entries[:NEWS_LIMIT]},
        content_type="application/xml; charset=utf-8",
    )
