"""Sitemaps: an index over stories, sections, authors and awards in both editions, and a
Google News sitemap of the last two days' stories. All stories come from published()."""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import override

from . import dates
from .models import Article, Author, Award, Section

NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most this many URLs per sitemap


class _BothEditions(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = ["ar", "en"]


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
