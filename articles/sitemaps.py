"""Sitemaps: an index over stories, sections, authors and awards in both editions, and a
Google News sitemap of the last two days' stories in both editions, listed in the index and
in robots.txt. All stories come from published(); a story's `lastmod` is its last update for
readers (`revised_at`, else its publication time); translated stories carry hreflang pairs."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import override

from . import dates
from .context_processors import site_name
from .languages import codes as language_codes
from .models import Article, Author, Award, Section

NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most this many URLs per sitemap


class _BothEditions(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = list(language_codes())


class ArticleSitemap(_BothEditions):
    changefreq = "daily"

    def items(self):
        return (
            Article.objects.published().without_text().select_related("section")
            .order_by("-published_at", "-id")
        )

    def get_languages_for_item(self, item):
        return [language for language in self.languages if item.has_edition(language)]

    def lastmod(self, item):
        return item.revised_at or item.published_at


class SectionSitemap(_BothEditions):
    changefreq = "hourly"

    def items(self):
        return Section.objects.filter(articles__in=Article.objects.published()).distinct()


class AuthorSitemap(_BothEditions):
    def items(self):
        return Author.objects.filter(articles__in=Article.objects.published()).distinct()


class AwardSitemap(_BothEditions):
    def items(self):
        return Award.objects.all()


def news_stories(now=None):
    """The stories Google News may take: published in the last two days, newest first."""
    now = now or timezone.now()
    return (
        Article.objects.published(at=now).filter(published_at__gte=now - NEWS_WINDOW)
        .without_text().select_related("section").order_by("-published_at", "-id")[:NEWS_LIMIT]
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
            entries.append({
                **edition,
                "date": dates.iso(story.published_at),
                "lastmod": dates.iso(story.revised_at or story.published_at),
                "alternates": list(editions.values()) if len(editions) > 1 else [],
            })
    # Google's limit counts URLs, and a translated story has one per edition.
    return render(
        request, "articles/sitemap_news.xml", {"entries": entries[:NEWS_LIMIT]},
        content_type="application/xml; charset=utf-8",
    )
