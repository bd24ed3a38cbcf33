"""The API's shapes for fact-checks published elsewhere: the serializers (also the schema's
documentation) and the list's filters. The views are ``claims.api.views.factchecks``."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from claims.api.filters import IdFilter, LeanFilterSet, no_such_id
from claims.api.serializers import EvidenceSerializer
from claims.factchecks.matching import FactCheckMatch, claim_for_matching, fact_checks_for
from claims.models import Claim, Evidence, FactCheck

MATCHED_FOR_FILTER = 100  # ?claim= lists at most this many matches


class PublisherDoc(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField()


class RatingDoc(serializers.Serializer):
    text = serializers.CharField(help_text="The textual rating (alternateName), e.g. “False”.")
    value = serializers.FloatField(allow_null=True)
    best = serializers.FloatField(allow_null=True)
    worst = serializers.FloatField(allow_null=True)
    explanation = serializers.CharField()


class FactCheckSerializer(serializers.ModelSerializer):
    """A fact-check published elsewhere (one imported schema.org ClaimReview)."""

    publisher = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField()
    suggested_stance = serializers.ChoiceField(
        choices=Evidence.Stance.choices,
        read_only=True,
        help_text="The evidence stance its rating suggests.",
    )

    class Meta:
        model = FactCheck
        fields = [
            "id", "url", "claim_reviewed", "claimant", "claim_date", "review_date", "language",
            "publisher", "rating", "suggested_stance", "appearances", "imported_at", "updated_at",
        ]  # fmt: skip

    @extend_schema_field(PublisherDoc)
    def get_publisher(self, fc: FactCheck) -> dict[str, str]:
        return {"name": fc.publisher_name, "url": fc.publisher_url}

    @extend_schema_field(RatingDoc)
    def get_rating(self, fc: FactCheck) -> dict[str, Any]:
        return {
            "text": fc.textual_rating,
            "value": fc.rating_value,
            "best": fc.best_rating,
            "worst": fc.worst_rating,
            "explanation": fc.rating_explanation,
        }


class FactCheckDetailSerializer(FactCheckSerializer):
    raw = serializers.JSONField(read_only=True, help_text="The ClaimReview as it was imported.")

    class Meta(FactCheckSerializer.Meta):
        fields = [*FactCheckSerializer.Meta.fields, "raw"]


class FactCheckMatchDoc(serializers.Serializer):
    score = serializers.FloatField(help_text="0..1, best first.")
    reasons = serializers.ListField(child=serializers.CharField())
    text_similarity = serializers.FloatField()
    same_claimant = serializers.BooleanField()
    same_article = serializers.BooleanField(
        help_text="The fact-check names this claim's article as where the claim appeared."
    )
    suggested_stance = serializers.ChoiceField(choices=Evidence.Stance.choices)
    fact_check = FactCheckSerializer()


class FactCheckMatchesDoc(serializers.Serializer):
    claim = serializers.IntegerField()
    results = FactCheckMatchDoc(many=True)


class AttachInputSerializer(serializers.Serializer):
    fact_check = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    stance = serializers.ChoiceField(
        choices=Evidence.Stance.choices,
        required=False,
        help_text="Defaults to the stance the fact-check's rating suggests.",
    )


class AttachResultDoc(serializers.Serializer):
    evidence = EvidenceSerializer()
    fact_check = FactCheckSerializer()


def match_payload(match: FactCheckMatch) -> dict[str, Any]:
    return {
        "score": match.score,
        "reasons": list(match.reasons),
        "text_similarity": match.text_similarity,
        "same_claimant": match.same_claimant,
        "same_article": match.same_article,
        "suggested_stance": match.suggested_stance,
        "fact_check": FactCheckSerializer(match.fact_check).data,
    }


class FactCheckFilter(LeanFilterSet):
    publisher = filters.CharFilter(
        field_name="publisher_name",
        lookup_expr="icontains",
        max_length=300,
        help_text="In the publisher's name.",
    )
    rating = filters.CharFilter(
        field_name="textual_rating",
        lookup_expr="iexact",
        max_length=300,
        help_text="The textual rating, any case, e.g. `false`.",
    )
    q = filters.CharFilter(
        method="filter_q",
        max_length=200,
        help_text="In the claim reviewed, the claimant, the publisher or the rating.",
    )
    claim = IdFilter(
        method="filter_claim",
        help_text="Only the fact-checks matched to this claim (as /api/claims/{id}/fact-checks/).",
    )

    class Meta:
        model = FactCheck
        fields: list[str] = []

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.search(value)

    def filter_claim(self, qs: QuerySet, name: str, value: int) -> QuerySet:
        user = getattr(self.request, "user", None)
        claim = claim_for_matching(value, Claim.objects.visible_to(user))
        if claim is None:  # an unpublished claim reads as a missing one to anonymous readers
            raise ValidationError({name: [no_such_id(Claim, value)]})
        matched = fact_checks_for(claim, limit=MATCHED_FOR_FILTER)
        return qs.filter(pk__in=[m.fact_check.pk for m in matched])
