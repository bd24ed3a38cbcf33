"""Fact-checks published elsewhere: the list (/api/fact-checks/) and, as actions of
``ClaimViewSet`` (mixed in from ``ClaimFactChecksMixin``), the ones matched to a claim and
attaching one to it as evidence (/api/claims/{id}/fact-checks/). Matching is
``claims.factchecks.matching``; the write goes through ``claims.editing``."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from claims import editing
from claims.api.factchecks import (
    AttachInputSerializer,
    AttachResultDoc,
    FactCheckDetailSerializer,
    FactCheckFilter,
    FactCheckMatchesDoc,
    FactCheckSerializer,
    match_payload,
)
from claims.api.serializers import EvidenceSerializer
from claims.api.views.common import (
    CLAIM_ID,
    ID_REGEX,
    NO_PAGE,
    ApiViewMixin,
    bounded_int,
    errors,
)
from claims.factchecks.matching import claim_for_matching, fact_checks_for
from claims.models import Claim, FactCheck


class ClaimFactChecksMixin:
    """The fact-check actions of ``ClaimViewSet``."""

    @extend_schema(
        methods=["GET"],
        summary="Fact-checks published elsewhere that check this claim",
        description="Imported ClaimReviews ranked against the claim (rarity-weighted shared "
        "wording, claimant vs speaker, dates, the claim's own article among the review's "
        "appearances), best first, with a 0..1 `score`, the `reasons` and the evidence "
        "stance the rating suggests. A bounded ranking, not a paginated list.",
        parameters=[
            CLAIM_ID,
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 100},
                description="How many (default 10, at most 100).",
            ),
        ],
        responses={200: FactCheckMatchesDoc, **errors(400, 404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Attach a fact-check published elsewhere as evidence",
        description="Adds the fact-check to the claim's evidence (its URL, publisher, rating "
        "and explanation) with `stance`, by default the one its rating suggests. Attaching "
        "the same fact-check twice is a 400.",
        parameters=[CLAIM_ID],
        request=AttachInputSerializer,
        responses={201: AttachResultDoc, **errors(400, 401, 403, 404, 429)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="fact-checks",
        url_name="fact-checks",
        filter_backends=[],
        pagination_class=None,
    )
    def fact_checks(self, request: Request, pk: str) -> Response:
        # An unpublished claim is a 404 to anonymous readers, as in every claim read.
        claim = claim_for_matching(pk, Claim.objects.visible_to(request.user))
        if claim is None:
            raise Http404("No claim with this id.")
        if request.method == "POST":
            return self._attach(request, claim)
        limit = bounded_int(request, "limit", 10, 100)
        results = [match_payload(m) for m in fact_checks_for(claim, limit=limit)]
        return Response({"claim": claim.pk, "results": results})

    def _attach(self, request: Request, claim: Claim) -> Response:
        data = AttachInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fc_id = data.validated_data["fact_check"]
        fact_check = FactCheck.objects.filter(pk=fc_id).first()
        if fact_check is None:
            raise ValidationError({"fact_check": [f"No fact-check with id {fc_id}."]})
        try:
            evidence = editing.attach_fact_check(
                claim,
                fact_check,
                editor=request.user,
                stance=data.validated_data.get("stance"),
            )
        except editing.EditRefused as exc:
            raise ValidationError({"fact_check": [str(exc)]}) from None
        payload = {
            "evidence": EvidenceSerializer(evidence).data,
            "fact_check": FactCheckSerializer(fact_check).data,
        }
        return Response(payload, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Fact-checks published elsewhere (imported ClaimReviews)",
        description="Newest review first. `claim` keeps only those matched to that claim.",
        responses={200: FactCheckSerializer, **errors(400), **NO_PAGE},
    ),
    retrieve=extend_schema(
        summary="One fact-check published elsewhere, with its ClaimReview as imported",
        responses={200: FactCheckDetailSerializer, **errors(404)},
    ),
)
class FactCheckViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = FactCheckFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self) -> QuerySet[FactCheck]:
        # Undated reviews last on both databases (PostgreSQL puts NULLs first when descending).
        qs = FactCheck.objects.order_by(F("review_date").desc(nulls_last=True), "-id")
        return qs.defer("raw") if self.action == "list" else qs

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if self.action == "retrieve":
            return FactCheckDetailSerializer
        return FactCheckSerializer
