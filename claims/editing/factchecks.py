"""Attaching a fact-check published elsewhere to a claim, as evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from claims.editing.base import EditRefused, lock_claim
from claims.editing.verdicts import update_claim
from claims.models import Claim, Evidence, FactCheck

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def fact_check_evidence(fact_check: FactCheck, stance: str | None = None) -> dict[str, str]:
    """The evidence a fact-check gives: its URL, who rated it how, the claim they checked
    and their explanation; ``stance`` defaults to what its rating suggests."""
    title = " · ".join(p for p in (fact_check.publisher_name, fact_check.rating_label) if p)
    excerpt = f"Checked: “{fact_check.claim_reviewed}”"
    if fact_check.rating_explanation:
        excerpt += f" — {fact_check.rating_explanation}"
    return {
        "url": fact_check.url,
        "title": (title or "Fact-check")[:500],
        "excerpt": excerpt,
        "stance": stance or fact_check.suggested_stance,
    }


@transaction.atomic
def attach_fact_check(
    claim: Claim,
    fact_check: FactCheck,
    *,
    editor: AbstractBaseUser | None,
    stance: str | None = None,
) -> Evidence:
    """The fact-check added to the claim's evidence (through ``update_claim``, the one path
    evidence takes), with ``stance`` or the one its rating suggests. Attaching the same
    review twice is refused: ``EditRefused`` naming it."""
    locked = lock_claim(claim)  # two editors clicking at once: the second sees the first's
    if Evidence.objects.filter(claim=locked, url=fact_check.url).exists():
        raise EditRefused(f"{fact_check.url} is already evidence of claim {locked.pk}.")
    update_claim(
        locked,
        changes={},
        loaded_version=None,
        editor=editor,
        evidence=[fact_check_evidence(fact_check, stance)],
    )
    return Evidence.objects.filter(claim=locked, url=fact_check.url).latest("id")
