"""Publishing: a verdict becomes a public fact-check only when an editor publishes it.

Until then it is the desk's own work: the public pages, the Atom feed, the sitemap and
anonymous API readers see published claims only (``ClaimQuerySet.published``). Publishing and
unpublishing write who and when on the claim and a line in its history, like assignments;
neither is a verdict, so the claim's version does not move (an open claim form stays valid).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from claims.editing.base import EditRefused, record_history
from claims.models import Claim

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

PUBLISH_PERMISSION = "claims.review_claim"  # the editors' permission: who gives verdicts


def can_publish(user: AbstractBaseUser) -> bool:
    return bool(user.is_active and user.has_perm(PUBLISH_PERMISSION))


def _locked(pks: list[int]) -> list[Claim]:
    # Locked (ordered by pk, like every multi-claim lock here) so that a verdict cleared at
    # the same moment cannot leave an unverified claim published: update_claim locks the row.
    return list(
        Claim.objects.select_for_update(of=("self",))
        .filter(pk__in=pks)
        .order_by("pk")
        .only("pk", "position", "text", "verdict", "published_at")
    )


@transaction.atomic
def publish_claims(claims: Iterable[Claim | int], *, by: AbstractBaseUser) -> int:
    """Publish ``claims`` as ``by``: each gets who and when, and a history line. Claims
    already published are left as they are (their first publication date stands). All or
    nothing: an unverified claim among them raises ``EditRefused`` naming it, and nothing is
    published. Returns how many were newly published."""
    if not can_publish(by):
        raise EditRefused(f"{by.get_username()} is not an editor: only editors publish.")
    pks = [c if isinstance(c, int) else c.pk for c in claims]
    rows = _locked(pks)
    if missing := sorted(set(pks) - {c.pk for c in rows}):
        raise EditRefused(f"Claim(s) {missing} no longer exist; nothing was published.")
    if unverified := [c.pk for c in rows if not c.is_reviewed]:
        raise EditRefused(
            f"Claim(s) {unverified} have no verdict: only a reviewed claim can be published; "
            "nothing was published."
        )
    changing = [c for c in rows if c.published_at is None]
    if changing:
        Claim.objects.filter(pk__in=[c.pk for c in changing]).update(
            published_at=timezone.now(), published_by=by
        )
        verdicts = Claim.Verdict
        record_history(
            ((c, f"Published ({verdicts(c.verdict).label.lower()}).") for c in changing), by=by
        )
    return len(changing)


@transaction.atomic
def unpublish_claims(
    claims: Iterable[Claim | int], *, by: AbstractBaseUser, reason: str = ""
) -> int:
    """Take ``claims`` off the public pages, feeds and anonymous API, as ``by``; the verdict
    stays. Claims not published are left alone. Returns how many were unpublished."""
    if not can_publish(by):
        raise EditRefused(f"{by.get_username()} is not an editor: only editors unpublish.")
    pks = [c if isinstance(c, int) else c.pk for c in claims]
    changing = [c for c in _locked(pks) if c.published_at is not None]
    if changing:
        Claim.objects.filter(pk__in=[c.pk for c in changing]).update(
            published_at=None, published_by=None
        )
        message = f"Unpublished ({reason})." if reason else "Unpublished."
        record_history(((c, message) for c in changing), by=by)
    return len(changing)
