"""Refill the folded search columns (after loaddata or another write that bypassed save(),
or a change to the normaliser)."""

from django.core.management.base import BaseCommand

from articles.models import Article


class Command(BaseCommand):
    help = "Recompute every story's search columns from its text, byline and tags."

    def handle(self, *args, **options):
        # The model layer's refresh: prefetch + bulk_update in batches; no save() rules
        # run, updated_at and version stay as they were.
        done = Article.objects.all().refresh_search_columns()
        self.stdout.write(self.style.SUCCESS(f"Search columns filled for {done} stories."))
