"""Newsroom's models, one concept a module."""

from .article import Article, ArticleQuerySet, Byline
from .awards import Award, AwardCategory, AwardWin, Organisation
from .corrections import Correction
from .notifications import Notification
from .people import Author
from .previews import PreviewLink
from .slugs import OldSlug
from .taxonomy import Section, Tag
from .workflow import Autosave, EditLock, WorkflowEvent

__all__ = [
    "Article",
    "Autosave",
    "ArticleQuerySet",
    "Author",
    "Award",
    "AwardCategory",
    "AwardWin",
    "Byline",
    "Correction",
    "EditLock",
    "Notification",
    "OldSlug",
    "Organisation",
    "PreviewLink",
    "Section",
    "Tag",
    "WorkflowEvent",
]
