"""Search columns on Article, filled for existing stories; search indexes on PostgreSQL.

The fill carries a frozen copy of the normaliser (articles/arabic.py) and of the column
rules (articles/models/search_columns.py) as they were when this migration was written:
a migration is history and imports no app module, so later changes there cannot break a
fresh `migrate`. `manage.py fill_search_columns` refills with today's rules.
"""

import re
import unicodedata

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models
from django.utils.html import strip_tags

LANGUAGES = ("ar", "en")
BATCH = 500
SEARCH_FIELDS = [f"search_{part}_{language}" for language in LANGUAGES for part in ("headline", "body", "names")]

_TASHKEEL = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]"
_INVISIBLE = "[\u0640\u200b-\u200f\u061c\u2066-\u2069\u202a-\u202e\ufeff]"
_STRIP = re.compile(f"{_TASHKEEL}|{_INVISIBLE}")
_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي", "ة": "ه",
        "ی": "ي", "ک": "ك",
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_SPACES = re.compile(r"\s+")


def _normalize(text):
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _STRIP.sub("", text)
    text = text.translate(_FOLD).casefold()
    return _SPACES.sub(" ", text).strip()


def _fill_columns(article):
    names = {language: [] for language in LANGUAGES}
    for named in [line.author for line in article.bylines.all()] + list(article.tags.all()):
        for language in LANGUAGES:
            names[language].append(getattr(named, f"name_{language}") or "")
    for language in LANGUAGES:
        def text(*fields, language=language):
            return " ".join(getattr(article, f"{field}_{language}") or "" for field in fields)

        body = strip_tags(text("body")).replace("\xa0", " ")
        setattr(article, f"search_headline_{language}", _normalize(text("headline", "kicker", "standfirst")))
        setattr(article, f"search_body_{language}", _normalize(" ".join((text("dateline"), body))))
        setattr(article, f"search_names_{language}", _normalize(" ".join(names[language])))


def fill(apps, schema_editor):
    """Existing stories get their search columns."""
    Article = apps.get_model("articles", "Article")
    stories = Article.objects.order_by("pk").prefetch_related("bylines__author", "tags")
    batch = []
    for article in stories.iterator(chunk_size=BATCH):
        _fill_columns(article)
        batch.append(article)
        if len(batch) >= BATCH:
            Article.objects.bulk_update(batch, SEARCH_FIELDS)
            batch = []
    if batch:
        Article.objects.bulk_update(batch, SEARCH_FIELDS)


def _vector_sql(language):
    config = "arabic" if language == "ar" else "english"
    parts = [("headline", "A"), ("names", "B"), ("body", "C")]
    return " || ".join(
        f"setweight(to_tsvector('{config}'::regconfig, coalesce(search_{part}_{language}, '')), '{weight}')"
        for part, weight in parts
    )


def _trigram_indexes():
    return [
        GinIndex(
            fields=[f"search_{part}_{language}"], opclasses=["gin_trgm_ops"],
            name=f"article_search_{part}_{language}_trgm",
        )
        for language in LANGUAGES for part in ("headline", "body", "names")
    ]


def add_postgres_search(apps, schema_editor):
    """PostgreSQL only: a stored tsvector per edition (arabic/english configuration) with a
    GIN index, and trigram GIN indexes on the folded text. SQLite gets none of this."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for language in LANGUAGES:
        # Generated and stored: kept in step by PostgreSQL itself, ranked without re-parsing.
        schema_editor.execute(
            f"ALTER TABLE articles_article ADD COLUMN search_vector_{language} tsvector "
            f"GENERATED ALWAYS AS ({_vector_sql(language)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX article_search_fts_{language} ON articles_article "
            f"USING gin (search_vector_{language})"
        )
    Article = apps.get_model("articles", "Article")
    for index in _trigram_indexes():
        schema_editor.add_index(Article, index)


def remove_postgres_search(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for index in _trigram_indexes():
        schema_editor.remove_index(Article, index)
    for language in LANGUAGES:
        schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN search_vector_{language}")

class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0003_desk_roles'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='search_body_ar',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_body_en',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_headline_ar',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_headline_en',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_names_ar',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='article',
            name='search_names_en',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(add_postgres_search, remove_postgres_search),
    ]
