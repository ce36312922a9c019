"""Draw the share cards published stories lack (after an upgrade, a section renamed, or a
change to the card's drawing); stories whose cards are current are skipped."""

from django.core.management.base import BaseCommand

from articles.models import Article
from articles.pictures.share_cards import make_share_cards


class Command(BaseCommand):
    help = "Draw the headline share cards of published stories that lack a current one."

    def handle(self, *args, **options):
        drawn = 0
        for article in Article.objects.published().select_related("section").iterator(chunk_size=200):
            drawn += len(make_share_cards(article))
        self.stdout.write(self.style.SUCCESS(f"Share cards drawn: {drawn}."))
