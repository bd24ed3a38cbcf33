"""Claims in other articles that probably corroborate, contradict or duplicate a claim.

Shared by the API (/api/claims/{id}/related/) and the admin claim page. Stage 1
(``candidates``) narrows a million claims to a few hundred in bounded SQL; stage 2, here,
scores those in Python, the same on both databases:

- shared words weighed by rarity (``Profile.text_overlap``, idf from ``WordCount``),
  shared actors likewise (an actor is as rare as the rarest word of its name), shared
  events and dates, the same speaker, and closeness of publication dates;
- the same direct quote in both (after normalising quotes, dashes and spellings) is
  near-certain: it ranks above anything without one;
- for the winners only, ``similarity.compare`` suggests the relation (contradicts when a
  figure or a negation disagrees) and says why.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from claims.models import Actor, Claim, Event

from . import frequencies, similarity
from . import profile as profiles
from .candidates import Candidate, candidate_rows
from .profile import Profile, mentioned_iso_dates

# How much each kind of overlap weighs in the score (they sum to 1).
WEIGHTS = {"text": 0.55, "actors": 0.15, "events": 0.10, "dates": 0.05, "near": 0.15}
SAME_SPEAKER_BONUS = 0.05
SAME_QUOTE_FLOOR = 0.9  # a shared direct quote puts a candidate above any without one
NEAR_DAYS = 30  # publication dates this far apart or more earn nothing for closeness


@dataclass(frozen=True)
class RelatedCandidate:
    """One ranked candidate: ``row`` as stage 1 read it, ``claim`` the same as a Claim."""

    row: Candidate
    score: float  # 0..1
    reasons: tuple[str, ...]
    shared_actors: tuple[Actor, ...] = ()
    shared_events: tuple[Event, ...] = ()
    shared_dates: tuple[str, ...] = ()  # ISO dates
    text_similarity: float = 0.0
    same_speaker: bool = False
    suggested_relation: similarity.Relation = "corroborates"
    relation_reasons: tuple[str, ...] = ()

    @functools.cached_property
    def claim(self) -> Claim:
        """The candidate as a Claim with its ``article`` and ``speaker`` attached (no query),
        built on first use: the API shows ``row`` as it is, and three model instances per
        winner cost more than the rest of shaping it."""
        return self.row.as_claim()


@dataclass(frozen=True, slots=True)
class _Overlap:
    """What one winner shares with the claim asked about, and its score."""

    candidate: Candidate
    score: float
    shared_actors: set[int]
    shared_events: set[int]
    shared_dates: set[str]
    text_similarity: float
    same_speaker: bool


def _jaccard(a: AbstractSet, b: AbstractSet) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _closeness(published: dt.date | None, other: dt.date | None) -> float:
    if published is None or other is None:
        return 0.0
    return max(0.0, 1.0 - abs((published - other).days) / NEAR_DAYS)


def _actor_ids(candidate: Candidate) -> frozenset[int]:
    """The actors it names, and its speaker."""
    if candidate.speaker_id:
        return candidate.actor_ids | {candidate.speaker_id}
    return candidate.actor_ids


def _dates(profile: Profile, candidate: Candidate) -> set[str]:
    """Its mentioned dates; not parsed when the claim names none (nothing to share)."""
    return mentioned_iso_dates(candidate.mentioned_dates) if profile.dates else set()


def _score(profile: Profile, candidate: Candidate) -> tuple[float, float, bool]:
    """(score, text similarity, same speaker) of one candidate: run for every candidate,
    so it builds nothing a loser would not need (``_overlap`` does, for the winners)."""
    text, speaker_id = candidate.text, candidate.speaker_id
    text_sim = profile.text_overlap(frequencies.claim_words(text))
    same_speaker = bool(profile.claim.speaker_id and profile.claim.speaker_id == speaker_id)
    score = (
        WEIGHTS["text"] * text_sim
        + WEIGHTS["actors"] * profile.actor_overlap(_actor_ids(candidate))
        + WEIGHTS["events"] * _jaccard(profile.events.keys(), candidate.event_ids)
        + WEIGHTS["dates"] * _jaccard(profile.dates, _dates(profile, candidate))
        + (SAME_SPEAKER_BONUS if same_speaker else 0.0)
    )
    if score > 0:  # closeness in time ranks what is shared; on its own it is no match
        score += WEIGHTS["near"] * _closeness(profile.published_on, candidate.published_on)
    if similarity.same_quote(profile.claim.text, text):
        score = SAME_QUOTE_FLOOR + (1 - SAME_QUOTE_FLOOR) * min(score, 1.0)
    return round(min(score, 1.0), 4), text_sim, same_speaker


def _overlap(
    profile: Profile, candidate: Candidate, score: float, text_sim: float, same_speaker: bool
) -> _Overlap:
    """A winner with what it shares with the claim."""
    return _Overlap(
        candidate=candidate,
        score=score,
        shared_actors=set(profile.actors) & _actor_ids(candidate),
        shared_events=set(profile.events) & candidate.event_ids,
        shared_dates=profile.dates & _dates(profile, candidate),
        text_similarity=text_sim,
        same_speaker=same_speaker,
    )


def _scored(profile: Profile, candidates: list[Candidate], limit: int) -> list[_Overlap]:
    """The best ``limit`` candidates with a positive score, best first (score, then newest)."""
    scored = []
    for candidate in candidates:
        score, text_sim, same_speaker = _score(profile, candidate)
        if score > 0:
            scored.append((score, candidate, text_sim, same_speaker))
    scored.sort(key=lambda item: (-item[0], -item[1].id))
    return [_overlap(profile, c, score, sim, same) for score, c, sim, same in scored[:limit]]


# --- Shaping ---------------------------------------------------------------------------------


def _reasons(profile: Profile, overlap: _Overlap) -> list[str]:
    """Why the candidate is suggested, in words an editor reads."""
    reasons = []
    if overlap.same_speaker:
        reasons.append(f"same speaker: {overlap.candidate.speaker_name}")
    if overlap.shared_actors:
        rare = sorted(
            (profile.actor_frequency.get(a, 0), profile.actors[a].name)
            for a in overlap.shared_actors
        )
        reasons.append("shared actors: " + ", ".join(name for _, name in rare))
    if overlap.shared_events:
        titles = sorted(profile.events[e].title for e in overlap.shared_events)
        reasons.append("shared events: " + ", ".join(titles))
    if overlap.shared_dates:
        reasons.append("shared dates: " + ", ".join(sorted(overlap.shared_dates)))
    shared = profile.words & frequencies.claim_words(overlap.candidate.text)
    if shared:
        rare = sorted(shared, key=lambda w: (profile.rarity.frequency(w), w))[:4]
        words = ", ".join(rare)
        if overlap.text_similarity >= similarity.DUPLICATE_OVERLAP:
            reasons.append(
                f"near-identical wording ({overlap.text_similarity:.0%} by rarity; "
                f"rarest shared: {words}): possible duplicate"
            )
        else:
            reasons.append(
                f"similar wording ({overlap.text_similarity:.0%} by rarity; rarest shared: {words})"
            )
    return reasons


def _shaped(profile: Profile, scored: list[_Overlap]) -> list[RelatedCandidate]:
    """The winners from what stage 1 read (no query), each compared with the claim for a
    suggested relation."""
    ranked: list[RelatedCandidate] = []
    for overlap in scored:
        row = overlap.candidate
        comparison = similarity.compare(
            profile.claim.text, row.text, overlap=overlap.text_similarity
        )
        actors = (profile.actors[a] for a in overlap.shared_actors)
        events = (profile.events[e] for e in overlap.shared_events)
        ranked.append(
            RelatedCandidate(
                row=row,
                score=overlap.score,
                reasons=tuple(_reasons(profile, overlap)),
                shared_actors=tuple(sorted(actors, key=str)),
                shared_events=tuple(sorted(events, key=lambda e: e.pk)),
                shared_dates=tuple(sorted(overlap.shared_dates)),
                text_similarity=round(overlap.text_similarity, 4),
                same_speaker=overlap.same_speaker,
                suggested_relation=comparison.relation,
                relation_reasons=comparison.reasons,
            )
        )
    return ranked


def related_claims(
    claim: Claim, *, limit: int = 20, profile: Profile | None = None
) -> list[RelatedCandidate]:
    """Up to ``limit`` claims from other articles, best first (score, then newest), each
    with a suggested relation and its reasons. ``profile``: the claim's, when the caller
    built it already (the claim page ranks fact-checks with the same one)."""
    profile = profile or profiles.build(claim)
    candidates = candidate_rows(profile)
    if not candidates:
        return []
    return _shaped(profile, _scored(profile, candidates, limit))
