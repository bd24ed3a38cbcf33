"""Weighted and Zipf choices, dates and timestamps: the small helpers every generator step
samples with."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from claims.devtools.datagen.vocabulary import MONTHS

FIRST_DAY = date(2023, 1, 1)
LAST_DAY = date(2026, 10, 31)
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def weighted(pairs: Sequence[tuple[Any, float]]) -> tuple[list[Any], list[float]]:
    values = [v for v, _ in pairs]
    cum = list(itertools.accumulate(w for _, w in pairs))
    return values, cum


def zipf_cum(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


@functools.cache
def date_phrases(ordinal: int) -> tuple[tuple[str, str], ...]:
    """(phrase appended to a sentence, mentioned_dates JSON) at day, month and year
    precision; cached, as a data set names only a few thousand distinct days."""
    day = date.fromordinal(ordinal)
    month = MONTHS[day.month - 1]
    out = []
    for phrase, said, iso, precision in (
        (" on ", f"{month} {day.day}, {day.year}", day.isoformat(), "day"),
        (" in ", f"{month} {day.year}", f"{day.year:04d}-{day.month:02d}-01", "month"),
        (" by ", str(day.year + 1), f"{day.year + 1:04d}-01-01", "year"),
    ):
        data = f'[{{"text": "{said}", "date": "{iso}", "precision": "{precision}"}}]'
        out.append((phrase + said, data))
    return tuple(out)


def ts(day: date, seconds: int) -> str:
    """A UTC timestamp as ISO text: both COPY and Django's DateTimeField parse it."""
    return (midnight(day) + timedelta(seconds=seconds)).isoformat()


@functools.cache
def midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
