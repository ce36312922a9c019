"""How long the reader pages take to render, in process, with a realistic archive.

Run on demand (not part of the test suite):
    .venv/bin/python bench/pages.py [--stories 2000] [--requests 200]
It builds a throw-away SQLite (or DATABASE_URL) test database, loads the demo content plus
generated stories, and prints median and 95th-percentile times and query counts per page.
Write the figures down in docs/performance.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils.translation import override  # noqa: E402


def measure(client, path, requests):
    timings, queries = [], 0
    for _ in range(requests):
        reset_queries()
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        queries = len(connection.queries)
        assert response.status_code == 200, (path, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    from django.conf import settings
    from django.test.utils import get_runner

    setup_test_environment()
    settings.DEBUG = True  # to count queries
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        call_command("load_demo", stdout=open(os.devnull, "w"))
        call_command("generate_stories", args.stories, stdout=open(os.devnull, "w"))
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
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
