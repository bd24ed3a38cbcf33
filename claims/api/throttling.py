"""Throttles for the API: writes and token requests, never plain reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class LiveScopedRateThrottle(ScopedRateThrottle):
    """ScopedRateThrottle that reads the rates when asked, not at import time.

    DRF binds ``THROTTLE_RATES`` to the settings dict once, when the class is defined, so a
    changed ``REST_FRAMEWORK`` (an environment-specific settings module, a test override) is
    silently ignored. Reading ``api_settings`` on every request follows such changes.
    """

    def get_rate(self) -> str | None:
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            raise ImproperlyConfigured(
                f"No rate in REST_FRAMEWORK['DEFAULT_THROTTLE_RATES'] for scope {self.scope!r}"
            ) from None


class WriteRateThrottle(LiveScopedRateThrottle):
    """Throttles only unsafe methods, so a viewset can serve reads unthrottled and still
    limit its write actions with ``throttle_scope = "writes"``."""

    def allow_request(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)
