from django.core.management.base import BaseCommand, CommandError

from articles.importing import StoryFormatError, import_story


class Command(BaseCommand):
    help = (
        "Import story files (line 1 'dateline/author', then paragraphs). "
        "Importing the same file again updates the same story."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--publish", action="store_true", help="publish now (needs a headline)")
        parser.add_argument("--section", help="section name or slug (default: the local desk)")
        parser.add_argument("--headline", help="the editor's headline (else one is derived and the story stays a draft)")

    def handle(self, *args, files, publish, section, headline, **options):
        failures = 0
        for path in files:
            try:
                result = import_story(path, publish=publish, section=section, headline=headline)
            except StoryFormatError as error:
                failures += 1
                self.stderr.write(self.style.ERROR(f"error: {error} (nothing saved for this file)"))
                continue
            article = result.article
            verb = "created" if result.created else "updated"
            state = "published" if article.is_public else article.get_status_display()
            self.stdout.write(f"{path}: {verb} story #{article.pk} ({state}): {article.headline_ar}")
            if result.headline_derived:
                self.stdout.write(
                    "  headline derived from the lead; the story stays a draft until an editor "
                    "writes one (or import again with --headline)"
                )
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) could not be imported")
