"""Relations between claims: linking two claims, removing a link, and carrying links over
when a claim merges into another."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction

from claims.editing.base import EditRefused
from claims.models import Claim, ClaimRelation

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)


@transaction.atomic
def relate_claims(
    claim: Claim,
    other: Claim,
    relation: str,
    *,
    editor: AbstractBaseUser | None,
    note: str = "",
) -> tuple[ClaimRelation, bool]:
    """Link ``claim`` → ``other`` (``claim`` corroborates / contradicts / duplicates ``other``).
    Returns (relation, created); linking twice, or the other way round, is harmless and
    returns the existing relation, even when two editors link the pair at the same moment."""
    if relation not in ClaimRelation.Relation.values:
        raise EditRefused(f"Unknown relation {relation!r}.")
    if claim.pk == other.pk:
        raise EditRefused("A claim cannot be related to itself.")
    # The relations are symmetric: "other <relation> claim" is the same link, and is answered
    # as the existing one, whichever way round it was made.
    existing = _link(claim, other, relation)
    if existing is not None:
        return existing, False
    try:
        # A savepoint: the unique constraint on the unordered pair is the one check that
        # holds when another editor links the same pair (either way round) at this moment;
        # losing that race must leave the caller's transaction usable.
        with transaction.atomic():
            created = ClaimRelation.objects.create(
                from_claim=claim, to_claim=other, relation=relation, created_by=editor, note=note
            )
    except IntegrityError:
        existing = _link(claim, other, relation)
        if existing is None:
            # Not the pair constraint: one of the claims went away meanwhile (foreign keys
            # are checked at commit).
            raise EditRefused(
                "The claims could not be linked: one of them changed meanwhile; reload and retry."
            ) from None
        return existing, False
    return created, True


def _link(claim: Claim, other: Claim, relation: str) -> ClaimRelation | None:
    """The relation of this kind between the two claims, whichever way round, if any."""
    return ClaimRelation.objects.between(claim, other).filter(relation=relation).first()


@transaction.atomic
def remove_relation(claim: Claim | int | None, relation_id: int) -> ClaimRelation:
    """Delete a relation: the one way the admin and both API routes remove one. With a
    ``claim``, only one of that claim's relations (either direction) is removed; another
    claim's is refused like a missing one. Returns the deleted relation."""
    relations = (
        ClaimRelation.objects.all() if claim is None else ClaimRelation.objects.touching(claim)
    )
    relation = relations.filter(pk=relation_id).first()
    if relation is None:
        where = "" if claim is None else " on this claim"
        raise EditRefused(f"That relation does not exist (any more){where}.")
    relation.delete()
    return relation


def _pair_key(from_id: int, to_id: int, relation: str) -> tuple[int, int, str]:
    # Relations are symmetric (and unique per unordered pair in the database).
    return min(from_id, to_id), max(from_id, to_id), relation


def move_relations(source: Claim, target: Claim) -> None:
    """Re-point ``source``'s relations to ``target``; those that would become a relation of
    the claim to itself are dropped, and those that repeat one ``target`` already has (in
    either direction) are folded into it, their note appended when it differs."""
    existing = {
        _pair_key(from_id, to_id, relation): pk
        for pk, from_id, to_id, relation in ClaimRelation.objects.touching(target).values_list(
            "pk", "from_claim_id", "to_claim_id", "relation"
        )
    }
    for rel in ClaimRelation.objects.touching(source):
        from_id = target.pk if rel.from_claim_id == source.pk else rel.from_claim_id
        to_id = target.pk if rel.to_claim_id == source.pk else rel.to_claim_id
        key = _pair_key(from_id, to_id, rel.relation)
        if from_id == to_id or key in existing:
            logger.info("merge: dropping relation %s (%s)", rel.pk, rel)
            if from_id != to_id and rel.note.strip():
                _append_note(existing[key], rel.note)
            rel.delete()
            continue
        ClaimRelation.objects.filter(pk=rel.pk).update(from_claim_id=from_id, to_claim_id=to_id)
        existing[key] = rel.pk


def _append_note(relation_id: int, note: str) -> None:
    kept = ClaimRelation.objects.get(pk=relation_id)
    extra = note.strip()
    if extra not in kept.note:
        kept.note = f"{kept.note.rstrip()}\n\n{extra}" if kept.note.strip() else extra
        kept.save(update_fields=["note"])
