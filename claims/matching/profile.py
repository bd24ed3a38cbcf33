"""The claim asked about, as candidates are compared with it: its actors (speaker included),
events, dates and words, and how rare each word and actor is in the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper

from claims.models import Actor, Claim, Event

from . import frequencies, reads, similarity

# A word or actor in more claims than this share of all claims is "common": it is not
# searched for (Russia, say, would bring thousands of rows that tell nothing) though a
# candidate found otherwise still scores a little for sharing it.
COMMON_SHARE = 0.002
COMMON_MIN = 50  # …and never below this many claims, so small databases search everything
# An uncounted word (added since the last count, or in a candidate only): as rare as this
# share of the claims. Neither the rarest nor the commonest weight.
UNKNOWN_SHARE = 0.001


def mentioned_iso_dates(claim_dates: object) -> set[str]:
    """ISO dates from ``mentioned_dates``; tolerant of malformed entries (it is free JSON)."""
    if not isinstance(claim_dates, list):
        return set()
    return {
        item["date"]
        for item in claim_dates
        if isinstance(item, dict) and isinstance(item.get("date"), str) and item["date"]
    }


@dataclass(frozen=True, slots=True)
class Rarity:
    """Document frequencies of the words in play, with the rule for words not counted."""

    counts: dict[str, int]
    documents: int

    def frequency(self, word: str) -> int:
        known = self.counts.get(word)
        if known is not None:
            return known
        return max(1, int(self.documents * UNKNOWN_SHARE))

    @property
    def common(self) -> int:
        return max(COMMON_MIN, int(self.documents * COMMON_SHARE))

    def idf(self, word: str) -> float:
        return similarity.idf(self.frequency(word), self.documents)

    @property
    def unknown_idf(self) -> float:
        """The weight of a word not counted (a candidate's word the claim does not have)."""
        return similarity.idf(max(1, int(self.documents * UNKNOWN_SHARE)), self.documents)

    @property
    def common_idf(self) -> float:
        """The weight of an actor only a candidate names: as if common."""
        return similarity.idf(self.common, self.documents)


@dataclass(frozen=True, slots=True)
class Profile:
    """What candidates are compared with."""

    claim: Claim
    actors: dict[int, Actor]  # named in it, and its speaker
    events: dict[int, Event]
    dates: set[str]  # ISO dates
    words: frozenset[str]  # similarity.tokens of its text
    rarity: Rarity
    actor_frequency: dict[int, int]  # claims estimated to name each actor
    published_on: dt.date | None  # its article's
    # The idf of each of its words, and of each of its actors, prepared for comparing with
    # many candidates (``text_overlap``, ``actor_overlap``; their ``weights`` are the idfs).
    word_side: similarity.WeighedSide
    actor_side: similarity.WeighedSide

    def text_overlap(self, words: AbstractSet[str]) -> float:
        """Rarity-weighted Jaccard of its words and ``words`` (a word only they have weighs
        as an uncounted one)."""
        return self.word_side.overlap(words)

    def actor_overlap(self, actor_ids: AbstractSet[int]) -> float:
        """Rarity-weighted Jaccard of its actors and ``actor_ids``: sharing Russia says
        little, Rosneft much (an actor only they name weighs as a common one)."""
        return self.actor_side.overlap(actor_ids)

    def actor_key(self, actor_id: int) -> str:
        return f"#actor:{actor_id}"

    def is_rare_actor(self, actor_id: int) -> bool:
        return self.actor_frequency.get(actor_id, 0) <= self.rarity.common

    def rare_words(self) -> list[str]:
        """Its words rarest first, alphabetic only (searchable), without the common ones
        and without those only this claim has (counted once: they cannot find another)."""
        lone = 1 if self.rarity.documents else 0
        words = [w for w in self.words if w.isalpha() and len(w) > 2]
        words = [w for w in words if lone < self.rarity.frequency(w) <= self.rarity.common]
        return sorted(words, key=lambda w: (self.rarity.frequency(w), w))


def _actor_frequency(actors: dict[int, Actor], counts: dict[str, int]) -> dict[int, int]:
    """How many claims name each actor, estimated by the rarest word of its name: claims
    name an actor by its name (the importer finds it there), so "Rosneft" is as rare as
    the word and "Vladimir Putin" no commoner than "putin". A name with no counted word is
    taken as rare."""
    out = {}
    for pk, actor in actors.items():
        known = [counts[w] for w in similarity.tokens(actor.name) if w in counts]
        out[pk] = min(known, default=0)
    return out


def _published_on(db: BaseDatabaseWrapper, claim: Claim) -> dt.date | None:
    if Claim.article.is_cached(claim):  # type: ignore[attr-defined]
        return claim.article.published_on
    rows = reads.fetch(
        db, f"SELECT published_on FROM {reads.ARTICLES} WHERE id = %s", [claim.article_id]
    )
    return rows[0][0] if rows else None


def _named_and_speaker(db: BaseDatabaseWrapper, claim: Claim) -> dict[int, Actor]:
    """The actors it names and its speaker (id and name), in one query. A UNION, not ``id
    IN (…) OR id = speaker``: PostgreSQL cannot use the primary key for that OR, and
    scanned every actor (0.5 ms of a 5,000-actor table, on every related-claims request)."""
    sql = (
        f"SELECT a.id, a.name FROM {reads.ACTORS} a"
        f" JOIN {reads.CLAIM_ACTORS} l ON l.actor_id = a.id WHERE l.claim_id = %s"
    )
    params = [claim.pk]
    if claim.speaker_id:
        sql += f" UNION SELECT a.id, a.name FROM {reads.ACTORS} a WHERE a.id = %s"
        params.append(claim.speaker_id)
    rows = reads.fetch(db, sql, params)
    return {pk: reads.instance(Actor, db.alias, id=pk, name=name) for pk, name in rows}


def _events(db: BaseDatabaseWrapper, claim: Claim) -> dict[int, Event]:
    """The events it is about (id, title and date)."""
    sql = (
        f"SELECT e.id, e.title, e.date FROM {reads.EVENTS} e"
        f" JOIN {reads.CLAIM_EVENTS} l ON l.event_id = e.id WHERE l.claim_id = %s"
    )
    return {
        pk: reads.instance(Event, db.alias, id=pk, title=title, date=date)
        for pk, title, date in reads.fetch(db, sql, [claim.pk])
    }


def build(claim: Claim) -> Profile:
    """Three small queries (its actors with its speaker, its events, the word frequencies),
    and a fourth for its article's date unless the article is loaded with the claim."""
    db = reads.read_connection()
    actors = _named_and_speaker(db, claim)
    events = _events(db, claim)
    words = frozenset(frequencies.claim_words(claim.text))
    names = {w for a in actors.values() for w in similarity.tokens(a.name)}
    counts, documents = frequencies.document_frequencies(words | names, db)
    rarity = Rarity(counts, documents)
    actor_frequency = _actor_frequency(actors, counts)
    word_weights = {w: rarity.idf(w) for w in words}
    actor_weights = {pk: similarity.idf(n, documents) for pk, n in actor_frequency.items()}
    return Profile(
        word_side=similarity.WeighedSide.of(word_weights, default=rarity.unknown_idf),
        actor_side=similarity.WeighedSide.of(actor_weights, default=rarity.common_idf),
        claim=claim,
        published_on=_published_on(db, claim),
        actors=actors,
        events=events,
        dates=mentioned_iso_dates(claim.mentioned_dates),
        words=words,
        rarity=rarity,
        actor_frequency=actor_frequency,
    )
