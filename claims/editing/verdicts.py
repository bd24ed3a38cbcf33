"""Verdicts: the one service that changes a claim (fields, links, verdict) under the
optimistic lock, its bulk form, and whether a claim has verdict history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.editing.base import EditRefused, record_history
from claims.models import Claim, Evidence, Review, StaleVersion

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def has_history(claim: Claim) -> bool:
    """A verdict now or ever: the claim has reviews that must stay with it."""
    return claim.is_reviewed or Review.objects.filter(claim=claim).exists()


# Claim columns ``update_claim`` never takes as plain ``changes``: the verdict's (written only
# with a Review, through ``verdict=``), the assignment's (``assign_claims``) and the structural
# ones (offsets and positions, which only split and merge change, keeping
# ``article.body[start:end] == text``).
_NOT_CHANGES = frozenset(
    {"verdict", "verdict_note", "reviewed_by", "reviewed_at", "version"}
    | {"assignee", "assigned_by", "assigned_at"}  # assign_claims records who and when
    | {"published_at", "published_by"}  # publish_claims / unpublish_claims, likewise
    | {"article", "position", "text", "start", "end", "paragraph"}
)


@transaction.atomic
def update_claim(
    claim: Claim,
    *,
    changes: Mapping[str, Any],
    loaded_version: int | None,
    editor: AbstractBaseUser | None,
    verdict: str | None = None,
    note: str = "",
    evidence: Sequence[dict[str, str]] = (),
) -> Review | None:
    """The one way an editor changes a claim: plain fields and links (``changes``: validated
    values by field name, e.g. a ModelForm's ``cleaned_data``), a verdict with its note and
    evidence, or both — one transaction, one version check, one version bump.

    ``loaded_version`` is the version the editor saw (None: nothing was read earlier, e.g. a
    script); if the claim moved on since, ``StaleVersion`` is raised and nothing is written.
    A verdict (also the same one again with a new note) appends a Review, the history, with
    ``evidence`` attached to it; without one, ``evidence`` is added on its own. Returns the
    Review, if any. A bad verdict or evidence is a ``ValidationError`` before any write.
    """
    if verdict is not None and verdict not in Claim.Verdict.values:
        raise ValidationError({"verdict": f"Unknown verdict {verdict!r}."})
    if refused := sorted(set(changes) & _NOT_CHANGES):
        raise EditRefused(f"{', '.join(refused)}: not changed by update_claim.")
    evidence_rows = [Evidence.from_dict(item) for item in evidence]
    fields = {n: v for n, v in changes.items() if not Claim._meta.get_field(n).many_to_many}
    links = {n: v for n, v in changes.items() if n not in fields}
    version, previous, published_at = _check_version(claim, loaded_version)
    now = timezone.now()
    if verdict is not None:
        fields |= _verdict_fields(verdict, note, editor, now, published=published_at is not None)
    unpublished = "published_at" in fields
    if fields or links:
        # Any change moves the version on, so another editor's open form of it goes stale.
        Claim.objects.filter(pk=claim.pk).update(**fields, version=F("version") + 1)
        for name, value in links.items():
            getattr(claim, name).set(value)
        for name, value in fields.items():
            setattr(claim, name, value)
        claim.version = version + 1
    review = None
    if verdict is not None:
        review = Review.objects.create(
            claim=claim,
            verdict=verdict,
            previous_verdict=previous,
            note=note,
            editor=editor,
            created_at=now,
        )
    for row in evidence_rows:
        row.claim, row.review, row.added_by = claim, review, editor
    Evidence.objects.bulk_create(evidence_rows)
    if unpublished and editor is not None:
        record_history([(claim, "Unpublished (verdict cleared).")], by=editor)
    return review


def _verdict_fields(
    verdict: str, note: str, editor: AbstractBaseUser | None, now: Any, *, published: bool
) -> dict[str, Any]:
    reviewed = verdict != Claim.Verdict.UNVERIFIED
    fields = {
        "verdict": verdict,
        "verdict_note": note,
        "reviewed_by": editor if reviewed else None,
        "reviewed_at": now if reviewed else None,
    }
    if not reviewed and published:
        # A cleared verdict leaves nothing to publish: the fact-check comes off the site.
        fields |= {"published_at": None, "published_by": None}
    return fields


def _check_version(claim: Claim, loaded_version: int | None) -> tuple[int, str, Any]:
    """Lock the claim's row and return its (version, verdict, published_at);
    ``StaleVersion`` (with the claim refreshed) when it is not at ``loaded_version``,
    ``Claim.DoesNotExist`` when gone.

    The check holds under concurrent writers: the row lock (PostgreSQL) or the IMMEDIATE
    transaction (SQLite, settings.py) keeps the version read here current until commit.
    NO KEY, like the UPDATE that follows, so new reviews' foreign keys are not blocked;
    ordered by pk, because the default ordering (by article) would join and lock the article
    row too, which a re-import locks first: a deadlock."""
    current = (
        Claim.objects.select_for_update(no_key=True)
        .filter(pk=claim.pk)
        .order_by("pk")
        .values_list("version", "verdict", "published_at")
        .first()
    )
    if current is None:
        raise Claim.DoesNotExist(f"Claim {claim.pk} no longer exists")
    if loaded_version is not None and loaded_version != current[0]:
        claim.refresh_from_db()
        raise StaleVersion(claim, loaded_version)
    return current


@transaction.atomic
def set_verdicts(
    versions: Mapping[int, int],
    *,
    verdict: str,
    editor: AbstractBaseUser | None,
    note: str = "",
    evidence: Sequence[dict[str, str]] = (),
) -> list[Review]:
    """Bulk verdict with optimistic locking: ``versions`` maps each claim pk to the version
    the editor saw. All or nothing — one stale claim raises ``StaleVersion`` and no claim
    changes. Each claim goes through ``update_claim``."""
    claims = Claim.objects.filter(pk__in=list(versions)).order_by("pk")
    found = list(claims)
    missing = set(versions) - {c.pk for c in found}
    if missing:
        raise EditRefused(f"Claim(s) {sorted(missing)} no longer exist; nothing was changed.")
    reviews = []
    for claim in found:
        review = update_claim(
            claim,
            changes={},
            loaded_version=versions[claim.pk],
            editor=editor,
            verdict=verdict,
            note=note,
            evidence=evidence,
        )
        reviews.append(cast(Review, review))  # a verdict always writes a Review
    return reviews
