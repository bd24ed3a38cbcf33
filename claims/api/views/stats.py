"""/api/stats/: parses the question; the counting is the selector ``claims.stats.claim_stats``."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from claims import stats
from claims.api.filters import ClaimFilter
from claims.api.serializers import StatsDoc
from claims.api.views.common import ApiViewMixin, bounded_int, errors, is_public
from claims.models import Claim


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
        responses={200: StatsDoc, **errors(400)},
    )
)
class StatsViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """Parses the question; the counting is ``claims.stats.claim_stats``."""

    serializer_class = StatsDoc
    filterset_class = ClaimFilter
    pagination_class = None

    def get_queryset(self) -> QuerySet[Claim]:
        # Anonymous readers count published fact-checks only.
        return Claim.objects.visible_to(self.request.user)

    def list(self, request: Request) -> Response:
        group_by = request.query_params.get("group_by") or "verdict"
        if group_by not in stats.GROUPS:
            raise ValidationError(
                {"group_by": f"unknown group {group_by!r}; use {', '.join(stats.GROUPS)}"}
            )
        limit = bounded_int(request, "limit", 50, 500)
        public = is_public(request)
        if group_by in stats.COUNTED and not public and not self._has_claim_filters(request):
            # Whole-database counts from the trigger-kept counters: exact and fast, so never
            # cached (a cache could only make them stale).
            return Response(stats.claim_stats(None, group_by=group_by, limit=limit))
        return Response(
            stats.cached(
                [*request.query_params.lists(), ("__public", [str(public)])],
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
