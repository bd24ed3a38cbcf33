"""What the claim page shows around its form: the claim in context, its mentions, relations
and suggested related claims. Each part is computed only when the template reads it."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from claims import editing
from claims.factchecks.matching import FactCheckMatch, fact_checks_for
from claims.matching import RelatedCandidate, related_claims
from claims.matching import profile as profiles
from claims.models import Actor, Claim, ClaimRelation, Event, Evidence

from .display import verdict_badge

RELATED_SHOWN = 10
FACT_CHECKS_SHOWN = 5


class ClaimPage:
    """What the claim page shows around the form; computed only when the page renders."""

    def __init__(self, claim: Claim, *, show_suggestions: bool) -> None:
        self.claim = claim
        self.show_suggestions = show_suggestions

    @cached_property
    def badge(self) -> str:
        return verdict_badge(self.claim.verdict)

    @cached_property
    def context(self) -> tuple[str, str, str]:
        return self.claim.context()

    # ClaimAdmin.get_object prefetches the actors and events: the form's initial values and
    # these two share one query each.
    @cached_property
    def actors(self) -> list[Actor]:
        return list(self.claim.actors.all())

    @cached_property
    def events(self) -> list[Event]:
        return list(self.claim.events.all())

    @cached_property
    def dates(self) -> list[dict[str, Any]]:
        raw = self.claim.mentioned_dates
        return [d for d in raw if isinstance(d, dict)] if isinstance(raw, list) else []

    @cached_property
    def outgoing(self) -> list[ClaimRelation]:
        return list(
            ClaimRelation.objects.filter(from_claim=self.claim).select_related(
                "to_claim__article", "created_by"
            )
        )

    @cached_property
    def incoming(self) -> list[ClaimRelation]:
        return list(
            ClaimRelation.objects.filter(to_claim=self.claim).select_related(
                "from_claim__article", "created_by"
            )
        )

    @cached_property
    def profile(self) -> profiles.Profile:
        # Built once for both rankings: related claims and fact-checks published elsewhere.
        return profiles.build(self.claim)

    @cached_property
    def suggestions(self) -> list[RelatedCandidate]:
        if not self.show_suggestions:
            return []
        return related_claims(self.claim, limit=RELATED_SHOWN, profile=self.profile)

    @cached_property
    def fact_checks(self) -> list[tuple[FactCheckMatch, bool]]:
        """ "Already checked elsewhere": the best matches, each with whether it is already
        this claim's evidence (by its URL)."""
        if not self.show_suggestions:
            return []
        matches = fact_checks_for(self.claim, limit=FACT_CHECKS_SHOWN, profile=self.profile)
        if not matches:
            return []
        urls = [m.fact_check.url for m in matches]
        attached = set(
            Evidence.objects.filter(claim=self.claim, url__in=urls).values_list("url", flat=True)
        )
        return [(m, m.fact_check.url in attached) for m in matches]

    @cached_property
    def has_next(self) -> bool:
        return editing.next_claim(self.claim) is not None
