import logging

from django.core.management.base import BaseCommand, CommandError

from articles.importing import StoryFormatError, import_story

logger = logging.getLogger("articles.importing")


class Command(BaseCommand):
    help = (
        "Import story files (optional line 'id: X', then 'dateline/author', then paragraphs). "
        "Importing the same file (same path under --root, or same id) again updates the same "
        "story; a story the desk has handled is only changed with --update, and its status never."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish a new story now (needs a headline); never changes a story the desk has handled",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="replace the text of a story the desk has handled (a version is saved, its status stays)",
        )
        parser.add_argument(
            "--root",
            help="folder that source paths are relative to (default: NEWSROOM_IMPORT_ROOT or the current folder)",
        )
        parser.add_argument("--section", help="section name or slug (default: the local desk)")
        parser.add_argument(
            "--headline", help="the editor's headline (else one is derived and the story stays a draft)"
        )

    def handle(self, *args, files, publish, update, root, section, headline, **options):
        failures = 0
        for path in files:
            try:
                result = import_story(
                    path, publish=publish, section=section, headline=headline, update=update, root=root
                )
            except StoryFormatError as error:
                failures += 1
                self.stderr.write(self.style.ERROR(f"error: {error} (nothing saved for this file)"))
                continue
            except Exception as error:  # one broken file must not stop the batch
                failures += 1
                logger.exception("import of %s failed", path)
                self.stderr.write(
                    self.style.ERROR(
                        f"error: {path}: unexpected {type(error).__name__}: {error} (nothing saved for this file)"
                    )
                )
                continue
            article = result.article
            verb = "created" if result.created else "updated"
            state = "published" if article.is_public else article.get_status_display()
            self.stdout.write(f"{path}: {verb} story #{article.pk} ({state}): {article.headline_ar}")
            if result.status_kept:
                self.stdout.write(f"  not published: {result.status_kept}")
            elif result.headline_derived:
                self.stdout.write(
                    "  headline derived from the lead; the story stays a draft until an editor "
                    "writes one (or import again with --headline)"
                )
        if failures:
            raise CommandError(f"{failures} of {len(files)} file(s) could not be imported")
