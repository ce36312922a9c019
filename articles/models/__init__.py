"""Newsroom's models, one concept a module."""

from .article import Article, ArticleQuerySet, Byline
from .awards import Award, AwardCategory, AwardWin, Organisation
from .corrections import Correction
from .images import Image, Rendition
from .people import Author
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
    "Image",
    "Organisation",
    "Rendition",
    "Section",
    "Tag",
    "WorkflowEvent",
]
