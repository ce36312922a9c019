"""Newsroom's models, one concept a module."""

from .article import Article, ArticleQuerySet, Byline
from .awards import Award, AwardCategory, AwardWin, Organisation
from .corrections import Correction
from .images import Image
from .people import Author
from .taxonomy import Section, Tag

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Author",
    "Award",
    "AwardCategory",
    "AwardWin",
    "Byline",
    "Correction",
    "Image",
    "Organisation",
    "Section",
    "Tag",
]
