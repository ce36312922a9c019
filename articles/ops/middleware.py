import re
import uuid

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import DatabaseError

from articles.api import errors as api_errors
from articles.ops import logcontext

# Paths the content API answers (newsroom/urls.py): its errors are JSON.
API_PREFIX = "/api/"


class RefuseControlCharactersMiddleware:
    """A NUL or other control character in a path, a query string or a form field is a bad
    request (400), answered before any view or the ORM sees it.

    PostgreSQL refuses NUL in text, so such a value reaching a query is a 500 there (and is
    silently stored by SQLite). No reader or editor types one: it is a probe or a broken
    client. Tabs and line breaks are legitimate in form fields (a pasted body); other control
    characters in typed text are dropped on save by articles.cleaning."""

    # C0 controls and DEL in a path or a query; in a form field only NUL.
    URL_CONTROLS = re.compile("[\x00-\x1f\x7f]")
    FORM_CONTROLS = re.compile("\x00")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = self._refused_part(request)
        if where is None:
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            # The API's clients read JSON errors naming the parameter, not the site's page.
            return api_errors.bad_parameter_response(where, api_errors.MESSAGES["control_character"])
        raise BadRequest(f"control character in {where}")

    def _refused_part(self, request):
        """The name of the first parameter (or "path") holding a refused character, or None."""
        if self.URL_CONTROLS.search(request.path):
            return "path"
        where = self._first(request.GET, self.URL_CONTROLS)
        if (
            where is None
            and request.method == "POST"
            and request.content_type
            in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            )
        ):
            where = self._first(request.POST, self.FORM_CONTROLS) or next(
                (
                    name
                    for name, upload in request.FILES.items()
                    if self.FORM_CONTROLS.search(upload.name or "")
                ),
                None,
            )
        return where

    @staticmethod
    def _first(query, pattern):
        return next(
            (
                key
                for key, values in query.lists()
                if pattern.search(key) or any(pattern.search(value) for value in values)
            ),
            None,
        )


class RequestLogMiddleware:
    """Give each request an id (the proxy's X-Request-ID if it is sane, else a new one) and
    put it, the path and the user's id on every log line written while it is served."""

    SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if self.SANE_ID.fullmatch(given) else uuid.uuid4().hex
        token = logcontext.bind(request.id, request.path[:500])
        try:
            response = self.get_response(request)
        finally:
            logcontext.reset(token)
        response["X-Request-ID"] = request.id
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The user is known once AuthenticationMiddleware has run.
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                logcontext.set_user(user.pk)
        except DatabaseError:
            # The database is down: a view that needs the user meets the outage itself
            # (a 503, articles/ops/health.py); one that does not, such as /healthz, still answers.
            pass
        return None


class PermissionsPolicyMiddleware:
    """Switch off browser features the site never uses (camera, location, …) on every page."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.NEWSROOM_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.policy)
        return response
