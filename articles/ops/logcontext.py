"""Who and what a log line is about: the request id, the user id and the path.

RequestLogMiddleware (articles/middleware.py) sets these for each request; RequestContextFilter,
attached to the log handlers in settings.LOGGING, copies them onto every record, so a
traceback in the log can be matched to the reader or editor who hit it (the id is also sent
back in the X-Request-ID header)."""

import contextvars
import logging

_request = contextvars.ContextVar("newsroom_request", default=None)


def bind(request_id, path, user_id=None):
    return _request.set({"request_id": request_id, "path": path, "user_id": user_id})


def set_user(user_id):
    context = _request.get()
    if context is not None:
        context["user_id"] = user_id


def reset(token):
    _request.reset(token)


class RequestContextFilter(logging.Filter):
    def filter(self, record):
        context = _request.get() or {}
        request = getattr(record, "request", None)  # django.request passes it along
        if request is not None and hasattr(request, "id"):
            user = getattr(request, "user", None)
            context = {
                "request_id": request.id,
                "path": request.path[:500],
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            }
        record.request_id = context.get("request_id") or "-"
        record.user_id = context.get("user_id") or "-"
        record.path = context.get("path") or "-"
        return True
