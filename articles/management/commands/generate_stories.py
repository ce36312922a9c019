"""Synthetic published stories for benchmarks and load tests (never for production data)."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import publishing
from articles.importing import default_section, find_or_create_author, read_story_file
from articles.management.commands.load_demo import SEED
from articles.models import Article, Byline


class Command(BaseCommand):
    help = "Create COUNT published stories built from the seed story's paragraphs (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=7, help="random seed, for repeatable runs")

    @transaction.atomic
    def handle(self, *args, count, seed, **options):
        if count < 1:
            raise CommandError("COUNT must be at least 1")
        rng = random.Random(seed)
        story = read_story_file(SEED)
        section = default_section()
        authors = [find_or_create_author(name) for name in ("سارة الأحمد", "وليد الحميدي", "منى العتيبي")]
        now = timezone.now()
        for n in range(count):
            paragraphs = rng.sample(story.paragraphs, k=min(5, len(story.paragraphs)))
            article = Article.objects.create(
                headline_ar=f"{story.derived_headline} ({n + 1})",
                body_ar="\n".join(f"<p>{escape(p)}</p>" for p in paragraphs),
                dateline_ar=story.dateline,
                section=section,
                import_source=None,
            )
            Byline.objects.create(article=article, author=rng.choice(authors), position=0)
            publishing.publish(article, at=now - datetime.timedelta(minutes=rng.randint(1, 60 * 24 * 30)))
        self.stdout.write(f"created {count} published stories")
