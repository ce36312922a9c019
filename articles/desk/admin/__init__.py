"""The desk's admin, one module per concept. Business rules live in publishing.py, not here."""

from articles.desk.admin import accounts, articles, awards, corrections, images, people, previews, taxonomy  # noqa: F401  (registers the admins)
