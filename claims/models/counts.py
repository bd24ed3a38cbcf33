"""Exact claim counts per (speaker, verdict), kept by database triggers for the stats."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from claims.models.actors import Actor
from claims.models.claims import Claim

# How many rows each (speaker, verdict) counter is sharded over (ClaimCount.slot).
SLOTS = 16


class ClaimCount(models.Model):
    """Exact claim counts per (speaker, verdict), maintained by database triggers on
    claims_claim (migration 0005), so whole-database stats read a tiny table instead of
    scanning a million claims. Never written by Django code: the triggers see every write
    (ORM, bulk_create, raw SQL, COPY, cascades), which model signals would not.

    A (speaker, verdict) pair is spread over up to 16 ``slot`` rows; its count is SUM(n).
    """

    # A foreign key for the label join, but without a database constraint and with
    # DO_NOTHING: deleting an actor first sets its claims' speaker to NULL (Claim.speaker is
    # SET_NULL), which the triggers already move to the NULL-speaker rows; what is left for
    # the deleted actor sums to 0 and is never shown.
    speaker = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    verdict = models.CharField(max_length=12, choices=Claim.Verdict.choices)
    slot = models.SmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(SLOTS - 1)])
    # int, not bigint: PostgreSQL sums bigint as numeric, markedly slower in the stats
    # query's aggregate; one (speaker, verdict, slot) row never nears 2**31 claims.
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            # COALESCE, not nulls_distinct=False: the same expression index works on
            # PostgreSQL and SQLite, and it is the triggers' ON CONFLICT target.
            models.UniqueConstraint(
                models.functions.Coalesce("speaker", 0),
                "verdict",
                "slot",
                name="claimcount_speaker_verdict_slot_uniq",
            ),
            models.CheckConstraint(
                condition=Q(slot__gte=0, slot__lt=SLOTS), name="claimcount_slot_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker_id} {self.verdict} [{self.slot}]: {self.n}"
