from django.core.management.base import BaseCommand, CommandError

from articles.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into a migrated, empty database (or, with "
        "--replace, over the current content) and MEDIA_ROOT; search columns are refilled."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete everything in the database first (the backup is verified before)",
        )

    def handle(self, *args, file, replace, **options):
        try:
            manifest = restore(file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"restored {manifest['counts'].get('articles.article', 0)} stories and "
                f"{len(manifest['media'])} media files from {file}"
            )
        )
