"""Page and search times against the archive DATABASE_URL points at (no throw-away copy), in
process, page cache off: for comparing an archive of 100 stories with one of 100,000.

    DATABASE_URL=postgres://…/newsroom_big .venv/bin/python bench/scale.py --requests 30

Make the archive first: `manage.py migrate && manage.py load_demo && manage.py generate_stories 99999`.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["NEWSROOM_PAGE_CACHE"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from articles.models import Article, Author, Section, Tag  # noqa: E402
from articles.site.sitemaps import ArticleSitemap  # noqa: E402


def pages():
    story = Article.objects.published().order_by("-published_at").first()
    old = Article.objects.published().order_by("published_at").first()
    return [
        ("home", "/"),
        ("article (newest)", story.get_absolute_url()),
        ("article (oldest)", old.get_absolute_url()),
        ("section", Section.objects.first().get_absolute_url()),
        ("author", Author.objects.filter(bylines__isnull=False).first().get_absolute_url()),
        ("tag", Tag.objects.filter(articles__isnull=False).first().get_absolute_url()),
        ("archive", "/archive/"),
        ("archive page 50", "/archive/?page=50"),
        ("feed", "/feeds/rss/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap, last page", f"/sitemap-articles.xml?p={ArticleSitemap().paginator.num_pages}"),
        ("search: common word الجائزة", "/search/?q=الجائزة"),
        ("search: common word الرياض", "/search/?q=الرياض"),
        ("search: two words هيئة السوق", "/search/?q=هيئة السوق"),
        ("search: name فاطمة القحطاني", "/search/?q=فاطمة القحطاني"),
        ("search: partial القحطا", "/search/?q=القحطا"),
        ("search: tag word الشباب", "/search/?q=الشباب"),
        ("search: city جدة", "/search/?q=جدة"),
        ("search: nothing زلزال", "/search/?q=زلزال"),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    from django.conf import settings

    settings.DEBUG = True  # count queries
    client = Client()
    count = Article.objects.published().count()
    print(f"{count} published stories, {connection.vendor}, {args.requests} requests a page")
    print("| page | median ms | p99 ms | queries | bytes | results |")
    print("|---|---|---|---|---|---|")
    for name, path in pages():
        timings = []
        for _ in range(args.requests):
            reset_queries()
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        timings.sort()
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
        print(
            f"| {name} | {statistics.median(timings):.1f} | {p99:.1f} | "
            f"{len(connection.queries)} | {len(response.content):,} | {_results(response)} |"
        )


def _results(response):
    """For a search page: how many results it shows, or that the time limit stopped it."""
    if "/search/" not in response.request["PATH_INFO"]:
        return ""
    page = response.content.decode()
    if "استغرق البحث وقتًا أطول من اللازم" in page:
        return "stopped by the time limit"
    shown = page.count('class="search-result"')
    return f"{shown} shown" + (" (more than 1,000)" if "أكثر من" in page else "")


if __name__ == "__main__":
    main()
