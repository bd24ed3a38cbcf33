"""Merging duplicate actors: the one cross-model write on actors, retried when it loses a race
with a concurrent import."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Sequence

from django.db import DatabaseError, OperationalError, transaction

from claims.editing.base import EditRefused
from claims.extract.names import normalize_name
from claims.models import Actor, ActorAlias, Claim, Event

logger = logging.getLogger(__name__)

# A merge that loses a deadlock or serialization race is rolled back whole by PostgreSQL, so
# running it again is safe; bounded, because an editor is waiting for the page.
MERGE_ATTEMPTS = 3
_TRANSIENT_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure


def is_transient(exc: DatabaseError) -> bool:
    """The database aborted the transaction only because of a concurrent one: retry it."""
    return getattr(exc.__cause__, "sqlstate", None) in _TRANSIENT_SQLSTATES


def _backoff(attempt: int) -> None:
    # Jittered, so two transactions that collided do not collide again in step.
    time.sleep(random.uniform(0.05, 0.2) * attempt)


def merge_actors(
    *, keep_id: int, other_ids: Sequence[int], attempts: int = MERGE_ATTEMPTS
) -> tuple[Actor, list[Actor]]:
    """Fold duplicate actors into the one to keep: claims, speaker references, aliases and
    event participation move to it, and each duplicate's name becomes an alias.

    Each attempt is one transaction (``_merge_into``), run again when the database aborted it
    for a deadlock or a serialization failure with a concurrent writer such as an import; so
    call it outside a transaction. Returns (the kept actor, the actors merged into it). Raises
    ``EditRefused`` with a message for the editor when an actor is gone or every attempt
    failed; nothing is half-merged either way."""
    for attempt in range(1, attempts + 1):
        # Fresh rows each time: a failed attempt may have changed the objects in memory, and
        # a concurrent merge may have removed some of the actors meanwhile.
        keep = Actor.objects.filter(pk=keep_id).first()
        if keep is None:
            raise EditRefused(
                "The actor to keep no longer exists (merged or deleted meanwhile); "
                "nothing was merged."
            )
        others = list(Actor.objects.filter(pk__in=other_ids).exclude(pk=keep_id).order_by("name"))
        if not others:
            raise EditRefused(
                f"The actors to merge into {keep.name} no longer exist (merged or deleted "
                "meanwhile); nothing was merged."
            )
        try:
            _merge_into(keep, others)
        except OperationalError as exc:
            if not is_transient(exc):
                raise
            logger.warning(
                "actor merge into %s, attempt %s/%s: %s", keep_id, attempt, attempts, exc
            )
            if attempt < attempts:
                _backoff(attempt)
            continue
        return keep, others
    raise EditRefused(
        f"The merge could not be saved: it collided {attempts} times with other changes to "
        "these actors (an import, or another editor). Nothing was changed; please try again "
        "in a moment."
    )


@transaction.atomic
def _merge_into(keep: Actor, others: Sequence[Actor]) -> None:
    """One attempt of ``merge_actors``: everything or nothing."""
    # Lock every actor involved first. An import's new claims that point at a duplicate
    # take a key-share lock on it when their foreign keys are checked (at commit), so
    # such an import now waits and then fails cleanly ("retry"). Unlocked, it could
    # commit between the moves below and the duplicate's delete, whose SET NULL and
    # CASCADE would silently drop those claims' speaker and mentions. Actors before
    # claims, in pk order: the importer locks the actors it names in the same order
    # before touching any claim, so a merge and a re-import queue instead of deadlocking.
    list(
        Actor.objects.select_for_update()
        .filter(pk__in=[keep.pk, *(other.pk for other in others)])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for other in others:
        if other.pk == keep.pk:
            continue
        _move_references(other, keep)
        taken = _move_aliases(other, keep)
        old_name = other.name
        if not keep.wikidata_id and other.wikidata_id:
            keep.wikidata_id = other.wikidata_id
            other.wikidata_id = ""
            other.save(update_fields=["wikidata_id"])
        if not keep.description and other.description:
            keep.description = other.description
        other.delete()
        if normalize_name(old_name) not in taken:
            ActorAlias.objects.create(actor=keep, alias=old_name)
    keep.save()


def _move_references(other: Actor, keep: Actor) -> None:
    """The claims ``other`` said or is named in, and the events it took part in, point at
    ``keep`` instead (a link ``keep`` already has is not made twice)."""
    Claim.objects.filter(speaker=other).update(speaker=keep)
    Through = Claim.actors.through
    already = set(Through.objects.filter(actor=keep).values_list("claim_id", flat=True))
    Through.objects.bulk_create(
        [
            Through(claim_id=cid, actor=keep)
            for cid in Through.objects.filter(actor=other).values_list("claim_id", flat=True)
            if cid not in already
        ]
    )
    EventThrough = Event.participants.through
    in_events = set(EventThrough.objects.filter(actor=keep).values_list("event_id", flat=True))
    EventThrough.objects.bulk_create(
        [
            EventThrough(event_id=eid, actor=keep)
            for eid in EventThrough.objects.filter(actor=other).values_list("event_id", flat=True)
            if eid not in in_events
        ]
    )


def _move_aliases(other: Actor, keep: Actor) -> set[str]:
    """``other``'s aliases become ``keep``'s (one that ``keep`` already answers to is dropped);
    returns every normalised name ``keep`` now answers to."""
    taken = set(ActorAlias.objects.filter(actor=keep).values_list("normalized", flat=True))
    taken.add(keep.normalized_name)
    for alias in ActorAlias.objects.filter(actor=other):
        if alias.normalized in taken:
            alias.delete()
        else:
            alias.actor = keep
            alias.save()
            taken.add(alias.normalized)
    return taken
