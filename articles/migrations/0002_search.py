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


def _postgres_indexes():
    from django.contrib.postgres.indexes import GinIndex

    from articles.search import LANGUAGES, search_vector

    indexes = []
    for language in LANGUAGES:
        # Exactly the expression articles.search uses, so the planner can match it.
        indexes.append(GinIndex(search_vector(language), name=f"article_search_fts_{language}"))
        for part in ("headline", "body", "names"):
            indexes.append(GinIndex(
                fields=[f"search_{part}_{language}"], opclasses=["gin_trgm_ops"],
                name=f"article_search_{part}_{language}_trgm",
            ))
    return indexes


def add_postgres_indexes(apps, schema_editor):
    """PostgreSQL only: full-text (arabic/english) and trigram GIN indexes. SQLite has neither."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    Article = apps.get_model("articles", "Article")
    for index in _postgres_indexes():
        schema_editor.add_index(Article, index)


def remove_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("articles", "Article")
    for index in _postgres_indexes():
        schema_editor.remove_index(Article, index)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0001_initial'),
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
        migrations.RunPython(add_postgres_indexes, remove_postgres_indexes),
    ]
