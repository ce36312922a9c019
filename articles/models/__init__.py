"""Newsroom's models, one concept a module."""

from .article import Article, ArticleQuerySet, Byline
from .awards import Award, AwardCategory, AwardWin, Organisation
from .corrections import Correction
from .images import Image, Rendition
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
    "Image",
    "Notification",
    "OldSlug",
    "Organisation",
    "PreviewLink",
    "Rendition",
    "Section",
    "Tag",
    "WorkflowEvent",
]
