"""Reader pages. Thin: choose the queryset, check the URL is canonical, render."""

from urllib.parse import unquote

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override

from articles import caching, freshness
from articles.languages import codes, slug_lookup
from articles.models import Article, Author, Award, AwardWin, OldSlug, Organisation, Section, Tag

PAGE_SIZE = 20
HOME_LATEST = 10  # stories under the lead on the front page
SECTION_BLOCK = 4  # stories in each section's block on the front page
RELATED = 4
# Lists page through the newest 1,000 stories only: a deep OFFSET or a COUNT over the whole
# archive grows with it. Older stories stay reachable by search, sitemaps and feeds.
MAX_PAGES = 50


def _canonical_redirect(request, obj):
    """301 to the object's canonical URL when the one asked for differs (old slug, ة/ه)."""
    canonical = obj.get_absolute_url()
    if unquote(canonical) != request.path:
        return redirect(canonical, permanent=True)
    return None


def _editions(obj):
    """This object's URL in each language that has an edition of it."""
    editions = {}
    for language in codes():
        # Names fall back to Arabic, so people, awards and tags exist in every edition.
        if not hasattr(obj, "has_edition") or obj.has_edition(language):
            with override(language):
                editions[language] = obj.get_absolute_url()
    return editions


def _by_slug(model, slug, queryset=None):
    """The row with this slug in any edition, or the one that had it (then the page's
    canonical check answers a 301 to its current URL)."""
    queryset = model._default_manager.all() if queryset is None else queryset
    found = queryset.filter(slug_lookup(slug)).first() or OldSlug.objects.owner(model, slug)
    if found is None:
        raise Http404
    return found


def home(request):
    """Front page: the lead story, the latest after it, then a block per section."""
    freshness.record(freshness.ALL_LISTS)
    latest = list(Article.objects.published().in_edition().for_listing()[: HOME_LATEST + 1])
    return render(
        request,
        "articles/home.html",
        {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "section_blocks": section_blocks(),
        },
    )


def article_detail(request, section, pk, slug=None):
    # The story, its related stories and its part of the page are kept while nothing they
    # show has changed (caching.kept): then a page costs cache reads, not queries. A preview
    # renders the same template with no kept part.
    language = get_language()
    article, related = caching.kept(lambda: _story_and_related(pk), "article", pk, language)
    if not article.has_edition(language):
        # No English edition yet: send the reader to the Arabic one.
        with override("ar"):
            return redirect(article.get_absolute_url())
    context = {"article": article, "editions": _editions(article), "related": related}
    redirected = _canonical_redirect(request, article)
    if redirected:
        return redirected

    def story_part():
        _related_lists(article)  # the part lists the related stories
        return render_to_string("articles/_article_content.html", context, request)

    # Share links carry the host and scheme: they are part of the key.
    context["story_part"] = caching.kept(
        story_part,
        "article-part",
        pk,
        language,
        request.scheme,
        request.get_host(),
    )
    return render(request, "articles/article_detail.html", context)


def _story_and_related(pk):
    article = get_object_or_404(Article.objects.published().for_detail(), pk=pk)
    article.record_shown()
    related = related_stories(article)
    for story in related:
        freshness.record(freshness.key(story), f"section:{story.section_id}")
    return article, related


def _filed_under(request, model, slug, stories_of, public_only=False):
    """The page of a section, tag or author: its stories, newest first, a page at a time
    (template articles/<model>_detail.html, the object under the model's name).

    An edition with no stories of it answers 200 with noindex (the reader may switch
    edition) and is no hreflang alternate; `public_only`: no public story in any edition
    answers 404 (an author known only from drafts has no page)."""
    public = Article.objects.published().filter(**{stories_of: OuterRef("pk")})
    # Which editions list stories: asked with the lookup itself, no query of its own.
    owner = _by_slug(
        model,
        slug,
        model._default_manager.annotate(
            **{f"stories_{code}": Exists(public.in_edition(code)) for code in codes()}
        ),
    )
    redirected = _canonical_redirect(request, owner)
    if redirected:
        return redirected
    with_stories = {code for code in codes() if getattr(owner, f"stories_{code}", False)}
    if public_only and not with_stories:
        raise Http404
    freshness.record(freshness.list_of(model._meta.model_name, owner.pk))
    page = _listing(request, Article.objects.published().in_edition().filter(**{stories_of: owner}))
    editions = {code: url for code, url in _editions(owner).items() if code in with_stories}
    name = model._meta.model_name
    return render(
        request,
        f"articles/{name}_detail.html",
        {
            name: owner,
            "page": page,
            "stories": page.object_list,
            "editions": editions,
            "noindex": not page.object_list,
        },
    )


def author_detail(request, slug):
    return _filed_under(request, Author, slug, "authors", public_only=True)


def section_detail(request, slug):
    return _filed_under(request, Section, slug, "section")


# Reader pages: archive, tags, awards, organisations, robots.txt.


def section_blocks():
    """Each section's latest stories for the front page, in two queries however many sections
    or stories: each section's SECTION_BLOCK-th newest time (an indexed LIMIT per section),
    then the stories at or after it."""
    stories = Article.objects.published(at=timezone.now()).in_edition()
    in_section = stories.filter(section=OuterRef("pk")).order_by("-published_at", "-id")
    sections = list(
        Section.objects.filter(Exists(in_section))
        .annotate(cutoff=Subquery(in_section.values("published_at")[SECTION_BLOCK - 1 : SECTION_BLOCK]))
        .order_by("position", "pk")
    )
    if not sections:
        return []
    newest = Q()
    for section in sections:
        since = {"published_at__gte": section.cutoff} if section.cutoff else {}
        newest |= Q(section_id=section.pk, **since)
    blocks = {section.pk: {"section": section, "stories": []} for section in sections}
    for story in stories.filter(newest).without_text().order_by("-published_at", "-id"):
        block = blocks[story.section_id]["stories"]
        if len(block) < SECTION_BLOCK:  # stories sharing the cutoff time
            story.section = blocks[story.section_id]["section"]
            block.append(story)
    return list(blocks.values())


def related_stories(article):
    """Up to four published stories from the same section or sharing a tag, newest first.

    No DISTINCT and no join: the tags are a semi-join, so the database walks the newest
    stories by the published_at index and stops at the fourth match."""
    tags = _related_lists(article)
    tagged = Article.tags.through.objects.filter(tag_id__in=tags).values("article_id")
    return list(
        Article.objects.published()
        .in_edition()
        .without_text()
        .filter(Q(section_id=article.section_id) | Q(pk__in=tagged))
        .exclude(pk=article.pk)
        .select_related("section")
        .order_by("-published_at", "-id")[:RELATED]
    )


def _related_lists(article):
    """Related stories are chosen from the story's section and tags: a story joining or
    leaving one of those lists may change them (recorded for whatever shows them). Returns
    the tags' ids."""
    tags = [tag.pk for tag in article.tags.all()]
    freshness.record(
        freshness.list_of("section", article.section_id), *(freshness.list_of("tag", pk) for pk in tags)
    )
    return tags


def _listing(request, stories):
    """One page of a list. A page number that is not one of the list's pages (0, 999, "x",
    "02") is 404: never page 1's stories under another URL for a crawler to keep."""
    newest = stories.for_listing().order_by("-published_at", "-id")[: PAGE_SIZE * MAX_PAGES]
    number = request.GET.get("page", "1")
    if not number.isascii() or not number.isdigit() or str(int(number)) != number:
        raise Http404
    try:
        return Paginator(newest, PAGE_SIZE).page(int(number))
    except EmptyPage as error:
        raise Http404 from error


def archive(request):
    freshness.record(freshness.ALL_LISTS)
    page = _listing(request, Article.objects.published().in_edition())
    return render(
        request,
        "articles/archive.html",
        {"page": page, "stories": page.object_list, "noindex": not page.object_list},
    )


def tag_detail(request, slug):
    return _filed_under(request, Tag, slug, "tags")


def award_detail(request, slug):
    freshness.record(freshness.STORIES)  # the stories that cover it, whatever they are
    award = _by_slug(
        Award, slug, Award.objects.select_related("awarding_body").prefetch_related("categories")
    )
    wins = AwardWin.objects.filter(category__award=award).select_related("category", "organisation")
    coverage = (
        Article.objects.published()
        .in_edition()
        .filter(award_wins__category__award=award)
        .distinct()
        .for_listing()[:PAGE_SIZE]
    )
    return _canonical_redirect(request, award) or render(
        request,
        "articles/award_detail.html",
        {"award": award, "wins": wins, "stories": coverage, "editions": _editions(award)},
    )


def organisation_detail(request, slug):
    freshness.record(freshness.STORIES)
    organisation = _by_slug(Organisation, slug)
    wins = organisation.award_wins.select_related("category__award")
    coverage = (
        Article.objects.published()
        .in_edition()
        .filter(award_wins__organisation=organisation)
        .distinct()
        .for_listing()[:PAGE_SIZE]
    )
    return _canonical_redirect(request, organisation) or render(
        request,
        "articles/organisation_detail.html",
        {
            "organisation": organisation,
            "wins": wins,
            "stories": coverage,
            "editions": _editions(organisation),
        },
    )


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    news = request.build_absolute_uri(reverse("sitemap_news"))
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /en/preview/",
        "",
        f"Sitemap: {sitemap}",
        f"Sitemap: {news}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
