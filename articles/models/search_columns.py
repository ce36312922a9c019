"""A story's search columns: its words as the Arabic analysis folds and stems them, per edition.

Stored state of an Article, so kept here in the model layer: `save()` refills them from
the story's own text, and `Article.objects.filter(...).refresh_search_columns()` refills
them for stories whose names changed elsewhere (a byline, a tag, an author's name). The
receivers in `articles/signals.py` call the refresh; code that writes bylines without
signals (`bulk_create`) calls it itself. Ranking and highlighting are `articles/search.py`.

Each edition has three columns, weighted differently by search:
search_headline_<code> (headline, kicker, standfirst), search_body_<code> (dateline, body)
and search_names_<code> (byline and tag names).
"""

from django.db import models

from ..arabic import ANALYSIS_MARK, index_text
from ..html import plain_text
from ..languages import codes, localized

PARTS = ("headline", "body", "names")
# Which of the story's own fields fold into which column.
SOURCES = {"headline": ("headline", "kicker", "standfirst"), "body": ("dateline", "body")}
SEARCH_FIELDS = localized(*(f"search_{part}" for part in PARTS))
# Stories refreshed per read and per UPDATE: a refresh costs a fixed number of queries
# for every BATCH stories, whatever their number.
BATCH = 500


def search_fields(language):
    """One edition's search columns: search_headline_<code>, search_body_<code>, search_names_<code>."""
    return [f"search_{part}_{language}" for part in PARTS]


class SearchColumnsQuerySet(models.QuerySet):
    def refresh_search_columns(self):
        """Recompute and store the search columns of every story in this queryset.

        Reads the stories with their bylines (and authors) and tags prefetched and writes
        with `bulk_update`: a fixed number of queries per BATCH stories. Writes the search
        columns only: no save() rules run, `updated_at` and `version` stay as they were.
        Returns the number of stories refreshed.
        """
        source_fields = localized(*(field for fields in SOURCES.values() for field in fields))
        stories = (
            # Any queryset will do (a list's, with its joins): read only what the columns need.
            self.select_related(None)
            .prefetch_related(None)
            .order_by("pk")
            .only("pk", *source_fields)
            .prefetch_related("bylines__author", "tags")
        )
        batch, done = [], 0
        for story in stories.iterator(chunk_size=BATCH):
            story.fill_search_columns()
            batch.append(story)
            if len(batch) >= BATCH:
                done += self._store_search_columns(batch)
                batch = []
        return done + self._store_search_columns(batch)

    def with_stale_search_columns(self):
        """Stories whose columns were written before today's analysis (`arabic.index_text`
        ends every column with ANALYSIS_MARK; an older rule did not, a migration's frozen
        copy included): they must be refilled to be found."""
        return self.exclude(search_headline_ar__endswith=f" {ANALYSIS_MARK} ")

    def _store_search_columns(self, stories):
        if stories:
            self.model._base_manager.bulk_update(stories, SEARCH_FIELDS, batch_size=BATCH)
        return len(stories)


class SearchColumns(models.Model):
    """The search columns of a story and how they are filled (see the module docstring)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Every save keeps the columns in step with the text, even a save of a few fields.
        self.fill_search_columns()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *SEARCH_FIELDS}
        super().save(*args, **kwargs)

    def fill_search_columns(self):
        """Set the search columns from the story's text, byline and tags (does not save).

        Names need the story to exist: a new story gets them when its first byline is
        saved (articles/signals.py). Prefetched bylines and tags are used when present.
        """
        names = self._search_names()
        for language in codes():

            def text(*fields, language=language):
                return " ".join(getattr(self, f"{field}_{language}", "") or "" for field in fields)

            # The folded words, then their stems and lemma keys (articles.arabic.index_text).
            setattr(self, f"search_headline_{language}", index_text(text(*SOURCES["headline"])))
            setattr(self, f"search_body_{language}", index_text(text("dateline"), plain_text(text("body"))))
            setattr(self, f"search_names_{language}", index_text(*names[language]))

    def _search_names(self):
        names = {language: [] for language in codes()}
        if not self.pk:
            return names
        prefetched = getattr(self, "_prefetched_objects_cache", {})
        bylines = self.bylines.all() if "bylines" in prefetched else self.bylines.select_related("author")
        people, tags = [line.author for line in bylines], list(self.tags.all())
        self._named_as_saved = {"author": [person.pk for person in people], "tag": [tag.pk for tag in tags]}
        people_and_tags = people + tags
        for named in people_and_tags:
            for language in codes():
                names[language].append(getattr(named, f"name_{language}") or "")
        return names


for _field_name in SEARCH_FIELDS:
    # Folded text is never shown or edited; derived from settings.LANGUAGES like the
    # translated fields, so a new edition gets its columns through a migration.
    SearchColumns.add_to_class(_field_name, models.TextField(blank=True, default="", editable=False))
