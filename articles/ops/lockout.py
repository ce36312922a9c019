"""Login throttling's two hooks for django-axes: who is trying (the client's address, as the
trusted proxies saw it) and what a locked-out login sees."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "axes_lockout.html", {"cooloff_minutes": minutes}, status=429)


def client_address(request):
    """The address login failures are counted against (AXES_CLIENT_IP_CALLABLE).

    Behind NEWSROOM_PROXY_COUNT proxies, each appending the address it saw, the client is that
    many entries from the right of X-Forwarded-For, as Django REST framework counts for the
    API. Entries further left are the client's own words and are never trusted.
    """
    proxies = settings.NEWSROOM_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies and hops:
        return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR")
