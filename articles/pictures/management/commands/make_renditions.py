"""Cut the renditions pictures lack: after an upgrade, a restore, or a change to CUTS.

Idempotent: a picture whose renditions are all there costs one query and no image work.
"""

from django.core.management.base import BaseCommand

from articles.pictures.models import Image
from articles.pictures.renditions import make_renditions


class Command(BaseCommand):
    help = "Make the missing renditions of every picture (or of the given ids) through the default storage."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="only these pictures (ids)")
        parser.add_argument(
            "--check-files",
            action="store_true",
            help="also ask the storage whether each rendition's file still exists, and remake the missing",
        )

    def handle(self, *args, ids, check_files, **options):
        pictures = Image.objects.order_by("pk")
        if ids:
            pictures = pictures.filter(pk__in=ids)
            missing = sorted(set(ids) - set(pictures.values_list("pk", flat=True)))
            if missing:
                self.stderr.write(f"No picture with id: {', '.join(map(str, missing))}.")
        made = seen = 0
        for image in pictures.iterator(chunk_size=200):
            made += make_renditions(image, check_files=check_files)
            seen += 1
        self.stdout.write(self.style.SUCCESS(f"Renditions made: {made}; pictures checked: {seen}."))
