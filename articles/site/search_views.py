"""The search page: /search/?q= (Arabic edition), /en/search/?q= (English edition)."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, override

from articles.languages import codes
from articles.models import Article
from articles.ratelimits import RateLimit, client_address
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
    }
    if query and (wait := RateLimit("search", settings.NEWSROOM_SEARCH_RATE).hit(client_address(request))):
        return too_many_searches(request, wait)
    if query:
        try:
            with search.time_limited():
                found = search.find(query, language)
                # Ranked as ids only (a narrow sort of at most CANDIDATES rows); then the
                # page's ten stories are read whole, for a list (no folded columns).
                paginator = Paginator(found.stories.values_list("pk", flat=True), RESULTS_PER_PAGE)
                paginator.count = found.count  # known already: no COUNT over the matches
                page = paginator.get_page(request.GET.get("page"))
                ids = list(page.object_list)  # ranked inside the time limit
                stories = Article.objects.filter(pk__in=ids).for_listing().in_bulk()
                page.object_list = [stories[pk] for pk in ids]
                if not ids and page.number == 1:  # «هل تقصد» searches again: also limited
                    context["suggestion"] = search.suggest(query, language)
        except search.SearchTooSlow:
            context.update(too_slow=True)
            return render(request, "articles/search.html", context)
        results = [
            {
                "story": story,
                "headline": search.highlight(story.headline, query),
                "snippet": search.snippet(story, query),
                # Names are searched too, so show them, marked, with the story.
                "byline": [(author, search.highlight(author.name, query)) for author in story.byline],
            }
            for story in page.object_list
        ]
        context.update(page=page, results=results, more=found.more, candidates=f"{search.CANDIDATES:,}")
    return render(request, "articles/search.html", context)


def too_many_searches(request, wait):
    """429: this client searches faster than any reader (one client at 64 connections took
    an uncached search from 28 ms to ~480 ms for everyone); a page in the reader's language."""
    response = render(request, "429.html", {"retry_after": wait}, status=429)
    response["Retry-After"] = str(wait)
    response["Cache-Control"] = "no-store"
    return response


def _editions(text):
    """The same search in each edition: the language link keeps the reader's words."""
    editions = {}
    for code in codes():
        with override(code):
            editions[code] = reverse("articles:search") + (f"?{urlencode({'q': text})}" if text else "")
    return editions
