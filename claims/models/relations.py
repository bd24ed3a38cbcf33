"""Editors' links between claims: corroborates, contradicts, duplicates."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils import timezone

from claims.models.claims import Claim


class ClaimRelationQuerySet(models.QuerySet["ClaimRelation"]):
    def touching(self, claim: Claim | int) -> ClaimRelationQuerySet:
        """Relations in either direction."""
        return self.filter(Q(from_claim=claim) | Q(to_claim=claim))

    def between(self, one: Claim | int, other: Claim | int) -> ClaimRelationQuerySet:
        """Relations joining these two claims, in either direction."""
        return self.filter(Q(from_claim=one, to_claim=other) | Q(from_claim=other, to_claim=one))


class ClaimRelation(models.Model):
    """An editor's link between two claims, usually in different articles."""

    class Relation(models.TextChoices):
        CORROBORATES = "corroborates", "Corroborates"
        CONTRADICTS = "contradicts", "Contradicts"
        DUPLICATES = "duplicates", "Duplicates"

    from_claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="relations_from")
    to_claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="relations_to")
    relation = models.CharField(max_length=12, choices=Relation.choices)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_relations",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ClaimRelationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Every relation is symmetric ("A contradicts B" is "B contradicts A"), so a pair
            # is unique whichever way round it was linked: enforced by the database, because
            # two editors linking the same pair from opposite ends at once both pass any
            # check the application makes first. It subsumes the old (from, to, relation)
            # constraint; an asymmetric relation added later would need that one back and a
            # condition on this one.
            models.UniqueConstraint(
                Least("from_claim", "to_claim"),
                Greatest("from_claim", "to_claim"),
                "relation",
                name="claimrelation_pair_unique",
                violation_error_message="These two claims are already linked with this "
                "relation (in one direction or the other).",
            ),
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")), name="claimrelation_not_self"
            ),
            models.CheckConstraint(
                condition=Q(relation__in=["corroborates", "contradicts", "duplicates"]),
                name="claimrelation_relation_valid",
            ),
        ]
        indexes = [models.Index(fields=["to_claim"], name="claimrelation_to_idx")]

    def __str__(self) -> str:
        return f"{self.from_claim_id} {self.relation} {self.to_claim_id}"

    def clean(self) -> None:
        if self.from_claim_id and self.from_claim_id == self.to_claim_id:
            raise ValidationError({"to_claim": "A claim cannot be related to itself."})
