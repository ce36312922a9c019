"""The page a locked-out login sees (django-axes calls this; see AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "axes_lockout.html", {"cooloff_minutes": minutes}, status=429)
