"""Does the right story come first? Precision@1, recall@10 and MRR of site search over a fixed
corpus, per edition, on the database at hand.

Run on demand:
    .venv/bin/python bench/relevance.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python bench/relevance.py
It builds a throw-away test database (SQLite, or DATABASE_URL's server) with the demo story,
SEED_COPIES more copies of the seed story (so "seed" queries have several right answers) and the hand-written
stories of bench/relevance/stories.json (plural, clitic and spelling variants), runs every
query of bench/relevance/queries.tsv and prints the figures and the queries that missed.
tests/search/test_relevance.py runs the same evaluation and keeps the figures above floors;
write new figures down in docs/search-and-design.md.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent / "relevance"
STORIES = HERE / "stories.json"
QUERIES = HERE / "queries.tsv"
SEED_COPIES = 5
DEPTH = 10


@dataclass
class Figures:
    language: str
    queries: int = 0
    precision_at_1: float = 0.0
    recall_at_10: float = 0.0
    mrr: float = 0.0
    misses: list = field(default_factory=list)

    def __str__(self):
        return (
            f"{self.language}: {self.queries} queries  precision@1 {self.precision_at_1:.3f}  "
            f"recall@{DEPTH} {self.recall_at_10:.3f}  MRR {self.mrr:.3f}"
        )


def queries():
    """[(language, query, {story keys that must come first})] from queries.tsv."""
    rows = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            language, query, wanted = line.split("\t")
            rows.append((language, query, set(wanted.split())))
    return rows


def add_stories():
    """The hand-written stories, published an hour apart (newest first in file order).

    Returns {key: [story ids]}: each story's key, "demo" for the demo story and "seed" for
    the demo story with SEED_COPIES copies of it, a day older each (load_demo must have run).
    The corpus is fixed here, not taken from `generate_stories`, whose stories may change."""
    from django.utils import timezone

    from articles import publishing
    from articles.importing import default_section, find_or_create_author
    from articles.models import Article, Byline

    section = default_section()
    desk = find_or_create_author("هيئة التحرير")
    now = timezone.now()
    keys = {}
    for n, story in enumerate(json.loads(STORIES.read_text(encoding="utf-8"))):
        article = Article.objects.create(
            headline_ar=story["headline_ar"],
            body_ar=f"<p>{story['body_ar']}</p>",
            headline_en=story["headline_en"] or None,
            body_en=f"<p>{story['body_en']}</p>" if story["body_en"] else "",
            section=section,
        )
        Byline.objects.create(article=article, author=desk, position=0)
        publishing.publish(article, at=now - datetime.timedelta(hours=n + 1))
        keys[story["key"]] = [article.pk]
    demo = Article.objects.get(import_source="000_7077a1414e491a78.txt")
    keys["demo"] = [demo.pk]
    keys["seed"] = [demo.pk]
    for n in range(SEED_COPIES):
        copy = Article.objects.create(
            headline_ar=demo.headline_ar,
            kicker_ar=demo.kicker_ar,
            standfirst_ar=demo.standfirst_ar,
            body_ar=demo.body_ar,
            dateline_ar=demo.dateline_ar,
            section=demo.section,
        )
        Byline.objects.bulk_create(
            Byline(article=copy, author=line.author, position=line.position) for line in demo.bylines.all()
        )
        Article.objects.filter(pk=copy.pk).refresh_search_columns()
        publishing.publish(copy, at=now - datetime.timedelta(days=n + 2))
        keys["seed"].append(copy.pk)
    return keys


def evaluate(keys):
    """{language: Figures} for every query of the set, searched the way the site does."""
    from articles.search import query as search

    figures = {}
    for language, query, wanted in queries():
        relevant = {pk for key in wanted for pk in keys[key]}
        # As the search page does: the suggestion, then most words, when nothing matches.
        meant = search.find_meant(search.parse(query), language)
        ranked = list(meant.found.stories.values_list("pk", flat=True)[:DEPTH])
        rank = next((n for n, pk in enumerate(ranked, 1) if pk in relevant), None)
        result = figures.setdefault(language, Figures(language))
        result.queries += 1
        result.precision_at_1 += rank == 1
        result.recall_at_10 += len(relevant.intersection(ranked)) / len(relevant)
        result.mrr += 1 / rank if rank else 0
        if rank != 1 or not relevant.issubset(ranked):
            result.misses.append((query, rank, len(relevant.intersection(ranked)), len(relevant)))
    for result in figures.values():
        result.precision_at_1 /= result.queries
        result.recall_at_10 /= result.queries
        result.mrr /= result.queries
    return figures


def main():
    from django.db import connection
    from harness import archive

    with archive(0):
        keys = add_stories()
        figures = evaluate(keys)
        print(f"database: {connection.vendor}")
        for result in figures.values():
            print(result)
            for query, rank, found, relevant in result.misses:
                print(
                    f"  {query!r}: first relevant at {rank or f'> {DEPTH}'}, {found} of {relevant} in the first {DEPTH}"
                )


if __name__ == "__main__":
    main()
