"""The search page: /search/?q= (Arabic edition), /en/search/?q= (English edition)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import get_language

from . import search

RESULTS_PER_PAGE = 10


def search_page(request):
    language = get_language()
    query = search.parse(request.GET.get("q", ""))
    context = {"query": query, "q": query.text, "max_length": search.MAX_QUERY_LENGTH}
    if query:
        try:
            with search.time_limited():
                found = search.find(query, language)
            # The folded columns are for matching only: no need to fetch them.
                paginator = Paginator(found.stories.for_listing(), RESULTS_PER_PAGE)
                paginator.count = found.count  # known already: no COUNT over the matches
                page = paginator.get_page(request.GET.get("page"))
                page.object_list = list(page.object_list)  # ranked inside the time limit
        except search.SearchTooSlow:
            context.update(too_slow=True)
            return render(request, "articles/search.html", context)
        results = [
            {
                "story": story,
                "headline": search.highlight(story.headline, query.terms),
                "snippet": search.snippet(story, query.terms),
                # Names are searched too, so show them, marked, with the story.
                "byline": [(author, search.highlight(author.name, query.terms)) for author in story.byline],
            }
            for story in page.object_list
        ]
        context.update(page=page, results=results, more=found.more, candidates=f"{search.CANDIDATES:,}")
    return render(request, "articles/search.html", context)
