"""The sentences synthetic claims are made of: 1-3 named actors doing something about a
topic, sometimes with a number, a date, a place, or as a quote with a speaker."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from claims.devtools.datagen.sampling import date_phrases, weighted
from claims.devtools.datagen.vocabulary import (
    ADJECTIVES,
    CITIES,
    QUOTE_OPENERS,
    RARE_CITIES,
    RISE,
    TAILS,
    TOPICS,
    UNITS,
    VERBS,
)

if TYPE_CHECKING:
    from claims.devtools.datagen.generator import Generator


class Sentences:
    """Sentences drawn from the generator's random stream and its actors."""

    def __init__(self, generator: Generator) -> None:
        self.g = generator
        self.random = generator.rng.random
        self.topics, self.topic_cum = weighted(TOPICS)

    def topic(self) -> str:
        random_ = self.random
        t = self.topics[bisect.bisect_left(self.topic_cum, random_() * self.topic_cum[-1])]
        adj = ADJECTIVES[int(random_() * len(ADJECTIVES))]
        return f"{adj} {t}{TAILS[int(random_() * len(TAILS))]}"

    def sentence(self, pub_ordinal: int) -> tuple[str, str, int | None, list[int], str, int]:
        """(text, kind, speaker id, mentioned actor ids, mentioned_dates JSON, reasons mask).

        Reasons mask bits: 1 number, 2 date, 4 quote, 8 named actor."""
        random_ = self.random
        named, subject, extra = self._subject()
        verb = VERBS[int(random_() * len(VERBS))]
        clause = f"{subject}{extra} {verb} {self.topic()}"
        mask = 8
        if random_() < 0.45:
            mask |= 1
            clause = self._with_number(clause, subject, extra)
        dates_json = "[]"
        if random_() < 0.45:
            mask |= 2
            phrases = date_phrases(pub_ordinal - int(random_() * 120) + 20)
            p = random_()
            said, dates_json = phrases[0 if p < 0.6 else 1 if p < 0.9 else 2]
            clause += said
        r = random_()
        if r < 0.03:
            clause += f" near {RARE_CITIES[int(random_() * len(RARE_CITIES))]}"
        elif r < 0.2:
            clause += f" in {CITIES[int(random_() * len(CITIES))]}"
        kind, speaker_id = "statement", None
        r = random_()
        if r < 0.2:
            mask |= 4
            kind = "quote"
            speaker_id, speaker = self.g.speaker()
            opener = QUOTE_OPENERS[int(random_() * len(QUOTE_OPENERS))]
            text = f"“{opener} {self.topic()}, and {clause},” {speaker} said."
        elif r < 0.3:
            speaker_id, speaker = self.g.speaker()
            text = f"{speaker} said {clause}."
        else:
            text = f"{clause[0].upper()}{clause[1:]}."
        return text, kind, speaker_id, named, dates_json, mask

    def _subject(self) -> tuple[list[int], str, str]:
        """1-3 mentioned actors: (their ids, the sentence's subject, an aside naming a third)."""
        random_ = self.random
        n_actors = 1 if random_() < 0.5 else 2 if random_() < 0.7 else 3
        named: dict[int, str] = {}
        while len(named) < n_actors:
            pk, name = self.g.mentioned()
            named[pk] = name
            if len(named) < n_actors and len(self.g.mentionable) <= len(named):
                break
        names = list(named.values())
        subject = names[0] if len(names) == 1 else f"{names[0]} and {names[1]}"
        extra = f", with {names[2]}," if len(names) > 2 else ""
        return list(named), subject, extra

    def _with_number(self, clause: str, subject: str, extra: str) -> str:
        random_ = self.random
        n = int(random_() * 95) + 2
        if random_() < 0.5:
            return clause + f" worth {n} {UNITS[int(random_() * len(UNITS))]}"
        what = self.topic()
        return (
            f"{what[0].upper()}{what[1:]} {RISE[int(random_() * len(RISE))]} by"
            f" {n} percent, according to {subject}{extra.rstrip(',')}"
        )
