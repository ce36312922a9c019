"""Login throttling's hooks for django-axes: who is trying (the user name as it can be stored;
the client's address is articles.ratelimits.client_address, as for every per-client limit),
what a locked-out login sees, and the handler that also counts failures per address across
user names (spraying)."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

# axes stores the user name in a varchar(255): a longer one (anyone can type it) made the
# failed login a 500 on PostgreSQL. Names that long belong to no account.
STORED_USERNAME_LENGTH = 255


def lockout_response(request, original_response=None, credentials=None):
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "axes_lockout.html", {"cooloff_minutes": minutes}, status=429)


def client_username(request, credentials=None):
    """The user name failures are counted against (AXES_USERNAME_CALLABLE): as typed (what
    axes itself reads), cut to what the attempts table holds."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else getattr(request, "data", request.POST).get(field)
    return username[:STORED_USERNAME_LENGTH] if isinstance(username, str) else username


class LoginAttemptsHandler(AxesDatabaseHandler):
    """django-axes' database handler, plus a second count: failures from one address over
    every user name. One wrong password for each of many user names (password spraying)
    never reaches the per-name limit; NEWSROOM_LOGIN_FAILURES_PER_ADDRESS such failures
    within the cool-off lock the address out, for every user name, like a name's lockout."""

    def get_failures(self, request, credentials=None):
        failures = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if address is None:
            return failures
        recent = AccessAttempt.objects.filter(ip_address=address)
        if settings.AXES_COOLOFF_TIME is not None:
            recent = recent.filter(attempt_time__gte=get_cool_off_threshold(request))
        from_address = recent.aggregate(total=Sum("failures_since_start"))["total"] or 0
        if from_address >= settings.NEWSROOM_LOGIN_FAILURES_PER_ADDRESS:
            return max(failures, get_failure_limit(request, credentials))
        return failures
