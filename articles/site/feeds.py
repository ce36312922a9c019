"""RSS 2.0 and Atom feeds: the whole site, each section, each author, in the active edition."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles import freshness
from articles.context_processors import site_name
from articles.languages import slug_lookup
from articles.models import Article, Author, Section

FEED_SIZE = 30


class LatestRss(Feed):
    feed_type = Rss201rev2Feed
    description = _("آخر الأخبار من غرفة أخبار نيوزروم")

    def title(self, obj=None):
        return self.as_text(site_name())

    def link(self, obj=None):
        return reverse("articles:home")

    def stories(self, obj):
        freshness.record(freshness.ALL_LISTS)
        return Article.objects.published()

    def items(self, obj=None):
        return self.stories(obj).in_edition().for_listing()[:FEED_SIZE]

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
        # RSS <description> and Atom summary type="html" are HTML: the standfirst and the
        # headline are plain text, so "<" typed by a writer must reach feed readers as "&lt;".
        return escape(item.standfirst or item.headline)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return f"{item.pk}-{get_language()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.revised_at or item.published_at

    def item_author_name(self, item):
        # RSS <dc:creator> is read as HTML by many readers, like <title>: a name is text.
        return self.as_text("، ".join(author.name for author in item.byline)) or None

    def item_categories(self, item):
        freshness.record_instance(item.section)
        return [self.as_text(item.section.name)]


class LatestAtom(LatestRss):
    feed_type = Atom1Feed
    subtitle = LatestRss.description


class OwnedFeedMixin:
    """A feed of one section's or one author's stories: found by a slug of either edition."""

    owner_model = None

    def get_object(self, request, slug):
        return get_object_or_404(self.owner_model, slug_lookup(slug))

    def title(self, obj=None):
        return self.as_text(f"{obj.name} — {site_name()}")

    def link(self, obj=None):
        return obj.get_absolute_url()


class SectionRss(OwnedFeedMixin, LatestRss):
    owner_model = Section

    def description(self, obj=None):
        return self.as_text(obj.name)

    subtitle = description

    def stories(self, obj):
        freshness.record(freshness.list_of("section", obj.pk))
        return Article.objects.published().filter(section=obj)


class SectionAtom(SectionRss):
    feed_type = Atom1Feed


class AuthorRss(OwnedFeedMixin, LatestRss):
    owner_model = Author

    def description(self, obj=None):
        return self.as_text(obj.bio or obj.name)

    subtitle = description

    def stories(self, obj):
        freshness.record(freshness.list_of("author", obj.pk))
        return Article.objects.published().filter(authors=obj)


class AuthorAtom(AuthorRss):
    feed_type = Atom1Feed
