"""How long the reader pages take to render, in process, with a realistic archive.

Run on demand (not part of the test suite):
    .venv/bin/python bench/pages.py [--stories 2000] [--requests 200]
It builds a throw-away SQLite (or DATABASE_URL) test database, loads the demo content plus
generated stories, and prints median and 95th-percentile times and query counts per page.
Write the figures down in docs/performance.md.
"""

# ruff: noqa: I001  (harness sets Django up, so it comes before Django's imports)
import argparse

from harness import archive, measure

from django.db import connection
from django.test import Client
from django.utils.translation import override


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    with archive(args.stories):
        from articles.models import Article

        story = Article.objects.get(import_source="000_7077a1414e491a78.txt")
        with override("en"):
            english = story.get_absolute_url()
        pages = {
            "home": "/",
            "article": story.get_absolute_url(),
            "article (en)": english,
            "author": story.byline[0].get_absolute_url(),
            "section": story.section.get_absolute_url(),
        }
        client = Client()
        print(f"{connection.vendor}, {Article.objects.count()} stories, {args.requests} requests a page")
        print(f"{'page':<14}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
        for name, path in pages.items():
            median, p95, queries = measure(client, path, args.requests)
            print(f"{name:<14}{median:>10.1f}{p95:>10.1f}{queries:>9}")


if __name__ == "__main__":
    main()
