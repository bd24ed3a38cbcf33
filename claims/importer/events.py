"""Linking imported claims to events, and suggesting new events (database side).

A claim is linked to an existing event (confirmed or suggested, never dismissed) when

* the event's title words or one of its aliases match the claim text AND the event's date
  matches one of the dates the claim mentions, compared at the event's precision; or
* the event has no date, or the claim mentions no date, and one of the event's aliases (or
  the full title of a confirmed event) appears in the claim as a phrase (a "strong" match).

A claim that names a full, explicit day ("February 18, 2025") and at least one participant
(a person it mentions, or its speaker) but matched no event joins a suggested event of that
day sharing a person, or creates one, for editors to confirm or dismiss.

Everything is batched per article: one query loads the candidate events, and the new
events, participants and claim links are written with one bulk insert each.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q

from claims.extract.types import DateMention
from claims.models import Claim, Event

from . import bulk
from .event_matching import (
    Candidate,
    ClaimForEvents,
    EventStats,
    candidate,
    explicit_days,
    significant,
    suggested_title,
    tokens,
)

__all__ = ["ClaimForEvents", "EventIndex", "EventStats", "link_claims_to_events"]

_FIELDS = ("pk", "title", "aliases", "date", "date_precision", "end_date", "status")
_COLUMNS = ("id", "title", "aliases", "date", "date_precision", "end_date", "status")


class EventIndex:
    """Candidate events by date and by first phrase word, so each claim is compared with the
    few events it could match rather than with all of them.

    Curated events — confirmed ones, ones with aliases, month/year precision or a date
    range, i.e. what editors make — are loaded once per batch. Day events (where the
    importer's suggestions pile up) are loaded per article, for the days its claims name.
    """

    def __init__(self) -> None:
        self.by_pk: dict[int, Candidate] = {}
        self.by_day: dict[dt.date, list[Candidate]] = defaultdict(list)
        self.by_month: dict[tuple[int, int], list[Candidate]] = defaultdict(list)
        self.by_year: dict[int, list[Candidate]] = defaultdict(list)
        self.ranged: list[Candidate] = []
        self.by_first_word: dict[str, list[Candidate]] = defaultdict(list)

    @classmethod
    def curated(cls) -> EventIndex:
        index = cls()
        day = Q(date_precision=Event.Precision.DAY, end_date__isnull=True)
        rows = (
            Event.objects.exclude(status=Event.Status.DISMISSED)
            .filter(Q(status=Event.Status.CONFIRMED) | ~Q(aliases=[]) | ~day)
            .order_by("pk")
            .values(*_FIELDS)
        )
        for row in rows:
            index.add(candidate(row))
        return index

    def add(self, cand: Candidate) -> None:
        if cand.pk is not None:
            self.by_pk[cand.pk] = cand
        if cand.date is not None:
            if cand.end_date is not None:
                self.ranged.append(cand)
            elif cand.precision == Event.Precision.DAY:
                self.by_day[cand.date].append(cand)
            elif cand.precision == Event.Precision.MONTH:
                self.by_month[(cand.date.year, cand.date.month)].append(cand)
            else:
                self.by_year[cand.date.year].append(cand)
        for phrase in {p[0] for p in cand.phrases}:
            self.by_first_word[phrase].append(cand)

    def dated(self, mentions: Sequence[DateMention]) -> list[Candidate]:
        """Events whose date could match one of the mentions (checked precisely later)."""
        found: list[Candidate] = []
        for m in mentions:
            if m.precision == "day":
                found += self.by_day.get(m.date, ())
            if m.precision in ("day", "month"):
                found += self.by_month.get((m.date.year, m.date.month), ())
            found += self.by_year.get(m.date.year, ())
        found += self.ranged
        return found

    def by_phrase(self, claim_tokens: Sequence[str]) -> list[Candidate]:
        found: list[Candidate] = []
        for tok in set(claim_tokens):
            for cand in self.by_first_word.get(tok, ()):
                if cand.phrase_matches(claim_tokens):
                    found.append(cand)
        return found


def _suggested_on_days(days: Sequence[dt.date], skip: Container[int]) -> list[Candidate]:
    """Suggested day events on ``days``, with their participants (a claim may join one),
    but for those in ``skip``.

    Plain SQL: it runs for every article, and the ORM's query building and row handling
    cost more than the query itself. One row per event and participant: each event is
    made once, its later rows only add a participant.
    """
    qn = connection.ops.quote_name
    event, through = Event._meta.db_table, Event.participants.through._meta.db_table
    columns = ", ".join(f"e.{qn(c)}" for c in _COLUMNS)
    sql = (
        f"SELECT {columns}, p.{qn('actor_id')} FROM {qn(event)} e "
        f"LEFT JOIN {qn(through)} p ON p.{qn('event_id')} = e.{qn('id')} "
        f"WHERE e.{qn('status')} = %s AND e.{qn('date_precision')} = %s "
        f"AND e.{qn('end_date')} IS NULL AND e.{qn('date')} IN ({', '.join(['%s'] * len(days))}) "
        f"ORDER BY e.{qn('id')}"
    )
    params = [Event.Status.SUGGESTED.value, Event.Precision.DAY.value]
    params += [connection.ops.adapt_datefield_value(day) for day in days]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    events: dict[int, Candidate] = {}
    for row in rows:
        pk, participant = row[0], row[-1]
        if pk in skip:
            continue
        cand = events.get(pk)
        if cand is None:
            cand = events[pk] = candidate(_event_row(row[:-1]))
        if participant is not None:
            cand.participants.add(participant)
    return list(events.values())


def _event_row(values: Sequence[Any]) -> dict[str, Any]:
    row = dict(zip(_FIELDS, values, strict=True))
    if isinstance(row["aliases"], str):  # Django's connections hand JSON columns back as text
        row["aliases"] = json.loads(row["aliases"])
    if isinstance(row["date"], str):  # SQLite
        row["date"] = dt.date.fromisoformat(row["date"])
    return row


class _ArticleEvents:
    """The batch's curated index plus this article's suggested day events (one query)."""

    def __init__(self, claims: Sequence[ClaimForEvents], curated: EventIndex) -> None:
        self.curated = curated
        self.by_day: dict[dt.date, list[Candidate]] = defaultdict(list)
        days = {m.date for c in claims for m in c.dates if m.precision == "day"}
        if days:
            # Skipped: the curated index has them already (e.g. a suggestion an editor aliased).
            for cand in _suggested_on_days(sorted(days), skip=curated.by_pk):
                self.by_day[cand.date].append(cand)  # type: ignore[index]

    def dated(self, mentions: Sequence[DateMention]) -> list[Candidate]:
        found = self.curated.dated(mentions)
        for m in mentions:
            if m.precision == "day":
                found += self.by_day.get(m.date, ())
        return found

    def suggested_on(self, day: dt.date) -> list[Candidate]:
        return [
            c
            for c in [*self.curated.by_day.get(day, ()), *self.by_day.get(day, ())]
            if c.status == Event.Status.SUGGESTED
        ]

    def load_participants(self) -> None:
        """Participants of the batch's curated suggested day events (this article's own
        came with them): one query, only when a claim might join one."""
        by_pk = {
            c.pk: c
            for cands in self.curated.by_day.values()
            for c in cands
            if c.pk is not None and c.status == Event.Status.SUGGESTED
        }
        if not by_pk:
            return
        for cand in by_pk.values():
            # From the database each time: a batch's curated events outlive articles, and a
            # rolled-back article must not leave its participants behind in memory.
            cand.participants, cand.new_participants = set(), set()
        Through = Event.participants.through
        for event_id, actor_id in Through.objects.filter(event_id__in=list(by_pk)).values_list(
            "event_id", "actor_id"
        ):
            by_pk[event_id].participants.add(actor_id)


@dataclass
class _Plan:
    """What one article's claims will write: links, new suggested events, joined ones."""

    links: list[tuple[int, Candidate]] = field(default_factory=list)
    new_events: list[Candidate] = field(default_factory=list)
    joined: list[Candidate] = field(default_factory=list)
    suggested_joined: int = 0
    participants_loaded: bool = False


def _matching(claim: ClaimForEvents, events: _ArticleEvents) -> list[Candidate]:
    """Existing events the claim matches: by title or phrase and date, or by a strong
    phrase alone."""
    claim_tokens: list[str] | None = None
    matched: list[Candidate] = []
    if claim.dates:
        dated = events.dated(claim.dates)
        if dated:
            claim_tokens = tokens(claim.text)
            claim_words = significant(claim_tokens)
            for cand in dated:
                if (
                    (cand.title_matches(claim_words) or cand.phrase_matches(claim_tokens))
                    and cand.date_matches(claim.dates)
                    and cand not in matched
                ):
                    matched.append(cand)
    if events.curated.by_first_word:
        claim_tokens = claim_tokens if claim_tokens is not None else tokens(claim.text)
        for cand in events.curated.by_phrase(claim_tokens):
            # A strong phrase match needs no date, unless both sides have one.
            if cand in matched or (claim.dates and cand.date is not None):
                continue
            matched.append(cand)
    return matched


def _suggestion(claim: ClaimForEvents, events: _ArticleEvents, plan: _Plan) -> Candidate | None:
    """The suggested event a claim with an explicit day and a participant joins or creates;
    its new participants are added to it."""
    days = explicit_days(claim.dates)
    if not days or not claim.people_ids:
        return None
    if not plan.participants_loaded:
        events.load_participants()
        plan.participants_loaded = True
    day = days[0]
    join = next(
        (c for c in events.suggested_on(day) if c.participants & claim.people_ids),
        None,
    )
    if join is None:
        title = suggested_title(claim.text)
        join = Candidate(
            pk=None,
            title=title,
            date=day,
            precision=Event.Precision.DAY,
            end_date=None,
            status=Event.Status.SUGGESTED,
            words=significant(tokens(title)),
            phrases=[],
        )
        plan.new_events.append(join)
        events.by_day[day].append(join)
    else:
        plan.suggested_joined += 1
    added = claim.actor_ids - join.participants
    if added:
        join.participants |= added
        join.new_participants |= added
        if join not in plan.joined:
            plan.joined.append(join)
    return join


def link_claims_to_events(
    claims: Sequence[ClaimForEvents], *, curated: EventIndex | None = None
) -> EventStats:
    """Link newly saved claims to events and create or join suggested events. Call inside
    the article's transaction; a constant number of queries whatever the number of claims.
    ``curated`` is the batch's ``EventIndex.curated()`` (loaded here when not given)."""
    if not claims:
        return EventStats()
    events = _ArticleEvents(claims, curated if curated is not None else EventIndex.curated())
    plan = _Plan()
    for claim in claims:
        matched = _matching(claim, events)
        if not matched:
            suggestion = _suggestion(claim, events, plan)
            if suggestion is not None:
                matched.append(suggestion)
        plan.links += [(claim.claim_id, cand) for cand in matched]
    _write(plan.new_events, plan.joined, plan.links)
    return EventStats(
        linked=len(plan.links),
        suggested_created=len(plan.new_events),
        suggested_joined=plan.suggested_joined,
    )


def _write(
    new_events: list[Candidate],
    joined: Sequence[Candidate],
    links: Sequence[tuple[int, Candidate]],
) -> None:
    if new_events:
        ids = bulk.insert(
            Event,
            [
                {
                    "title": c.title,
                    "date": c.date,
                    "date_precision": c.precision,
                    "status": Event.Status.SUGGESTED,
                    "description": "Suggested by the importer from a claim; confirm or dismiss.",
                }
                for c in new_events
            ],
            returning_ids=True,
        )
        for cand, pk in zip(new_events, ids, strict=True):
            cand.pk = pk
    created = {id(c) for c in new_events}
    Through = Event.participants.through
    # A new event's participants cannot be there yet: plain insert.
    bulk.insert(
        Through,
        [
            {"event_id": c.pk, "actor_id": actor_id}
            for c in joined
            if id(c) in created
            for actor_id in sorted(c.new_participants)
        ],
    )
    # An existing event may have gained the same participant from another import meanwhile:
    # not an error, so these skip conflicts.
    existing = [
        Through(event_id=c.pk, actor_id=actor_id)
        for c in joined
        if id(c) not in created
        for actor_id in sorted(c.new_participants)
    ]
    if existing:
        Through.objects.bulk_create(existing, ignore_conflicts=True)
    bulk.insert(
        Claim.events.through,
        [{"claim_id": claim_id, "event_id": cand.pk} for claim_id, cand in links],
    )
