"""Which fact-checks published elsewhere check a claim: a selector, ranked with the same
machinery as the related-claim suggestions (``claims.matching``).

The claim's ``Profile`` (its words with their rarity from ``WordCount``, its speaker) is
built by ``claims.matching.profile``; the fact-check's ``claimReviewed`` is tokenised and
compared with ``Profile.text_overlap`` exactly as a candidate claim is, so a shared
"Rosneft" counts for much and a shared "Russia" for little. On top of the wording:

- the claimant against the claim's speaker ("Rubio" and "Marco Rubio" are the same person);
- the claim's date against the article's publication (and the dates the claim names);
- the fact-check naming the claim's own article among the claim's appearances, or the same
  direct quote in both: near-certain, ranked above anything else.

Candidates come from one bounded query: fact-checks containing one of the claim's rarest
words, said by its speaker, or naming its article's URL.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from claims.matching import frequencies, similarity
from claims.matching import profile as profiles
from claims.matching.profile import Profile
from claims.models import Claim, FactCheck

from .ratings import Stance

WEIGHTS = {"text": 0.7, "claimant": 0.2, "date": 0.1}  # they sum to 1
CERTAIN_FLOOR = 0.9  # the same article or the same quote: above anything without
MIN_TEXT = 0.12  # less shared wording than this is a coincidence, unless something else agrees
SEARCH_WORDS = 6  # rarest words of the claim looked for in the fact-checks
CANDIDATES = 200  # fact-checks scored in Python at most
NEAR_DAYS = 30  # a claim dated this far from the article or more earns nothing for it


@dataclass(frozen=True, slots=True)
class FactCheckMatch:
    """A fact-check that probably checks the claim, with why and the stance it suggests."""

    fact_check: FactCheck
    score: float  # 0..1
    reasons: tuple[str, ...]
    text_similarity: float
    same_claimant: bool
    same_article: bool
    suggested_stance: Stance


def _search_words(profile: Profile) -> list[str]:
    """The claim's rarest words (a word no other claim has is the best of all here: the
    fact-check is not a claim, so it was never counted)."""
    words = [w for w in profile.words if w.isalpha() and len(w) > 3]
    return sorted(words, key=lambda w: (profile.rarity.frequency(w), w))[:SEARCH_WORDS]


def _candidates(claim: Claim, profile: Profile) -> QuerySet[FactCheck]:
    condition = Q()
    for word in _search_words(profile):
        condition |= Q(claim_reviewed__icontains=word)
    if claim.speaker_id and claim.speaker.name:
        condition |= Q(claimant__iexact=claim.speaker.name)
    url = claim.article.url
    qs = FactCheck.objects.all()
    if url:
        if connections[router.db_for_read(FactCheck)].vendor == "postgresql":
            condition |= Q(appearances__contains=[url])  # jsonb @>
        else:  # SQLite has no JSON containment: match the stored JSON text
            qs = qs.annotate(appearances_text=Cast("appearances", TextField()))
            condition |= Q(appearances_text__contains=json.dumps(url))
    if not condition:
        return FactCheck.objects.none()
    return qs.filter(condition).defer("raw").order_by("-id")[:CANDIDATES]


def same_person(claimant: str, speaker: str) -> bool:
    """The same name, or one's words all in the other ("Rubio" in "Marco Rubio")."""
    a, b = set(similarity.tokens(claimant)), set(similarity.tokens(speaker))
    return bool(a and b) and (a <= b or b <= a)


def _date_closeness(claim_date: dt.date | None, published: dt.date | None) -> float:
    if claim_date is None or published is None:
        return 0.0
    return max(0.0, 1.0 - abs((claim_date - published).days) / NEAR_DAYS)


def _score(claim: Claim, profile: Profile, fc: FactCheck) -> FactCheckMatch | None:
    words = frequencies.claim_words(fc.claim_reviewed)
    text = profile.text_overlap(words)
    speaker = claim.speaker.name if claim.speaker_id else ""
    claimant = bool(speaker and fc.claimant and same_person(fc.claimant, speaker))
    named_date = bool(fc.claim_date and fc.claim_date.isoformat() in profile.dates)
    closeness = 1.0 if named_date else _date_closeness(fc.claim_date, profile.published_on)
    article = bool(claim.article.url and claim.article.url in (fc.appearances or []))
    quote = similarity.same_quote(claim.text, fc.claim_reviewed)
    if not (article or quote or text >= MIN_TEXT or (claimant and text > 0)):
        return None
    score = WEIGHTS["text"] * text + WEIGHTS["claimant"] * claimant + WEIGHTS["date"] * closeness
    if article or quote:
        score = CERTAIN_FLOOR + (1 - CERTAIN_FLOOR) * min(score, 1.0)
    reasons = []
    if article:
        reasons.append("the fact-check names this claim's article as where it appeared")
    if quote:
        reasons.append(f"same quote: “{quote}”")
    if claimant:
        reasons.append(f"same claimant: {fc.claimant}")
    if text:
        shared = sorted(profile.words & words, key=lambda w: (profile.rarity.frequency(w), w))
        reasons.append(
            f"similar wording ({text:.0%} by rarity; rarest shared: {', '.join(shared[:4])})"
        )
    if closeness:
        reasons.append(f"claim dated {fc.claim_date:%-d %b %Y}")
    return FactCheckMatch(
        fact_check=fc,
        score=round(min(score, 1.0), 4),
        reasons=tuple(reasons),
        text_similarity=round(text, 4),
        same_claimant=claimant,
        same_article=article,
        suggested_stance=fc.suggested_stance,
    )


def fact_checks_for(
    claim: Claim, *, limit: int = 10, profile: Profile | None = None
) -> list[FactCheckMatch]:
    """Up to ``limit`` fact-checks published elsewhere that probably check ``claim``, best
    first (score, then newest). ``claim`` should come with its article and speaker loaded
    (``select_related``); four queries, one with ``profile`` (the claim's, built already)."""
    profile = profile or profiles.build(claim)
    matches = [m for fc in _candidates(claim, profile) if (m := _score(claim, profile, fc))]
    matches.sort(key=lambda m: (-m.score, -m.fact_check.pk))
    return matches[:limit]


def claim_for_matching(pk: int | str, claims: QuerySet[Claim] | None = None) -> Claim | None:
    """The claim with what matching reads (its article and speaker), or None; ``claims``
    narrows where it is looked for (e.g. ``Claim.objects.visible_to(user)``)."""
    claims = Claim.objects.all() if claims is None else claims
    return (
        claims.select_related("article", "speaker")
        .only(
            "id",
            "text",
            "article_id",
            "speaker_id",
            "mentioned_dates",
            "article__url",
            "article__published_on",
            "speaker__name",
        )
        .filter(pk=pk)
        .first()
    )
