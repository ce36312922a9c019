"""How long the search page takes, in process, with a realistic archive.

Run on demand (not part of the test suite):
    .venv/bin/python bench/search.py [--stories 2000] [--requests 50]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python bench/search.py
It builds a throw-away test database (SQLite, or DATABASE_URL's server), loads the demo story
plus generated ones (`manage.py generate_stories`, made from the seed's paragraphs, so common
words match almost every story: the worst case), and prints median and 95th-percentile times
and query counts per search. On PostgreSQL it also prints the plan of a selective search, to
show the GIN indexes in use. Write the figures down in docs/performance.md.
"""

# ruff: noqa: I001  (harness sets Django up, so it comes before Django's imports)
import argparse
from urllib.parse import urlencode

from harness import archive, measure

from django.db import connection
from django.test import Client


SEARCHES = [
    ("common word", "/search/", "الجائزة"),
    ("two words, name", "/search/", "فاطمة القحطاني"),
    ("tashkeel", "/search/", "الجَائِزَة"),
    ("partial word", "/search/", "القحطا"),
    ("no results", "/search/", "زلزال"),
    ("English", "/en/search/", "smart government"),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()

    with archive(args.stories):
        from articles.search import query as search
        from articles.models import Article

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE articles_article")
        client = Client()
        print(f"{connection.vendor}, {Article.objects.count()} stories, {args.requests} requests a search")
        print(f"{'search':<18}{'results':>8}{'median ms':>10}{'p95 ms':>10}{'queries':>9}")
        for name, path, query in SEARCHES:
            language = "en" if path.startswith("/en/") else "ar"
            results = search.search(search.parse(query), language).count()
            median, p95, queries = measure(client, f"{path}?{urlencode({'q': query})}", args.requests)
            print(f"{name:<18}{results:>8}{median:>10.1f}{p95:>10.1f}{queries:>9}")
        if connection.vendor == "postgresql":
            sql, params = search.search(search.parse("القحطاني")).query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN " + sql, params)
                print("\nPlan for «القحطاني»:")
                print("\n".join(row[0] for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
