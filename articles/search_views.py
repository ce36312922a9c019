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
        # The folded columns are for matching only: no need to fetch them.
        stories = search.search(query, language).for_listing()
        page = Paginator(stories, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
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
        context.update(page=page, results=results)
        if not results and page.number == 1:
            context["suggestion"] = search.suggest(query, language)
    return render(request, "articles/search.html", context)
