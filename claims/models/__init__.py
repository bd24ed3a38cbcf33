"""claimtracker's domain models, exported so ``from claims.models import Claim`` keeps working
while the models move into one module per idea."""

from claims.models.claims import (
    Actor,
    ActorAlias,
    ActorQuerySet,
    Article,
    Claim,
    ClaimCount,
    ClaimQuerySet,
    ClaimRelation,
    ClaimRelationQuerySet,
    Event,
    Evidence,
    Review,
    StaleVersion,
    normalize_name,
)

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorQuerySet",
    "Article",
    "Claim",
    "ClaimCount",
    "ClaimQuerySet",
    "ClaimRelation",
    "ClaimRelationQuerySet",
    "Event",
    "Evidence",
    "Review",
    "StaleVersion",
    "normalize_name",
]
