"""What every API view shares: the mixin, the id shape of the URLs, the documented error
answers, and the parsing of a bounded integer parameter."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from claims.api.filters import MAX_ID
from claims.models import Claim

ID_REGEX = r"[0-9]+"
# Ids as the API takes them: positive, and within the database's bigint.
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
CLAIM_ID = OpenApiParameter("id", ID_SCHEMA, OpenApiParameter.PATH, description="Claim id.")
RELATION_ID = OpenApiParameter(
    "relation_id", ID_SCHEMA, OpenApiParameter.PATH, description="Relation id."
)

ERRORS = {
    400: OpenApiResponse(description="Bad input; the body names the offending parameter."),
    401: OpenApiResponse(description="Not logged in (token or session)."),
    403: OpenApiResponse(description="Logged in but not an editor (needs claims.review_claim)."),
    404: OpenApiResponse(description="No such object."),
    429: OpenApiResponse(description="Too many writes; retry after the Retry-After header."),
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """The documented error answers of an operation, by status code."""
    return {code: ERRORS[code] for code in codes}


# Page-number lists answer a page past the last (or below 1) with DRF's 404; undocumented,
# it failed .ci/schemathesis.sh's status-code conformance.
NO_PAGE = {404: OpenApiResponse(description="No such page (`page` past the last, or below 1).")}


def bounded_int(request: Request, name: str, default: int, maximum: int) -> int:
    """The query parameter ``name`` as an integer in 1..maximum (``default`` when absent);
    anything else is a 400 naming the parameter."""
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: f"must be an integer, got {raw!r}"}) from None
    if not 1 <= value <= maximum:
        raise ValidationError({name: f"must be between 1 and {maximum}"})
    return value


def is_public(request: Request) -> bool:
    """An anonymous reader: sees published fact-checks only (``ClaimQuerySet.visible_to``);
    logged-in users and token holders, the desk, see every claim."""
    return not request.user.is_authenticated


def claim_or_404(pk: str | int, *fields: str, request: Request | None = None) -> Claim:
    """The claim with only ``id`` and ``fields`` loaded, or a 404; with ``request``, also a
    404 for a claim the requester may not read (an unpublished one, for anonymous readers),
    so that its existence does not leak either."""
    claims = Claim.objects.visible_to(request.user) if request is not None else Claim.objects
    claim = claims.only("id", *fields).filter(pk=pk).first()
    if claim is None:
        raise Http404("No claim with this id.")
    return claim


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class ApiViewMixin:
    """What every API view shares; the classes it uses are settings.REST_FRAMEWORK's."""

    # Reads are never throttled (WriteRateThrottle); POST/DELETE share the "writes" rate.
    throttle_scope = "writes"
