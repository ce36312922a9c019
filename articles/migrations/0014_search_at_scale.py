"""Search at 100,000 stories (PostgreSQL only; SQLite has no search indexes).

A stored tsvector per edition, `search_words_<code>`, with a GIN index, replacing the six
trigram indexes and the two stored `arabic` tsvectors of 0004:

- the search columns already hold each folded word and each key (" word … ~key … "), so
  the words split on spaces *are* the lexemes: `array_to_tsvector` takes them as they are
  (no parser, no stemmer: the same analysis as SQLite's LIKEs: a word, a "~key", and a
  word's start as a `:*` prefix query);
- a tsquery of a few lexemes is answered from the index in milliseconds however many
  stories hold the word, where a trigram LIKE over " word " had to recheck every candidate
  body (seconds for a common word at 100,000 stories);
- stored, not an index expression: testing one story's words (walking the newest stories
  for a common word) reads one small column instead of rebuilding it from three long ones;
- two GIN indexes instead of eight: bulk inserts and every save cost far less.
"""

import importlib

from django.db import migrations

LANGUAGES = ("ar", "en")
PARTS = ("headline", "body", "names")


def _words_sql(language):
    columns = " || ".join(f"search_{part}_{language}" for part in PARTS)
    return f"array_to_tsvector(array_remove(string_to_array({columns}, ' '), ''))"


def _old_vector_sql(language):
    """0004's tsvector, for going back: that migration's own text (history does not change)."""
    return importlib.import_module("articles.migrations.0004_search")._vector_sql(language)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in LANGUAGES:
        for part in PARTS:
            schema_editor.execute(f"DROP INDEX IF EXISTS article_search_{part}_{language}_trgm")
        schema_editor.execute(f"DROP INDEX IF EXISTS article_search_fts_{language}")
        schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector_{language}")
        schema_editor.execute(
            f"ALTER TABLE articles_article ADD COLUMN search_words_{language} tsvector "
            f"GENERATED ALWAYS AS ({_words_sql(language)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX article_search_words_{language} ON articles_article USING gin (search_words_{language})"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in LANGUAGES:
        schema_editor.execute(f"DROP INDEX IF EXISTS article_search_words_{language}")
        schema_editor.execute(f"ALTER TABLE articles_article DROP COLUMN search_words_{language}")
        schema_editor.execute(
            f"ALTER TABLE articles_article ADD COLUMN search_vector_{language} tsvector "
            f"GENERATED ALWAYS AS ({_old_vector_sql(language)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX article_search_fts_{language} ON articles_article USING gin (search_vector_{language})"
        )
        for part in PARTS:
            schema_editor.execute(
                f"CREATE INDEX article_search_{part}_{language}_trgm ON articles_article "
                f"USING gin (search_{part}_{language} gin_trgm_ops)"
            )


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0013_image_focal_point"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
