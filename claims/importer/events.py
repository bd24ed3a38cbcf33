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
import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q

from claims.extract.lexicon import CALENDAR_WORDS, EVENT_STOPWORDS
from claims.extract.types import DateMention
from claims.models import Claim, Event

from . import bulk

# Words that name what happened, and the title they give a suggested event.
_EVENT_WORDS = {
    "talks": "Talks",
    "talked": "Talks",
    "negotiations": "Negotiations",
    "negotiated": "Negotiations",
    "summit": "Summit",
    "meeting": "Meeting",
    "met": "Meeting",
    "meets": "Meeting",
    "call": "Call",
    "called": "Call",
    "visit": "Visit",
    "visited": "Visit",
    "conference": "Conference",
    "discussion": "Discussion",
    "discussions": "Discussion",
    "briefing": "Briefing",
    "ceasefire": "Ceasefire",
    "sanctions": "Sanctions",
    "swap": "Prisoner swap",
    "agreement": "Agreement",
    "deal": "Deal",
    "election": "Election",
    "elections": "Election",
    "attack": "Attack",
    "strike": "Strike",
    "strikes": "Strikes",
}
# "in Riyadh", "at the opulent Diriyah Palace", "over to Riyadh"
_PLACE = re.compile(
    r"\b(?:in|at|to)\s+(?:the\s+)?(?:[a-z]+\s+)?((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){0,2})"
)
_EXPLICIT_YEAR = re.compile(r"\b\d{4}\b")
_TITLE_WORDS = 8


def _stem(token: str) -> str:
    # "talks" ~ "talk", "sanctions" ~ "sanction"; crude, but titles are short.
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


_POSSESSIVE = re.compile(r"['’]s\b")
_INNER_MARK = re.compile(r"(?<=\w)[.'’](?=\w)")  # U.S. -> US, O'Brien -> OBrien
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Casefolded, stemmed words. Cheaper than ``normalize_name`` (no accent folding): it
    runs on every claim, and events and claims only need to be tokenised the same way."""
    text = _INNER_MARK.sub("", _POSSESSIVE.sub("", text.casefold()))
    return [_stem(t) for t in _WORD.findall(text)]


def significant(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in words if w not in EVENT_STOPWORDS and (len(w) >= 3 or w.isdigit()))


@dataclass(frozen=True, slots=True)
class ClaimForEvents:
    """What event linking needs to know about one newly saved claim."""

    claim_id: int
    text: str
    dates: Sequence[DateMention]
    actor_ids: frozenset[int]  # everyone named: mentions and speaker
    people_ids: frozenset[int]  # named participants: person mentions and the speaker


@dataclass
class EventStats:
    linked: int = 0  # claim-event links written
    suggested_created: int = 0
    suggested_joined: int = 0


@dataclass(eq=False)
class _Candidate:
    pk: int | None
    title: str
    date: dt.date | None
    precision: str
    end_date: dt.date | None
    status: str
    words: frozenset[str]
    phrases: list[tuple[str, ...]]
    participants: set[int] = field(default_factory=set)
    new_participants: set[int] = field(default_factory=set)

    def date_matches(self, mentions: Sequence[DateMention]) -> bool:
        if self.date is None:
            return False
        for m in mentions:
            if self.end_date is not None:
                if self._in_range(m):
                    return True
            elif self.precision == Event.Precision.DAY:
                if m.precision == "day" and m.date == self.date:
                    return True
            elif self.precision == Event.Precision.MONTH:
                if m.precision in ("day", "month") and (m.date.year, m.date.month) == (
                    self.date.year,
                    self.date.month,
                ):
                    return True
            elif m.date.year == self.date.year:
                return True
        return False

    def _in_range(self, m: DateMention) -> bool:
        assert self.date is not None and self.end_date is not None
        if m.precision == "day":
            return self.date <= m.date <= self.end_date
        if m.precision == "month":
            key = (m.date.year, m.date.month)
            return (
                (self.date.year, self.date.month)
                <= key
                <= (
                    self.end_date.year,
                    self.end_date.month,
                )
            )
        return self.date.year <= m.date.year <= self.end_date.year

    def title_matches(self, claim_words: frozenset[str]) -> bool:
        if not self.words:
            return False
        hits = len(self.words & claim_words)
        return hits >= 1 and 2 * hits >= len(self.words)

    def phrase_matches(self, claim_tokens: Sequence[str]) -> bool:
        return any(_contains(claim_tokens, phrase) for phrase in self.phrases)


def _contains(haystack: Sequence[str], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    if not n:
        return False
    first = needle[0]
    for i, tok in enumerate(haystack):
        if tok == first and tuple(haystack[i : i + n]) == needle:
            return True
    return False


@functools.lru_cache(maxsize=16_384)
def _title_terms(
    title: str, aliases: tuple[str, ...], confirmed: bool
) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """(significant title words, phrases) of an event: the same suggestions come back for
    every article naming their day, and tokenising them each time adds up."""
    phrases = [tuple(tokens(a)) for a in aliases if tokens(a)]
    title_tokens = tokens(title)
    words = significant(title_tokens)
    if confirmed and len(words) >= 2:
        phrases.append(tuple(title_tokens))  # an editor's title is as good as an alias
    return words, tuple(phrases)


def _candidate(row: dict) -> _Candidate:
    aliases = row["aliases"] if isinstance(row["aliases"], list) else []
    words, phrases = _title_terms(
        row["title"],
        tuple(a for a in aliases if isinstance(a, str)),
        row["status"] == Event.Status.CONFIRMED,
    )
    return _Candidate(
        pk=row["pk"],
        title=row["title"],
        date=row["date"],
        precision=row["date_precision"],
        end_date=row["end_date"],
        status=row["status"],
        words=words,
        phrases=list(phrases),
    )


def explicit_days(mentions: Sequence[DateMention]) -> list[dt.date]:
    """Day-precision dates written out in full, year included ("February 18, 2025"), not
    resolved from "Tuesday" or "last week"."""
    return [m.date for m in mentions if m.precision == "day" and _EXPLICIT_YEAR.search(m.text)]


def suggested_title(text: str) -> str:
    """A short title for a suggested event: "Meeting in Riyadh" when the claim says what
    happened and where, else its first words."""
    words = re.findall(r"[\w’'-]+", text)
    kind = next((_EVENT_WORDS[w.lower()] for w in words if w.lower() in _EVENT_WORDS), None)
    if kind:
        for match in _PLACE.finditer(text):
            place = match.group(1)
            if place.split()[0].lower() not in CALENDAR_WORDS:
                return f"{kind} in {place}"[:300]
    parts = text.split()
    head = parts[:_TITLE_WORDS]
    while len(head) > 1 and head[-1].lower() in EVENT_STOPWORDS:
        head.pop()  # "… the release of" reads worse than "… the release…"
    title = " ".join(head).strip(" \"“”‘’'.,;:—–-")
    if len(head) < len(parts):
        title += "…"
    return title[:300] or "Suggested event"


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
        self.by_pk: dict[int, _Candidate] = {}
        self.by_day: dict[dt.date, list[_Candidate]] = defaultdict(list)
        self.by_month: dict[tuple[int, int], list[_Candidate]] = defaultdict(list)
        self.by_year: dict[int, list[_Candidate]] = defaultdict(list)
        self.ranged: list[_Candidate] = []
        self.by_first_word: dict[str, list[_Candidate]] = defaultdict(list)

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
            index.add(_candidate(row))
        return index

    def add(self, cand: _Candidate) -> None:
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

    def dated(self, mentions: Sequence[DateMention]) -> list[_Candidate]:
        """Events whose date could match one of the mentions (checked precisely later)."""
        found: list[_Candidate] = []
        for m in mentions:
            if m.precision == "day":
                found += self.by_day.get(m.date, ())
            if m.precision in ("day", "month"):
                found += self.by_month.get((m.date.year, m.date.month), ())
            found += self.by_year.get(m.date.year, ())
        found += self.ranged
        return found

    def by_phrase(self, claim_tokens: Sequence[str]) -> list[_Candidate]:
        found: list[_Candidate] = []
        for tok in set(claim_tokens):
            for cand in self.by_first_word.get(tok, ()):
                if cand.phrase_matches(claim_tokens):
                    found.append(cand)
        return found


def _suggested_on_days(days: Sequence[dt.date]) -> list[dict[str, Any]]:
    """Suggested day events on ``days``, one row per participant (a claim may join one).

    Plain SQL: it runs for every article, and the ORM's query building and row handling
    cost more than the query itself.
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
    out = []
    for pk, title, aliases, date, precision, end_date, status, participant in rows:
        if isinstance(aliases, str):  # Django's connections hand JSON columns back as text
            aliases = json.loads(aliases)
        if isinstance(date, str):  # SQLite
            date = dt.date.fromisoformat(date)
        out.append(
            {
                "pk": pk,
                "title": title,
                "aliases": aliases,
                "date": date,
                "date_precision": precision,
                "end_date": end_date,
                "status": status,
                "participant": participant,
            }
        )
    return out


class _ArticleEvents:
    """The batch's curated index plus this article's suggested day events (one query)."""

    def __init__(self, claims: Sequence[ClaimForEvents], curated: EventIndex) -> None:
        self.curated = curated
        self.by_day: dict[dt.date, list[_Candidate]] = defaultdict(list)
        days = {m.date for c in claims for m in c.dates if m.precision == "day"}
        if days:
            seen: dict[int, _Candidate] = {}
            for row in _suggested_on_days(sorted(days)):
                if row["pk"] in curated.by_pk:  # e.g. a suggestion an editor aliased
                    continue
                cand = seen.get(row["pk"])
                if cand is None:
                    cand = seen[row["pk"]] = _candidate(row)
                    self.by_day[row["date"]].append(cand)
                if row["participant"] is not None:
                    cand.participants.add(row["participant"])

    def dated(self, mentions: Sequence[DateMention]) -> list[_Candidate]:
        found = self.curated.dated(mentions)
        for m in mentions:
            if m.precision == "day":
                found += self.by_day.get(m.date, ())
        return found

    def suggested_on(self, day: dt.date) -> list[_Candidate]:
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


def link_claims_to_events(
    claims: Sequence[ClaimForEvents], *, curated: EventIndex | None = None
) -> EventStats:
    """Link newly saved claims to events and create or join suggested events. Call inside
    the article's transaction; a constant number of queries whatever the number of claims.
    ``curated`` is the batch's ``EventIndex.curated()`` (loaded here when not given)."""
    stats = EventStats()
    if not claims:
        return stats
    events = _ArticleEvents(claims, curated if curated is not None else EventIndex.curated())
    participants_loaded = False
    links: list[tuple[int, _Candidate]] = []
    new_events: list[_Candidate] = []
    joined: list[_Candidate] = []

    for claim in claims:
        claim_tokens: list[str] | None = None
        matched: list[_Candidate] = []
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
        if not matched and claim.people_ids:
            days = explicit_days(claim.dates)
            if days:
                if not participants_loaded:
                    events.load_participants()
                    participants_loaded = True
                day = days[0]
                join = next(
                    (c for c in events.suggested_on(day) if c.participants & claim.people_ids),
                    None,
                )
                if join is None:
                    title = suggested_title(claim.text)
                    join = _Candidate(
                        pk=None,
                        title=title,
                        date=day,
                        precision=Event.Precision.DAY,
                        end_date=None,
                        status=Event.Status.SUGGESTED,
                        words=significant(tokens(title)),
                        phrases=[],
                    )
                    new_events.append(join)
                    events.by_day[day].append(join)
                    stats.suggested_created += 1
                else:
                    stats.suggested_joined += 1
                added = claim.actor_ids - join.participants
                if added:
                    join.participants |= added
                    join.new_participants |= added
                    if join not in joined:
                        joined.append(join)
                matched.append(join)
        for cand in matched:
            links.append((claim.claim_id, cand))

    _write(new_events, joined, links)
    stats.linked = len(links)
    return stats


def _write(
    new_events: list[_Candidate],
    joined: Sequence[_Candidate],
    links: Sequence[tuple[int, _Candidate]],
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
