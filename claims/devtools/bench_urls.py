"""Baseline views for ``bench/http_load.py``: what the API is measured against.

Mounted under ``/bench/`` only when ``CLAIMTRACKER_BENCH_VIEWS=1`` (claimtracker/urls.py);
production never sets it, so these views do not exist there.

* ``/bench/hello/``: the floor, Django's request/response cycle with no database.
* ``/bench/claims/?verdict=…`` or ``?actor=…``: a plain view returning the same 50 claims
  as the API's first page (same filter, same default order, the API's columns) with
  ``.values()`` + ``JsonResponse``: the API costs what it adds on top of this.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from claims.api.payloads import CLAIM_VALUES
from claims.models import Claim

# The API's own list columns, so the baseline selects exactly what the API selects and the
# measured difference is only what the API adds on top.
COLUMNS = CLAIM_VALUES


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"hello", content_type="text/plain")


def plain_claims(request: HttpRequest) -> JsonResponse:
    claims = Claim.objects.all()
    if verdict := request.GET.get("verdict"):
        claims = claims.filter(verdict=verdict)
    if (actor := request.GET.get("actor", "")).isdigit():
        claims = claims.for_actor(int(actor))
    rows = list(claims.order_by("article_id", "position").values(*COLUMNS)[:50])
    return JsonResponse({"results": rows})


urlpatterns = [
    path("hello/", hello, name="bench-hello"),
    path("claims/", plain_claims, name="bench-claims"),
]
