"""The API's viewsets. Routing is in ``claims.api.urls``; the shapes are in ``payloads`` (claims,
hand-built for speed) and ``serializers``."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import F, Prefetch, QuerySet
from django.http import Http404, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from claims import editing, stats
from claims.api import csv_export, payloads
from claims.api.csv_export import CSVRenderer, stream_claims_csv
from claims.api.filters import MAX_ID, ActorFilter, ArticleFilter, ClaimFilter, EventFilter
from claims.api.pagination import (
    ClaimCursorPagination,
    ClaimReviewPagination,
    PageNumberPagination,
)
from claims.api.serializers import (
    ActorSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ClaimDoc,
    ClaimReviewDoc,
    ConflictDoc,
    EventSerializer,
    RelatedListDoc,
    RelationDoc,
    RelationInputSerializer,
    ReviewSerializer,
    StatsDoc,
    VerdictInputSerializer,
    VerdictResultDoc,
)
from claims.api.throttling import LiveScopedRateThrottle
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimRelation,
    Event,
    Review,
    StaleVersion,
)
from claims.related import related_claims

ID_REGEX = r"[0-9]+"
ERRORS = {
    400: OpenApiResponse(description="Bad input; the body names the offending parameter."),
    401: OpenApiResponse(description="Not logged in (token or session)."),
    403: OpenApiResponse(description="Logged in but not an editor (needs claims.review_claim)."),
    404: OpenApiResponse(description="No such object."),
    429: OpenApiResponse(description="Too many writes; retry after the Retry-After header."),
}


def _errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: ERRORS[code] for code in codes}


# Page-number lists answer a page past the last (or below 1) with DRF's 404; undocumented,
# it failed .ci/schemathesis.sh's status-code conformance.
NO_PAGE = {404: OpenApiResponse(description="No such page (`page` past the last, or below 1).")}


def bounded_int(request: Request, name: str, default: int, maximum: int) -> int:
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


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class ApiViewMixin:
    """What every API view shares; the classes it uses are settings.REST_FRAMEWORK's."""

    # Reads are never throttled (WriteRateThrottle); POST/DELETE share the "writes" rate.
    throttle_scope = "writes"


# --- Articles, actors, events ----------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="List articles",
        responses={200: ArticleSerializer, **_errors(400), **NO_PAGE},
    ),
    retrieve=extend_schema(
        summary="One article, with its body",
        responses={200: ArticleDetailSerializer, **_errors(404)},
    ),
)
class ArticleViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    filterset_class = ArticleFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self) -> QuerySet[Article]:
        qs = Article.objects.all()
        if self.action == "list":
            qs = qs.defer("body", "raw_text")  # large, and not in the list
        return qs.defer("raw_text")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer


@extend_schema_view(
    list=extend_schema(
        summary="List actors", responses={200: ActorSerializer, **_errors(400), **NO_PAGE}
    ),
    retrieve=extend_schema(summary="One actor", responses={200: ActorSerializer, **_errors(404)}),
)
class ActorViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """People, organisations and countries, with their claims counted by verdict, as speaker
    and as mentioned (one grouped query each per page)."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self) -> QuerySet[Actor]:
        aliases = ActorAlias.objects.only("id", "actor_id", "alias")
        return Actor.objects.prefetch_related(Prefetch("aliases", queryset=aliases))


@extend_schema_view(
    list=extend_schema(
        summary="List events, by date",
        responses={200: EventSerializer, **_errors(400), **NO_PAGE},
    ),
    retrieve=extend_schema(summary="One event", responses={200: EventSerializer, **_errors(404)}),
)
class EventViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self) -> QuerySet[Event]:
        participants = Actor.objects.only("id", "name", "kind")
        # Event.Meta.ordering: by date (undated last), then title; id makes pages stable.
        return Event.objects.prefetch_related(
            Prefetch("participants", queryset=participants)
        ).order_by(F("date").asc(nulls_last=True), "title", "id")


# --- Claims ----------------------------------------------------------------------------------

CSV_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description="`csv` streams every matching claim as CSV (not paginated; filters and "
    "`ordering` apply).",
)
# Ids as the API takes them: positive, and within the database's bigint.
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
CLAIM_ID = OpenApiParameter("id", ID_SCHEMA, OpenApiParameter.PATH, description="Claim id.")
RELATION_ID = OpenApiParameter(
    "relation_id", ID_SCHEMA, OpenApiParameter.PATH, description="Relation id."
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
            **_errors(400, 401),
        },
    ),
    retrieve=extend_schema(
        summary="One claim", parameters=[CLAIM_ID], responses={200: ClaimDoc, **_errors(404)}
    ),
)
class ClaimViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """Claims, their verdicts, review history, relations and related candidates."""

    serializer_class = ClaimDoc  # documents the hand-built payloads
    filterset_class = ClaimFilter
    pagination_class = ClaimCursorPagination
    lookup_value_regex = ID_REGEX

    def get_queryset(self) -> QuerySet[Claim]:
        # The list and detail select their columns with .values() (payloads.CLAIM_VALUES),
        # which joins article and speaker itself; the actions load what they need.
        return Claim.objects.all()

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

    def claim_or_404(self, pk: str, *fields: str) -> Claim:
        claim = Claim.objects.only("id", *fields).filter(pk=pk).first()
        if claim is None:
            raise Http404("No claim with this id.")
        return claim

    def list(self, request: Request) -> Response | StreamingHttpResponse:
        queryset = self.filter_queryset(self.get_queryset())
        if isinstance(request.accepted_renderer, CSVRenderer):
            rows = payloads.claim_values(queryset)
            self.paginator.get_ordering(request)  # a bad ordering is a 400 before streaming
            chunks = self.paginator.iterate(rows, request, csv_export.CHUNK)
            response = StreamingHttpResponse(
                stream_claims_csv(chunks), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="claims.csv"'
            return response
        rows = self.paginate_queryset(payloads.claim_values(queryset))
        return self.get_paginated_response(payloads.claim_payloads(rows))

    def retrieve(self, request: Request, pk: str) -> Response:
        payload = payloads.claim_payload(pk)
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
            **_errors(400, 401, 403, 404, 429),
        },
        examples=[
            OpenApiExample(
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
        ],
    )
    @action(detail=True, methods=["post"])
    def verdict(self, request: Request, pk: str) -> Response:
        claim = self.claim_or_404(pk, "version", "verdict")
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
        summary="Verdict history, newest first",
        parameters=[CLAIM_ID],
        responses={200: ReviewSerializer(many=True), **_errors(400, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=PageNumberPagination, filter_backends=[])
    def reviews(self, request: Request, pk: str) -> Response:
        claim = self.claim_or_404(pk)
        queryset = (
            Review.objects.filter(claim=claim)
            .select_related("editor")
            .prefetch_related("evidence")
            .order_by("-created_at", "-id")
        )
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(ReviewSerializer(page, many=True).data)

    @extend_schema(
        methods=["GET"],
        summary="Relations of a claim, both directions",
        parameters=[CLAIM_ID],
        responses={200: RelationDoc(many=True), **_errors(400, 404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Relate this claim to another",
        description="Creates `this claim <relation> to_claim`. A relation to itself, to a "
        "missing claim, or one that already exists (in either direction) is a 400 naming the "
        "existing relation.",
        parameters=[CLAIM_ID],
        request=RelationInputSerializer,
        responses={201: RelationDoc, **_errors(400, 401, 403, 404, 429)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        pagination_class=PageNumberPagination,
        filter_backends=[],
    )
    def relations(self, request: Request, pk: str) -> Response:
        claim = self.claim_or_404(pk)
        if request.method == "POST":
            return self._create_relation(request, claim)
        page = self.paginate_queryset(payloads.relation_queryset(claim.pk))
        return self.get_paginated_response(
            [payloads.relation_payload(relation, claim.pk) for relation in page]
        )

    def _create_relation(self, request: Request, claim: Claim) -> Response:
        data = RelationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target_id = data.validated_data["to_claim"]
        kind = data.validated_data["relation"]
        if target_id == claim.pk:
            raise ValidationError({"to_claim": ["A claim cannot be related to itself."]})
        target = Claim.objects.filter(pk=target_id).first()
        if target is None:
            raise ValidationError({"to_claim": [f"No claim with id {target_id}."]})
        # One code path with the admin: the relations are symmetric, so the pair linked
        # either way round is the existing relation (also when another editor links it at
        # this very moment: the database's unique constraint decides, never a 500).
        try:
            relation, created = editing.relate_claims(
                claim,
                target,
                kind,
                editor=request.user,
                note=data.validated_data["note"],
            )
        except editing.EditRefused as exc:
            raise ValidationError({"to_claim": [str(exc)]}) from None
        if not created:
            raise ValidationError(
                {
                    "to_claim": [
                        f"Claim {target_id} is already related to this claim as {kind!r} "
                        f"(relation {relation.pk})."
                    ]
                }
            )
        relation = payloads.relation_queryset(claim.pk).get(pk=relation.pk)
        return Response(
            payloads.relation_payload(relation, claim.pk), status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Remove a relation of this claim",
        parameters=[CLAIM_ID, RELATION_ID],
        request=None,
        responses={204: None, **_errors(401, 403, 404, 429)},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=rf"relations/(?P<relation_id>{ID_REGEX})",
        url_name="relation-detail",
        filter_backends=[],
    )
    def delete_relation(self, request: Request, pk: str, relation_id: str) -> Response:
        try:
            editing.remove_relation(int(pk), int(relation_id))
        except editing.EditRefused:
            raise Http404("This claim has no relation with this id.") from None
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Likely related claims in other articles",
        description="Candidates that may corroborate, contradict or duplicate this claim, "
        "best first, with a 0..1 `score` and the `reasons`. Claims of the same article and "
        "claims already related are left out. A bounded ranking, not a paginated list.",
        parameters=[
            CLAIM_ID,
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 100},
                description="How many (default 20, at most 100).",
            ),
        ],
        responses={200: RelatedListDoc, **_errors(400, 404)},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def related(self, request: Request, pk: str) -> Response:
        limit = bounded_int(request, "limit", 20, 100)
        claim = self.claim_or_404(pk, "text", "article_id", "speaker_id", "mentioned_dates")
        results = [payloads.related_payload(c) for c in related_claims(claim, limit=limit)]
        return Response({"claim": claim.pk, "results": results})

    @extend_schema(
        summary="The claim's verdict as schema.org ClaimReview (JSON-LD)",
        description="404 while the claim is unverified. See docs/api.md for the rating scale.",
        parameters=[CLAIM_ID],
        responses={200: ClaimReviewDoc, **_errors(400, 404)},  # 400: an unknown ?format=
    )
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[JSONLDRenderer, JSONRenderer],
        filter_backends=[],
        pagination_class=None,
    )
    def claimreview(self, request: Request, pk: str) -> Response:
        row = Claim.objects.reviewed().filter(pk=pk).values(*payloads.CLAIMREVIEW_VALUES).first()
        if row is None:
            raise Http404("No reviewed claim with this id.")
        return Response(payloads.claimreview_payload(row, request))


@extend_schema_view(
    list=extend_schema(
        summary="All published fact-checks as schema.org ClaimReview",
        description="Every reviewed claim, most recently reviewed first, keyset-paginated. "
        "The claim filters apply.",
        responses={200: ClaimReviewDoc(many=True), **_errors(400)},
    )
)
class ClaimReviewViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ClaimReviewDoc
    filterset_class = ClaimFilter
    pagination_class = ClaimReviewPagination

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.reviewed()

    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        rows = self.paginate_queryset(queryset.values(*payloads.CLAIMREVIEW_VALUES))
        return self.get_paginated_response(payloads.claimreview_payloads(rows, request))


@extend_schema_view(
    destroy=extend_schema(
        summary="Remove a relation",
        parameters=[
            OpenApiParameter("id", ID_SCHEMA, OpenApiParameter.PATH, description="Relation id.")
        ],
        responses={204: None, **_errors(401, 403, 404, 429)},
    )
)
class RelationViewSet(ApiViewMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """DELETE /api/relations/{id}/: the same as DELETE /api/claims/{id}/relations/{id}/."""

    queryset = ClaimRelation.objects.all()
    serializer_class = RelationDoc
    lookup_value_regex = ID_REGEX
    filter_backends: list = []

    def destroy(self, request: Request, pk: str) -> Response:
        try:
            editing.remove_relation(None, int(pk))
        except editing.EditRefused:
            # DRF's wording for a missing object, as every other detail route answers.
            raise Http404("No ClaimRelation matches the given query.") from None
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Stats -----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Claim counts per verdict, grouped",
        description="For dashboards. The claim filters apply; aggregated in SQL. `actor` "
        "groups by actors named in the claims, `speaker` by who said them; `month` is the "
        "article's publication month (YYYY-MM), latest `limit` months, oldest first. Other "
        "groups are the `limit` largest. `verdict` always lists all five verdicts. Unfiltered "
        "`verdict` and `speaker` counts come from counters kept exact by database triggers. "
        "Other queries may be cached for CLAIMTRACKER_STATS_CACHE_SECONDS (default 0: off).",
        parameters=[
            OpenApiParameter(
                "group_by",
                str,
                enum=list(stats.GROUPS),
                description="Default `verdict`.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 500},
                description="Most groups (default 50, at most 500).",
            ),
        ],
        responses={200: StatsDoc, **_errors(400)},
    )
)
class StatsViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """Parses the question; the counting is ``claims.stats.claim_stats``."""

    serializer_class = StatsDoc
    filterset_class = ClaimFilter
    pagination_class = None

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.all()

    def list(self, request: Request) -> Response:
        group_by = request.query_params.get("group_by") or "verdict"
        if group_by not in stats.GROUPS:
            raise ValidationError(
                {"group_by": f"unknown group {group_by!r}; use {', '.join(stats.GROUPS)}"}
            )
        limit = bounded_int(request, "limit", 50, 500)
        if group_by in stats.COUNTED and not self._has_claim_filters(request):
            # Whole-database counts from the trigger-kept counters: exact and fast, so never
            # cached (a cache could only make them stale).
            return Response(stats.claim_stats(None, group_by=group_by, limit=limit))
        return Response(
            stats.cached(
                request.query_params.lists(),
                lambda: stats.claim_stats(
                    self.filter_queryset(self.get_queryset()), group_by=group_by, limit=limit
                ),
            )
        )

    @staticmethod
    def _has_claim_filters(request: Request) -> bool:
        # Empty values filter nothing (django-filter ignores them).
        return any(
            value
            for name in ClaimFilter.base_filters
            for value in request.query_params.getlist(name)
        )


# --- Tokens ----------------------------------------------------------------------------------


@extend_schema_view(
    post=extend_schema(
        summary="Get an API token",
        description="Send username and password; the answer holds the user's token (the same "
        "one on every call until it is revoked). Throttled (`token_auth` rate).",
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            **_errors(400, 429),
        },
    ),
    delete=extend_schema(
        summary="Revoke your API token",
        description="Deletes the caller's token; the next POST makes a new one.",
        request=None,
        responses={204: None, **_errors(401)},
    ),
)
class AuthTokenView(ApiViewMixin, ObtainAuthToken):
    throttle_classes = [LiveScopedRateThrottle]
    throttle_scope = "token_auth"
    renderer_classes = [JSONRenderer]
    schema = api_settings.DEFAULT_SCHEMA_CLASS()

    def get_permissions(self) -> list[permissions.BasePermission]:
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
