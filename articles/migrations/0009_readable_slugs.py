"""Slugs that keep the headline's and names' own letters (ة stays ة, فئتين stays فئتين), and a
table of old slugs so every earlier link still answers with a 301.

Stories are found by id, so their old URLs redirect without help; sections, tags, authors,
awards and organisations are found by slug, so each slug they lose is kept in OldSlug.
"""

import re
import unicodedata

from django.db import migrations, models
from django.utils.text import slugify

# A frozen copy of articles.arabic.arabic_slugify as this migration was written.
_STRIP = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
    "|[\u0640\u200b-\u200f\u061c\u2066-\u2069\u202a-\u202e\ufeff]"
)
_DIGITS = str.maketrans(
    {**{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)}}
)
LANGUAGES = ("ar", "en")
# model name, the text its slug is made from
NAMED = (("section", "name"), ("tag", "name"), ("author", "name"), ("award", "name"), ("organisation", "name"))


def _slugify(text, max_length):
    text = _STRIP.sub("", unicodedata.normalize("NFKC", text or "")).translate(_DIGITS)
    slug = slugify(text, allow_unicode=True)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def _new_slug(model, row, field, text):
    base = _slugify(text, model._meta.get_field(field).max_length - 6)
    if not base:
        return None
    others = model.objects.exclude(pk=row.pk)
    slug, n = base, 2
    while others.filter(**{field: slug}).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def readable_slugs(apps, schema_editor):
    OldSlug = apps.get_model("articles", "OldSlug")
    for name, source in NAMED:
        model = apps.get_model("articles", name)
        for row in model.objects.order_by("pk"):
            changed = []
            for language in LANGUAGES:
                field = f"slug_{language}"
                old = getattr(row, field)
                text = getattr(row, f"{source}_{language}")
                # Only slugs the normaliser made (an editor's own slug stays as it is).
                if not old or not text or old != _folded_slug(text, model._meta.get_field(field).max_length - 6, old):
                    continue
                new = _new_slug(model, row, field, text)
                if new and new != old:
                    setattr(row, field, new)
                    changed.append(field)
                    OldSlug.objects.create(kind=f"articles.{name}", object_id=row.pk, slug=old)
            if changed:
                if "slug_ar" in changed and row.slug != row.slug_ar:
                    row.slug = row.slug_ar
                    changed.append("slug")
                row.save(update_fields=changed)
    Article = apps.get_model("articles", "Article")
    batch = []
    for story in Article.objects.only("pk", "slug", *(f"{p}_{lang}" for p in ("slug", "headline") for lang in LANGUAGES)).iterator(chunk_size=500):
        for language in LANGUAGES:
            headline = getattr(story, f"headline_{language}")
            old = getattr(story, f"slug_{language}")
            if headline and old and old == _folded_slug(headline, 294, old):
                setattr(story, f"slug_{language}", _slugify(headline, 294) or old)
        story.slug = story.slug_ar
        batch.append(story)
        if len(batch) >= 500:
            Article.objects.bulk_update(batch, ["slug", "slug_ar", "slug_en"])
            batch = []
    if batch:
        Article.objects.bulk_update(batch, ["slug", "slug_ar", "slug_en"])


# The slug the old rule (normalise, then slugify) made: only those are regenerated.
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي", "ة": "ه",
                       "ی": "ي", "ک": "ك"})


def _folded_slug(text, max_length, old):
    text = _STRIP.sub("", unicodedata.normalize("NFKC", text)).translate(_FOLD).translate(_DIGITS).casefold()
    base = slugify(" ".join(text.split()), allow_unicode=True)
    if len(base) > max_length:
        base = base[:max_length].rsplit("-", 1)[0]
    # The old rule may have numbered it to keep it unique (name-2, name-3 …).
    return old if re.fullmatch(re.escape(base) + r"(-\d+)?", old) else base


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_author_photo_and_preview_links'),
    ]

    operations = [
        migrations.CreateModel(
            name='OldSlug',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=100)),
                ('object_id', models.PositiveBigIntegerField()),
                ('slug', models.CharField(max_length=300)),
                ('replaced_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'معرّف قديم',
                'verbose_name_plural': 'المعرّفات القديمة',
                'indexes': [models.Index(fields=['kind', 'slug'], name='old_slug_lookup_idx')],
            },
        ),
        migrations.RunPython(readable_slugs, migrations.RunPython.noop),
    ]
