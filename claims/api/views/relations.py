"""Relations between claims (list, create, remove) and the related-claim suggestions.

The claim-scoped routes (/api/claims/{id}/relations/, /api/claims/{id}/related/) are actions
of ``ClaimViewSet``, mixed in from ``ClaimRelationsMixin``, so their URLs and operation ids are
the claim routes'. Writes go through ``claims.editing`` (the one path the admin uses too); the
ranking is ``claims.matching.related_claims``.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from claims import editing
from claims.api import payloads
from claims.api.pagination import PageNumberPagination
from claims.api.serializers import RelatedListDoc, RelationDoc, RelationInputSerializer
from claims.api.views.common import (
    CLAIM_ID,
    ID_REGEX,
    ID_SCHEMA,
    RELATION_ID,
    ApiViewMixin,
    bounded_int,
    claim_or_404,
    errors,
    is_public,
)
from claims.matching import reads, related_claims
from claims.models import Claim, ClaimRelation


class ClaimRelationsMixin:
    """The relation and related-claim actions of ``ClaimViewSet``."""

    @extend_schema(
        methods=["GET"],
        summary="Relations of a claim, both directions",
        parameters=[CLAIM_ID],
        responses={200: RelationDoc(many=True), **errors(400, 404)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Relate this claim to another",
        description="Creates `this claim <relation> to_claim`. A relation to itself, to a "
        "missing claim, or one that already exists (in either direction) is a 400 naming the "
        "existing relation.",
        parameters=[CLAIM_ID],
        request=RelationInputSerializer,
        responses={201: RelationDoc, **errors(400, 401, 403, 404, 429)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        pagination_class=PageNumberPagination,
        filter_backends=[],
    )
    def relations(self, request: Request, pk: str) -> Response:
        claim = claim_or_404(pk, request=request)
        if request.method == "POST":
            return self._create_relation(request, claim)
        relations = payloads.relation_queryset(claim.pk)
        if is_public(request):
            # The claim is published (claim_or_404); the other end must be too.
            relations = relations.filter(
                from_claim__published_at__isnull=False, to_claim__published_at__isnull=False
            )
        page = self.paginate_queryset(relations)
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
                claim, target, kind, editor=request.user, note=data.validated_data["note"]
            )
        except editing.EditRefused as exc:
            raise ValidationError({"to_claim": [str(exc)]}) from None
        if not created:
            already = f"Claim {target_id} is already related to this claim as {kind!r}"
            raise ValidationError({"to_claim": [f"{already} (relation {relation.pk})."]})
        relation = payloads.relation_queryset(claim.pk).get(pk=relation.pk)
        return Response(
            payloads.relation_payload(relation, claim.pk), status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Remove a relation of this claim",
        parameters=[CLAIM_ID, RELATION_ID],
        request=None,
        responses={204: None, **errors(401, 403, 404, 429)},
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
        responses={200: RelatedListDoc, **errors(400, 404)},
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def related(self, request: Request, pk: str) -> Response:
        limit = bounded_int(request, "limit", 20, 100)
        # The article's date comes with the claim: the ranking weighs closeness in time.
        claim = reads.claim_to_rank(int(pk), published_only=is_public(request))
        if claim is None:
            raise Http404("No claim with this id.")
        candidates = related_claims(claim, limit=limit)
        if is_public(request):
            # Anonymous readers see published candidates only (read with the candidates).
            candidates = [c for c in candidates if c.row.published]
        results = [payloads.related_payload(c) for c in candidates]
        return Response({"claim": claim.pk, "results": results})


@extend_schema_view(
    destroy=extend_schema(
        summary="Remove a relation",
        parameters=[
            OpenApiParameter("id", ID_SCHEMA, OpenApiParameter.PATH, description="Relation id.")
        ],
        responses={204: None, **errors(401, 403, 404, 429)},
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
