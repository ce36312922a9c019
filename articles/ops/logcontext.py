"""Who and what a log line is about: the request id, the user id and the path.

RequestLogMiddleware (articles/ops/middleware.py) sets these for each request; RequestContextFilter,
attached to the log handlers in settings.LOGGING, copies them onto every record, so a
traceback in the log can be matched to the reader or editor who hit it (the id is also sent
back in the X-Request-ID header)."""

import contextvars
import logging

from django.utils.functional import SimpleLazyObject, empty

_request = contextvars.ContextVar("newsroom_request", default=None)


def bind(request_id, path, user_id=None):
    return _request.set({"request_id": request_id, "path": path, "user_id": user_id})


def set_user(user_id):
    context = _request.get()
    if context is not None:
        context["user_id"] = user_id


def reset(token):
    _request.reset(token)


def known_user_id(request):
    """The signed-in user's id if the request has already looked them up, else None.

    Never looks them up: that reads the session and the user from the database, and a log
    line about a database outage must not need the database (it would raise, and the error
    line, the admins' mail and the 503 page would all be lost)."""
    user = request.__dict__.get("user")
    if isinstance(user, SimpleLazyObject):
        user = user._wrapped
    if user is None or user is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        context = _request.get() or {}
        request = getattr(record, "request", None)  # django.request passes it along
        if request is not None and hasattr(request, "id"):
            context = {
                "request_id": request.id,
                "path": request.path[:500],
                "user_id": known_user_id(request) or context.get("user_id"),
            }
        record.request_id = context.get("request_id") or "-"
        record.user_id = context.get("user_id") or "-"
        record.path = context.get("path") or "-"
        return True
