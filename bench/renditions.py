"""What cutting renditions costs (now paid when a picture is saved, no longer by its first
reader), and what the pages cost with pictures whose renditions exist.

Run on demand (not part of the test suite):
    .venv/bin/python bench/renditions.py [--requests 50]
Builds a throw-away test database with the demo content and 200 stories, stores pictures in a temporary
folder, and prints milliseconds per picture for make_renditions and per page.
Write the figures down in docs/performance.md.
"""

# ruff: noqa: I001  (harness sets Django up, so it comes before Django's imports)
import argparse
import io
import statistics
import tempfile
import time

from harness import archive, measure

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PillowImage

SIZES = ((1600, 1000), (4000, 3000))


def photo(size):
    """A JPEG that compresses like a photograph (noise and gradients, not a flat colour)."""
    noise = PillowImage.effect_noise(size, 64).convert("RGB")
    gradient = PillowImage.linear_gradient("L").resize(size).convert("RGB")
    buffer = io.BytesIO()
    PillowImage.blend(noise, gradient, 0.5).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--cuts", type=int, default=3, help="pictures cut per size")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as media, archive(200):
        settings.MEDIA_ROOT = media
        from articles.models import Article
        from articles.pictures.models import Image, Rendition
        from articles.pictures.renditions import make_renditions

        for size in SIZES:
            saves, cuts = [], []
            for number in range(args.cuts):
                data = photo(size)
                # Autocommit: the save's commit callback cuts the renditions straight away.
                start = time.perf_counter()
                image = Image.objects.create(
                    file=SimpleUploadedFile(f"{number}.jpg", data), alt_text_ar="صورة"
                )
                saves.append((time.perf_counter() - start) * 1000)
                Rendition.objects.filter(image=image).delete()
                start = time.perf_counter()
                made = make_renditions(image)
                cuts.append((time.perf_counter() - start) * 1000)
            print(
                f"{size[0]}x{size[1]}: save with upload checks and cutting {statistics.median(saves):.0f} ms, "
                f"make_renditions alone {statistics.median(cuts):.0f} ms ({made} renditions)"
            )

        story = Article.objects.get(import_source="000_7077a1414e491a78.txt")
        story.lead_image = image
        story.save()
        client = Client()
        for name, path in (
            ("article", story.get_absolute_url()),
            ("section", story.section.get_absolute_url()),
        ):
            median, p95, queries = measure(client, path, args.requests)
            print(
                f"{name} with a pictured story: median {median:.1f} ms, p95 {p95:.1f} ms, {queries} queries"
            )


if __name__ == "__main__":
    main()
