"""Backfill the folded search columns (after an import that bypassed save(), or a normaliser change)."""

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.search import SEARCH_FIELDS, fill_search_columns

BATCH = 500


class Command(BaseCommand):
    help = "Recompute every story's search columns from its text, byline and tags."

    def handle(self, *args, **options):
        stories = Article.objects.prefetch_related("bylines__author", "tags").order_by("pk")
        batch, done = [], 0
        for article in stories.iterator(chunk_size=BATCH):
            fill_search_columns(article)
            batch.append(article)
            if len(batch) >= BATCH:
                done += self._save(batch)
                batch = []
        done += self._save(batch)
        self.stdout.write(self.style.SUCCESS(f"Search columns filled for {done} stories."))

    def _save(self, batch):
        # bulk_update: no save() rules run, updated_at and revised_at stay as they were.
        Article.objects.bulk_update(batch, SEARCH_FIELDS)
        return len(batch)
