"""Editors' services, exported so ``from claims import editing; editing.update_claim(...)``
keeps working while they move into one module per idea."""

from claims.editing.structure import (
    MERGE_ATTEMPTS,
    EditRefused,
    has_history,
    is_transient,
    merge_actors,
    merge_plan,
    merge_with_next,
    next_claim,
    reimport_article,
    relate_claims,
    remove_relation,
    sentence_boundaries,
    set_event_status,
    set_verdicts,
    split_claim,
    split_preview,
    update_claim,
)

__all__ = [
    "MERGE_ATTEMPTS",
    "EditRefused",
    "has_history",
    "is_transient",
    "merge_actors",
    "merge_plan",
    "merge_with_next",
    "next_claim",
    "reimport_article",
    "relate_claims",
    "remove_relation",
    "sentence_boundaries",
    "set_event_status",
    "set_verdicts",
    "split_claim",
    "split_preview",
    "update_claim",
]
