"""Claims: the keyset-paginated list (JSON or streamed CSV), one claim, its verdict and
review history, and its schema.org ClaimReview. Claim payloads are hand-built for speed
(``claims.api.payloads``); the relation actions come from ``relations.ClaimRelationsMixin``."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404, HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from claims import editing
from claims.api import csv_export, page_json, payloads
from claims.api.csv_export import CSVRenderer, stream_claims_csv
from claims.api.filters import ClaimFilter
from claims.api.pagination import (
    ClaimCursorPagination,
    ClaimReviewPagination,
    PageNumberPagination,
)
from claims.api.serializers import (
    AssignInputSerializer,
    ClaimDoc,
    ClaimReviewDoc,
    ConflictDoc,
    ReviewSerializer,
    VerdictInputSerializer,
    VerdictResultDoc,
)
from claims.api.views.common import (
    CLAIM_ID,
    ID_REGEX,
    ApiViewMixin,
    JSONLDRenderer,
    claim_or_404,
    errors,
)
from claims.api.views.factchecks import ClaimFactChecksMixin
from claims.api.views.relations import ClaimRelationsMixin
from claims.models import Claim, Review, StaleVersion

CSV_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description="`csv` streams every matching claim as CSV (not paginated; filters and "
    "`ordering` apply).",
)

VERDICT_EXAMPLE = OpenApiExample(
    "Contradicted, with a source",
    request_only=True,
    value={
        "verdict": "contradicted",
        "note": "The ministry's own figures say otherwise.",
        "evidence": [
            {
                "url": "https://example.org/report",
                "title": "Annual report",
                "excerpt": "Exports fell by 4%.",
                "stance": "refutes",
            }
        ],
        "version": 3,
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Keyset-paginated (follow `next`/`previous`; there is no count). "
        "`?format=csv` streams all matching claims instead.",
        parameters=[CSV_PARAMETER],
        responses={
            (200, "application/json"): ClaimDoc(many=True),
            (200, "text/csv"): OpenApiTypes.STR,
            **errors(400, 401),
        },
    ),
    retrieve=extend_schema(
        summary="One claim", parameters=[CLAIM_ID], responses={200: ClaimDoc, **errors(404)}
    ),
)
class ClaimViewSet(
    ClaimRelationsMixin, ClaimFactChecksMixin, ApiViewMixin, viewsets.GenericViewSet
):
    """Claims, their verdicts, review history, relations and related candidates."""

    serializer_class = ClaimDoc  # documents the hand-built payloads
    filterset_class = ClaimFilter
    pagination_class = ClaimCursorPagination
    lookup_value_regex = ID_REGEX

    def get_queryset(self) -> QuerySet[Claim]:
        # The list and detail select their columns with .values() (payloads.CLAIM_VALUES),
        # which joins article and speaker itself; the actions load what they need.
        # Anonymous readers see published fact-checks only.
        return Claim.objects.visible_to(self.request.user)

    def get_renderers(self) -> list[BaseRenderer]:
        renderers = super().get_renderers()
        if getattr(self, "action", None) == "list":
            renderers.append(CSVRenderer())
        return renderers

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any):
        # Errors of a CSV request (a bad filter) are still JSON: a client can read them.
        renderer = getattr(request, "accepted_renderer", None)
        if (
            isinstance(response, Response)
            and response.exception
            and isinstance(renderer, CSVRenderer)
        ):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def list(self, request: Request) -> HttpResponse | StreamingHttpResponse:
        queryset = self.filter_queryset(self.get_queryset())
        if isinstance(request.accepted_renderer, CSVRenderer):
            return self._csv(request, payloads.claim_values(queryset))
        if page_json.available(queryset) and type(request.accepted_renderer) is JSONRenderer:
            # PostgreSQL writes the claims' JSON (claims.api.page_json); same output.
            _, keys = self.paginator.get_ordering(request)
            fields = [key.field for key in keys]
            rows = self.paginate_queryset(page_json.claim_json_values(queryset, fields))
            return page_json.page_response(self.paginator, rows)
        rows = self.paginate_queryset(payloads.claim_values(queryset))
        return self.get_paginated_response(payloads.claim_payloads(rows))

    def _csv(self, request: Request, rows: QuerySet) -> StreamingHttpResponse:
        self.paginator.get_ordering(request)  # a bad ordering is a 400 before streaming
        chunks = self.paginator.iterate(rows, request, csv_export.CHUNK)
        response = StreamingHttpResponse(
            stream_claims_csv(chunks), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response

    def retrieve(self, request: Request, pk: str) -> Response:
        payload = payloads.claim_payload(pk, self.get_queryset())
        if payload is None:
            raise Http404("No claim with this id.")
        return Response(payload)

    @extend_schema(
        summary="Give a verdict",
        description="Appends a Review (with its evidence) and updates the claim in one "
        "transaction, via editing.update_claim. `version` must be the claim's current version; "
        "if the claim changed since, nothing is written and the answer is 409 with the "
        "current claim.",
        parameters=[CLAIM_ID],
        request=VerdictInputSerializer,
        responses={
            201: VerdictResultDoc,
            409: OpenApiResponse(ConflictDoc, description="Stale version: nothing written."),
            **errors(400, 401, 403, 404, 429),
        },
        examples=[VERDICT_EXAMPLE],
    )
    @action(detail=True, methods=["post"])
    def verdict(self, request: Request, pk: str) -> Response:
        claim = claim_or_404(pk, "version", "verdict")
        data = VerdictInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            review = editing.update_claim(
                claim,
                changes={},
                loaded_version=values["version"],
                editor=request.user,
                verdict=values["verdict"],
                note=values["note"],
                evidence=values["evidence"],
            )
        except StaleVersion as exc:
            return Response(
                {"detail": str(exc), "claim": payloads.claim_payload(claim.pk)},
                status=status.HTTP_409_CONFLICT,
            )
        except Claim.DoesNotExist:
            raise Http404("No claim with this id.") from None
        review = (
            Review.objects.select_related("editor")
            .prefetch_related("evidence")
            .get(pk=cast(Review, review).pk)  # a verdict always writes a Review
        )
        return Response(
            {"review": ReviewSerializer(review).data, "claim": payloads.claim_payload(claim.pk)},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Assign the claim to an editor",
        description="Who checks this claim: an editor's username, or null to take it back. "
        "Recorded in the claim's history (who, when); the claim's version does not change.",
        parameters=[CLAIM_ID],
        request=AssignInputSerializer,
        responses={200: ClaimDoc, **errors(400, 401, 403, 404, 429)},
        examples=[OpenApiExample("To an editor", request_only=True, value={"assignee": "ana"})],
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str) -> Response:
        claim = claim_or_404(pk)
        data = AssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        editing.assign_claims([claim], assignee=data.validated_data["assignee"], by=request.user)
        return Response(payloads.claim_payload(claim.pk))

    @extend_schema(
        summary="Publish the fact-check (POST) or take it back (DELETE)",
        description="POST publishes a reviewed claim: the public page, the Atom feed, the "
        "sitemap, the ClaimReview feed and anonymous API readers show it from then on. "
        "Publishing an unverified claim is a 400. DELETE unpublishes it (the verdict stays). "
        "Both are recorded in the claim's history (who, when); the claim's version does not "
        "change, and repeating either is harmless.",
        parameters=[CLAIM_ID],
        request=None,
        responses={200: ClaimDoc, **errors(400, 401, 403, 404, 429)},
    )
    @action(detail=True, methods=["post", "delete"], filter_backends=[], pagination_class=None)
    def publish(self, request: Request, pk: str) -> Response:
        claim = claim_or_404(pk)
        try:
            if request.method == "DELETE":
                editing.unpublish_claims([claim], by=request.user)
            else:
                editing.publish_claims([claim], by=request.user)
        except editing.EditRefused as exc:
            raise ValidationError({"detail": str(exc)}) from None
        return Response(payloads.claim_payload(claim.pk))

    @extend_schema(
        summary="Verdict history, newest first",
        parameters=[CLAIM_ID],
        responses={200: ReviewSerializer(many=True), **errors(400, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=PageNumberPagination, filter_backends=[])
    def reviews(self, request: Request, pk: str) -> Response:
        claim = claim_or_404(pk, request=request)
        queryset = (
            Review.objects.filter(claim=claim)
            .select_related("editor")
            .prefetch_related("evidence")
            .order_by("-created_at", "-id")
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(ReviewSerializer(page, many=True).data)

    @extend_schema(
        summary="The claim's verdict as schema.org ClaimReview (JSON-LD)",
        description="404 while the claim is unverified. See docs/api.md for the rating scale.",
        parameters=[CLAIM_ID],
        responses={200: ClaimReviewDoc, **errors(400, 404)},  # 400: an unknown ?format=
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[JSONLDRenderer, JSONRenderer],
        filter_backends=[],
        pagination_class=None,
    )
    def claimreview(self, request: Request, pk: str) -> Response:
        claims = Claim.objects.reviewed().visible_to(request.user)
        row = claims.filter(pk=pk).values(*payloads.CLAIMREVIEW_VALUES).first()
        if row is None:
            raise Http404("No reviewed claim with this id.")
        return Response(payloads.claimreview_payload(row, request))


@extend_schema_view(
    list=extend_schema(
        summary="All published fact-checks as schema.org ClaimReview",
        description="Published fact-checks (for logged-in users and token holders: every "
        "reviewed claim), most recently reviewed first, keyset-paginated. "
        "The claim filters apply.",
        responses={200: ClaimReviewDoc(many=True), **errors(400)},
    )
)
class ClaimReviewViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ClaimReviewDoc
    filterset_class = ClaimFilter
    pagination_class = ClaimReviewPagination

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.reviewed().visible_to(self.request.user)

    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        rows = self.paginate_queryset(queryset.values(*payloads.CLAIMREVIEW_VALUES))
        return self.get_paginated_response(payloads.claimreview_payloads(rows, request))
