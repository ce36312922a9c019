"""Search columns on Article, filled for existing stories; search indexes on PostgreSQL."""

from django.db import migrations, models


def fill(apps, schema_editor):
    """Existing stories get their search columns (the same code Article.save runs)."""
    from articles.search import SEARCH_FIELDS, fill_search_columns

    Article = apps.get_model("articles", "Article")
    batch = []
    for article in Article.objects.all().iterator(chunk_size=500):
        fill_search_columns(article)
        batch.append(article)
        if len(batch) >= 500:
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
    from django.contrib.postgres.indexes import GinIndex

    return [
        GinIndex(
            fields=[f"search_{part}_{language}"], opclasses=["gin_trgm_ops"],
            name=f"article_search_{part}_{language}_trgm",
        )
        for language in ("ar", "en") for part in ("headline", "body", "names")
    ]


def add_postgres_search(apps, schema_editor):
    """PostgreSQL only: a stored tsvector per edition (arabic/english configuration) with a
    GIN index, and trigram GIN indexes on the folded text. SQLite gets none of this."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for language in ("ar", "en"):
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
    for language in ("ar", "en"):
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
