"""RSS 2.0 and Atom feeds: the whole site, each section, each author, in the active edition.

An item's description is the page's meta description (`Article.page_description`), its
picture an enclosure, its id a `tag:` URI (RFC 4151, an IRI as RFC 4287 wants). A section's or
author's feed found by an old slug answers a 301 to the current one, as its page does."""

import contextvars
from urllib.parse import unquote

from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles import freshness
from articles.context_processors import site_name
from articles.languages import slug_lookup
from articles.models import Article, Author, OldSlug, Section
from articles.pictures import renditions

FEED_SIZE = 30
# The host the feed is served under (no port: a tag URI's authority is a DNS name), for the
# items' ids, and the scheme and host for enclosure URLs; set per request in `get_feed`.
_AUTHORITY = contextvars.ContextVar("feed_authority", default="localhost")
_BASE = contextvars.ContextVar("feed_base", default="")
_OWNER = contextvars.ContextVar("feed_owner", default=None)


class LatestRss(Feed):
    feed_type = Rss201rev2Feed
    description = _("آخر الأخبار من غرفة أخبار نيوزروم")

    def title(self, obj=None):
        return site_name()

    def link(self, obj=None):
        return reverse("articles:home")

    def stories(self, obj):
        freshness.record(freshness.ALL_LISTS)
        return Article.objects.published()

    def items(self, obj=None):
        return self.stories(obj).in_edition().for_listing()[:FEED_SIZE]

    def get_feed(self, obj, request):
        _AUTHORITY.set(request.get_host().rsplit(":", 1)[0].strip("[]") or "localhost")
        _BASE.set(f"{request.scheme}://{request.get_host()}")
        return super().get_feed(obj, request)

    def as_text(self, value):
        """Plain text for a title or description: Atom marks these type="text"; RSS does not
        say, and many readers (feedparser among them) read them as HTML, so there "<" is
        escaped."""
        if issubclass(self.feed_type, Atom1Feed):
            return value
        return escape(value)

    def item_title(self, item):
        return self.as_text(item.headline)

    def item_description(self, item):
        # The page's own meta description (SEO description, standfirst, else the body's
        # start). RSS <description> and Atom summary type="html" are HTML and it is plain
        # text, so "<" typed by a writer must reach feed readers as "&lt;".
        return escape(item.page_description)

    def item_enclosures(self, item):
        """The lead picture as its widest 16:9 JPEG (renditions prefetched by for_listing)."""
        wide = renditions.best(item.lead_image, "16x9") if item.lead_image_id else None
        if wide is None:
            return []
        try:
            length = wide.file.size
        except OSError:  # a missing file: the URL still names the picture
            length = 0
        # Enclosure URLs are not made absolute by the framework (links are): done here.
        url = wide.url if "://" in wide.url else f"{_BASE.get()}{wide.url}"
        return [Enclosure(url, str(length), "image/jpeg")]

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        """tag:<host>,<day the story was created>:article-<id>-<edition>: stable through
        slug and section changes, and an IRI (Atom ids must be; "2-ar" was not)."""
        return f"tag:{_AUTHORITY.get()},{item.created_at:%Y-%m-%d}:article-{item.pk}-{get_language()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.revised_at or item.published_at

    def item_author_name(self, item):
        return "، ".join(author.name for author in item.byline) or None

    def item_categories(self, item):
        freshness.record_instance(item.section)
        return [item.section.name]


class LatestAtom(LatestRss):
    feed_type = Atom1Feed
    subtitle = LatestRss.description


class OwnedFeedMixin:
    """A feed of one section's or one author's stories: found by a slug of either edition,
    or by one it had (then a 301 to the feed under its current slug, as its page does)."""

    owner_model = None
    url_name = ""
    # An author with no public story has no page, so no feed either; a section keeps its feed.
    public_only = False
    stories_of = ""  # the Article lookup naming the owner: "section", "authors"

    def __call__(self, request, slug):
        owner = self._owner(slug)
        current = reverse(self.url_name, args=[owner.slug])
        if unquote(current) != request.path:
            return redirect(current, permanent=True)
        token = _OWNER.set(owner)  # found once: get_object hands it to the framework
        try:
            return super().__call__(request, slug=slug)
        finally:
            _OWNER.reset(token)

    def _owner(self, slug):
        # Whether it has a public story is asked with the lookup itself (no query of its own).
        public = Article.objects.published().filter(**{self.stories_of: OuterRef("pk")})
        owner = self.owner_model._default_manager.annotate(has_public=Exists(public)).filter(
            slug_lookup(slug)
        ).first() or OldSlug.objects.owner(self.owner_model, slug)
        if owner is None or (self.public_only and not getattr(owner, "has_public", True)):
            raise Http404
        return owner

    def get_object(self, request, slug):
        return _OWNER.get() or self._owner(slug)

    def stories(self, obj):
        freshness.record(freshness.list_of(obj._meta.model_name, obj.pk))
        return Article.objects.published().filter(**{self.stories_of: obj})

    def title(self, obj=None):
        return self.as_text(f"{obj.name} — {site_name()}")

    def link(self, obj=None):
        return obj.get_absolute_url()


class SectionRss(OwnedFeedMixin, LatestRss):
    owner_model = Section
    url_name = "articles:section_feed_rss"

    def description(self, obj=None):
        return self.as_text(obj.name)

    subtitle = description

    stories_of = "section"


class SectionAtom(SectionRss):
    feed_type = Atom1Feed
    url_name = "articles:section_feed_atom"


class AuthorRss(OwnedFeedMixin, LatestRss):
    owner_model = Author
    url_name = "articles:author_feed_rss"
    public_only = True

    def description(self, obj=None):
        return self.as_text(obj.bio or obj.name)

    subtitle = description

    stories_of = "authors"


class AuthorAtom(AuthorRss):
    feed_type = Atom1Feed
    url_name = "articles:author_feed_atom"
