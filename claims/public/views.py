"""The fact-check pages: the index of published fact-checks and one page per fact-check."""

from __future__ import annotations

import json
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from claims.api import payloads
from claims.dashboard import CONTENT_SECURITY_POLICY
from claims.models import Actor, Claim, Evidence

PAGE_SIZE = 20
# The index's columns: the card shows the claim, its verdict, who said it and where.
INDEX_FIELDS = (
    "id",
    "text",
    "verdict",
    "published_at",
    "article__title",
    "article__publisher",
    "article__published_on",
    "speaker__name",
)

# JSON inside <script>: these could end the element or open a comment (Django's json_script
# escapes the same three).
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _secured(response: HttpResponse) -> HttpResponse:
    # The dashboard's policy: this origin's stylesheet only, and no script runs at all
    # (the JSON-LD block is data, which the policy does not execute).
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


class BadFilter(ValueError):
    """A filter parameter the index cannot use; the message names it."""


def _filters(request: HttpRequest) -> dict[str, Any]:
    """The index's filters from the query string, validated: ``verdict`` (a published verdict),
    ``speaker`` (an actor id), ``q`` (words of the claim)."""
    verdict = request.GET.get("verdict", "")
    if verdict and verdict not in payloads.RATING_VALUES:
        choices = ", ".join(payloads.RATING_VALUES)
        raise BadFilter(f"verdict: unknown verdict {verdict!r}; use one of {choices}.")
    speaker = request.GET.get("speaker", "")
    if speaker and not (speaker.isascii() and speaker.isdigit() and len(speaker) < 19):
        raise BadFilter(f"speaker: must be an actor id (a number), got {speaker!r}.")
    page = request.GET.get("page", "1")
    if not (page.isascii() and page.isdigit() and 0 < len(page) < 10 and int(page) > 0):
        raise BadFilter(f"page: must be a page number from 1, got {page!r}.")
    return {
        "verdict": verdict,
        "speaker": int(speaker) if speaker else None,
        "q": request.GET.get("q", "").strip()[:200],
        "page": int(page),
    }


def _index_claims(filters: dict[str, Any]) -> QuerySet[Claim]:
    claims = Claim.objects.published()
    if filters["verdict"]:
        claims = claims.filter(verdict=filters["verdict"])
    if filters["speaker"] is not None:
        claims = claims.filter(speaker_id=filters["speaker"])
    if filters["q"]:
        claims = claims.search(filters["q"])
    return claims.order_by("-published_at", "-id").values(*INDEX_FIELDS)


@require_safe
def fact_check_index(request: HttpRequest) -> HttpResponse:
    try:
        filters = _filters(request)
    except BadFilter as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    paginator = Paginator(_index_claims(filters), PAGE_SIZE)
    if filters["page"] > paginator.num_pages:
        raise Http404(f"page: there are {paginator.num_pages} page(s).")
    page = paginator.page(filters["page"])
    rows = list(page.object_list)
    for row in rows:
        row["url"] = Claim(pk=row["id"], text=row["text"]).get_public_url()
        row["verdict_label"] = Claim.Verdict(row["verdict"]).label
    # The speaker filter lists who said a published fact-check: a short list, one query.
    speakers = (
        Actor.objects.filter(spoken_claims__published_at__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("pk", "name")
    )
    context = {
        "page": page,
        "rows": rows,
        "filters": filters,
        "verdicts": [(v, Claim.Verdict(v).label) for v in payloads.RATING_VALUES],
        "speakers": list(speakers),
        "query_without_page": _query_without_page(request),
    }
    return _secured(render(request, "claims/public/index.html", context))


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _claim(request: HttpRequest, pk: int) -> Claim:
    """The published claim ``pk`` with what its page shows; a logged-in user (the desk) may
    also preview an unpublished reviewed one."""
    claims = Claim.objects.reviewed()
    if not request.user.is_authenticated:
        claims = claims.published()
    claim = claims.select_related("article", "speaker").filter(pk=pk).first()
    if claim is None:
        raise Http404("No published fact-check with this id.")
    return claim


@require_safe
def fact_check(request: HttpRequest, pk: int, slug: str = "") -> HttpResponse:
    claim = _claim(request, pk)
    if slug != claim.slug:
        # One address per fact-check: the ClaimReview's url is this canonical one.
        return redirect(claim.get_public_url(), permanent=True)
    before, text, after = claim.context()
    evidence = Evidence.objects.filter(claim=claim).order_by("created_at", "id")
    row = Claim.objects.filter(pk=claim.pk).values(*payloads.CLAIMREVIEW_VALUES).get()
    claimreview = payloads.claimreview_payload(row, request)
    context = {
        "claim": claim,
        "article": claim.article,
        "context": (before, text, after),
        "evidence": list(evidence),
        "verdict_label": claim.get_verdict_display(),
        "rating": claimreview["reviewRating"],
        "claimreview": claimreview,
        "json_ld": _json_ld(claimreview),
    }
    return _secured(render(request, "claims/public/detail.html", context))


def _json_ld(data: dict[str, Any]) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES)
    return mark_safe(text)  # escaped above for a <script> element
