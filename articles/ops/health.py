"""Faults: health checks for a load balancer, and a 503 (not a 500) while the database is down.

- /healthz answers 200 while the process can serve (it touches nothing else);
- /readyz answers 200 while the site can serve: the database answers. The cache is reported
  ("cache": "failed", "status": "degraded") but never makes it 503, because pages and the API
  are served uncached while it is down: a load balancer must not pull every instance over a
  cache outage and turn it into a full one;
- any request that fails because the database cannot be reached gets a 503 with Retry-After
  and a page in the reader's language, rendered without the database; the next request after
  the database is back is served normally (connections are health-checked, CONN_HEALTH_CHECKS).
"""

import logging
import sys
import uuid

from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.views import defaults
from django.views.decorators.cache import never_cache

from articles.api import errors as api_errors
from articles.context_processors import site_name
from articles.ops.middleware import API_PREFIX

logger = logging.getLogger("articles.health")
RETRY_AFTER_SECONDS = 30
DATABASE_DOWN = (OperationalError, InterfaceError)


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database_ok():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache_ok():
    key = f"readyz-{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    try:
        return cache.get(key) == "1"
    finally:
        cache.delete(key)


@never_cache
def readyz(request):
    checks = {}
    for name, check in (("database", _database_ok), ("cache", _cache_ok)):
        try:
            checks[name] = "ok" if check() else "failed"
        except Exception as error:  # whatever the backend raises, the answer is "not ready"
            logger.warning("readyz: %s unreachable: %s", name, error)
            checks[name] = "failed"
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    else:
        status, code = ("ok" if checks["cache"] == "ok" else "degraded"), 200
    return JsonResponse({"status": status, **checks}, status=code)


def bad_request(request, exception, template_name="400.html"):
    """handler400: a request too large to read (RequestDataTooBig, too many fields) is a 413
    with its own page; any other bad request keeps Django's 400 page (templates/400.html)."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return request_too_large(request)
    return defaults.bad_request(request, exception, template_name)


def request_too_large(request, exception=None):
    """413 in the page's language; also the page nginx shows for its own 413 (an upload over
    client_max_body_size), at /errors/413 (docs/deployment.md)."""
    with translation.override(_reader_language(request)):
        page = loader.render_to_string("413.html")
    return HttpResponse(page, status=413, headers={"Cache-Control": "no-store"})


def _reader_language(request):
    language = getattr(request, "LANGUAGE_CODE", None)
    return language or translation.get_language_from_path(request.path_info) or translation.get_language()


def server_error(request, template_name="500.html"):
    """handler500: a database outage is a 503 the reader can wait out; anything else is the
    plain 500 page. Both render with an empty context: no database, no context processors."""
    error = sys.exc_info()[1]
    if request.path_info.startswith(API_PREFIX):
        # The API's clients read JSON errors (docs/api.md), never the site's HTML page.
        if isinstance(error, DATABASE_DOWN):
            return api_errors.server_error_response(503, retry_after=RETRY_AFTER_SECONDS)
        return api_errors.server_error_response(500)
    if isinstance(error, DATABASE_DOWN):
        with translation.override(_reader_language(request)):
            page = loader.render_to_string(
                "503.html", {"LANGUAGE_CODE": translation.get_language(), "site_name": site_name()}
            )
        response = HttpResponseServerError(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template(template_name).render())
