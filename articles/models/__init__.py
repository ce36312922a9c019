"""Newsroom's models, one concept a module."""

from .article import Article, ArticleQuerySet, Byline
from .awards import Award, AwardCategory, AwardWin, Organisation
from .corrections import Correction
from .people import Author
from .slugs import OldSlug
from .taxonomy import Section, Tag
from .workflow import EditLock, WorkflowEvent

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Author",
    "Award",
    "AwardCategory",
    "AwardWin",
    "Byline",
    "Correction",
    "EditLock",
    "OldSlug",
    "Organisation",
    "Section",
    "Tag",
    "WorkflowEvent",
]
