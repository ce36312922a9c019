from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from articles.ops.backup import backup


class Command(BaseCommand):
    help = "Back up the database (stories in every language, versions, users) and the media into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write (default: backups/newsroom-<time>.tar.gz)")

    def handle(self, *args, output, **options):
        path = Path(output or f"backups/newsroom-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = backup(path)
        stories = manifest["counts"].get("articles.article", 0)
        self.stdout.write(
            self.style.SUCCESS(
                f"{path}: {stories} stories, {sum(manifest['counts'].values())} rows, "
                f"{len(manifest['media'])} media files"
            )
        )
