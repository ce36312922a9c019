"""Reader pages. Thin: choose the queryset, check the URL is canonical, render."""

from urllib.parse import unquote

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, override

from .models import Article, Author, AwardWin, Byline, Section

PAGE_SIZE = 20


def _canonical_redirect(request, obj):
    """301 to the object's canonical URL when the one asked for differs (old slug, ة/ه)."""
    canonical = obj.get_absolute_url()
    if unquote(canonical) != request.path:
        return redirect(canonical, permanent=True)
    return None


def _editions(obj):
    """This object's URL in each language that has an edition of it."""
    editions = {}
    for language in ("ar", "en"):
        if obj.has_edition(language):
            with override(language):
                editions[language] = obj.get_absolute_url()
    return editions


def _by_slug(model, slug):
    return get_object_or_404(model, Q(slug_ar=slug) | Q(slug_en=slug))


def home(request):
    stories = Article.objects.published().in_edition().for_listing()
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "articles/home.html", {"page": page, "stories": page.object_list})


def article_detail(request, section, pk, slug=None):
    queryset = Article.objects.published().select_related("section", "lead_image").prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
        Prefetch(
            "award_wins",
            queryset=AwardWin.objects.select_related("category__award", "organisation"),
        ),
        "corrections",
    )
    article = get_object_or_404(queryset, pk=pk)
    if not article.has_edition(get_language()):
        # No English edition yet: send the reader to the Arabic one.
        with override("ar"):
            return redirect(article.get_absolute_url())
    return _canonical_redirect(request, article) or render(
        request,
        "articles/article_detail.html",
        {"article": article, "editions": _editions(article)},
    )


def author_detail(request, slug):
    author = _by_slug(Author, slug)
    stories = Article.objects.published().in_edition().filter(authors=author).for_listing()
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    return _canonical_redirect(request, author) or render(
        request, "articles/author_detail.html",
        {"author": author, "page": page, "stories": page.object_list},
    )


def section_detail(request, slug):
    section = _by_slug(Section, slug)
    stories = Article.objects.published().in_edition().filter(section=section).for_listing()
    page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("page"))
    return _canonical_redirect(request, section) or render(
        request, "articles/section_detail.html",
        {"section": section, "page": page, "stories": page.object_list},
    )
