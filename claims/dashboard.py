"""The dashboard page: an HTML shell whose script reads everything from the public REST API.

The view renders no data at all. ``claims/static/claims/dashboard/dashboard.js`` fetches
``/api/stats/``, ``/api/claims/``, ``/api/events/`` … from the browser, so the page shows
exactly what any other API client would see, and a need the API cannot meet shows up as a gap
in the API rather than as a private endpoint.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

# The page loads only its own script and stylesheet and talks only to this origin's API; the
# script never builds HTML from strings, so no inline script or style is ever needed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    # The API refuses anonymous reads when public reading is off; send people to log in
    # first rather than serve a page whose every panel fails.
    if not settings.CLAIMTRACKER_PUBLIC_READ and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    response = render(request, "claims/dashboard.html")
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response
