"""The search page: /search/?q= (Arabic edition), /en/search/?q= (English edition)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, override

from articles.languages import codes
from articles.models import Article
from articles.search import query as search

RESULTS_PER_PAGE = 10


def search_page(request):
    language = get_language()
    query = search.parse(request.GET.get("q", ""))
    context = {
        "query": query,
        "q": query.text,
        "max_length": search.MAX_QUERY_LENGTH,
        "editions": _editions(query.text),
        "noindex": True,  # results pages are endless and change: never indexed
    }
    if query:
        try:
            with search.time_limited():
                meant = search.find_meant(query, language)
                found = meant.found
                # Ranked as ids only (a narrow sort of at most CANDIDATES rows); then the
                # page's ten stories are read whole, for a list (no folded columns).
                paginator = Paginator(found.stories.values_list("pk", flat=True), RESULTS_PER_PAGE)
                paginator.count = found.count  # known already: no COUNT over the matches
                page = paginator.get_page(request.GET.get("page"))
                ids = list(page.object_list)  # ranked inside the time limit
                stories = Article.objects.filter(pk__in=ids).for_listing().in_bulk()
                page.object_list = [stories[pk] for pk in ids]
        except search.SearchTooSlow:
            context.update(too_slow=True)
            return render(request, "articles/search.html", context)
        # The stories hold the words of the query searched: the suggestion's when it was.
        shown = meant.query
        results = [
            {
                "story": story,
                "headline": search.highlight(story.headline, shown),
                "snippet": search.snippet(story, shown),
                # Names are searched too, so show them, marked, with the story.
                "byline": [(author, search.highlight(author.name, shown)) for author in story.byline],
                "held": search.held_words(story, query) if meant.most_words else [],
            }
            for story in page.object_list
        ]
        context.update(
            page=page,
            results=results,
            more=found.more,
            candidates=f"{search.CANDIDATES:,}",
            instead_of=meant.instead_of,
            searched=shown.text,
            most_words=meant.most_words,
        )
    return render(request, "articles/search.html", context)


def _editions(text):
    """The same search in each edition: the language link keeps the reader's words."""
    editions = {}
    for code in codes():
        with override(code):
            editions[code] = reverse("articles:search") + (f"?{urlencode({'q': text})}" if text else "")
    return editions
