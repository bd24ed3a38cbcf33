"""Matching claims to events: tokens, titles, dates and suggested titles (no queries).

``events`` loads the candidates and writes the links; this module decides which match.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from claims.extract.lexicon import CALENDAR_WORDS, EVENT_STOPWORDS
from claims.extract.types import DateMention
from claims.models import Event

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


@dataclass(frozen=True)
class EventStats:
    linked: int = 0  # claim-event links written
    suggested_created: int = 0
    suggested_joined: int = 0


@dataclass(eq=False)
class Candidate:
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


def candidate(row: dict) -> Candidate:
    aliases = row["aliases"] if isinstance(row["aliases"], list) else []
    words, phrases = _title_terms(
        row["title"],
        tuple(a for a in aliases if isinstance(a, str)),
        row["status"] == Event.Status.CONFIRMED,
    )
    return Candidate(
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
