"""Content negotiation: an unknown ``?format=`` is a 400 naming the parameter, not a 404."""

from __future__ import annotations

from collections.abc import Sequence

from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer


class ContentNegotiation(DefaultContentNegotiation):
    """DRF raises Http404 when no renderer has the requested format. The resource exists; the
    parameter is wrong, so say which formats there are (found by .ci/schemathesis.sh: the
    schema documents ``format`` with its values and a 400, never a 404)."""

    def filter_renderers(
        self, renderers: Sequence[BaseRenderer], format: str
    ) -> list[BaseRenderer]:
        try:
            return super().filter_renderers(renderers, format)
        except Http404:
            known = ", ".join(sorted({r.format for r in renderers if r.format}))
            raise ValidationError({"format": f"unknown format {format!r}; use {known}"}) from None
