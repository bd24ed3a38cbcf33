"""Explicit dates named in text, normalised to a date and a precision.

Recognised, each with an optional leading weekday ("Tuesday, February 18, 2025"):

* month day year — "February 18, 2025", "Feb. 18 2025", "February 18th, 2025"  → day
* day month year — "18 February 2025", "18th of February, 2025"               → day
* ISO — "2025-02-18"                                                          → day
* month day / day month without a year — "Feb. 18", "18 February"            → day
* month year — "January 2025", "Jan. 2025"                                    → month
* a bare year — "in 2022", "his 2024 campaign"                                → year

A day and month without a year take ``year_context.year_for(...)``: the article's published
year when it is known (the year before, if that would put the date more than six months
after publication: news reports the past far more than the far future), else the most
recent year named earlier in the article; with neither the mention is left out, because a
date without a year cannot be stored. Only years 1900–2100 count. Relative expressions
("last week", "this month") and decades ("the 2000s") are not explicit dates and are left
out. Every pattern is a flat regex (no nested quantifiers), so matching is linear.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, WEEKDAY_NAMES, word_set
from .types import DateMention, Precision

MIN_YEAR, MAX_YEAR = 1900, 2100

_MONTH = (
    "(?P<month>"
    + "|".join([*MONTH_NAMES, *[rf"{a.capitalize()}\.?" for a in MONTH_ABBREVIATIONS]])
    + ")"
)
_WEEKDAY = rf"(?:(?:{'|'.join(WEEKDAY_NAMES)}),?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>19\d\d|20\d\d|2100)"
_NOT_MORE_DIGITS = r"(?![\d%]|[.,]\d|s\b|\w|-[A-Z])"  # not 2000s, 2020-X, 2,0251

_PATTERNS: list[tuple[re.Pattern[str], Precision, bool]] = [
    # (pattern, precision, has_year)
    (
        re.compile(
            rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_NOT_MORE_DIGITS}",
        ),
        "day",
        True,
    ),
    (
        re.compile(rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}{_NOT_MORE_DIGITS}"),
        "day",
        True,
    ),
    (
        re.compile(
            r"(?<![\w.-])(?P<year>19\d\d|20\d\d|2100)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?![\w-])"
        ),
        "day",
        True,
    ),
    (re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}(?![\w-])"), "day", False),
    (re.compile(rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH}(?!\w)"), "day", False),
    (re.compile(rf"\b{_MONTH},?\s+{_YEAR}{_NOT_MORE_DIGITS}"), "month", True),
    (re.compile(rf"(?<![\w$€£¥.,/])(?<!\d-){_YEAR}{_NOT_MORE_DIGITS}"), "year", True),
]

# A four-digit number followed by one of these counts things ("1950 troops"); not a year.
_COUNT_NOUNS = word_set(
    """people troops soldiers persons men women children residents civilians votes times units
    tons tonnes barrels miles km kilometres kilometers meters metres feet dollars euros rubles
    roubles pounds shares jobs cases deaths casualties homes buildings vehicles tanks drones
    missiles rockets aircraft planes ships prisoners refugees employees workers members users
    words pages days hours minutes years weeks months points acres hectares sq square"""
)
_NEXT_WORD_RE = re.compile(r"\s*([A-Za-z]+)")
_DIGIT_RE = re.compile(r"\d")
_MONTH_PREFIX_RE = re.compile("|".join([name[:3] for name in MONTH_NAMES]))
_ISO = 2
_MONTHLESS = frozenset({_ISO, 6})  # the ISO and bare-year patterns
# Every pattern with a year has one of these in it (_YEAR): without one, they are not run.
_YEAR_LIKE_RE = re.compile(r"19\d\d|20\d\d|2100")
# Where a date can start: a word (no word character before it) beginning with a digit or
# with the capital of a weekday or month name. Every pattern starts so: with \b before a
# word character, or (ISO, bare year) a digit after a look-behind that excludes one. The
# class comes first, so the regex engine scans for it in C; the look-behind after it.
_DATE_START_RE = re.compile(r"[\dADFJMNOSTW](?<!\w.)")


# The first three letters of every weekday and month name and abbreviation.
_NAME_PREFIXES = frozenset(name[:3] for name in (*WEEKDAY_NAMES, *MONTH_NAMES))
_YEAR_PREFIXES = ("19", "20", "2100")  # see _YEAR
# Which starts each pattern can match at (0: years, 1: names, 2: digits or names): a pattern
# opens with a month name (with its weekday), a day number (with its weekday), or a year.
_STARTS_OF = (1, 2, 0, 1, 2, 1, 0)


def _starts(text: str) -> tuple[list[int], list[int], list[int]]:
    """Where a date can start (see ``_DATE_START_RE``): at a year, at a weekday or month
    name, at any number or name. Trying each pattern only where it can match saves most of
    the calls."""
    years: list[int] = []
    names: list[int] = []
    both: list[int] = []
    for match in _DATE_START_RE.finditer(text):
        start = match.start()
        if text[start].isdigit():
            if text.startswith(_YEAR_PREFIXES, start):
                years.append(start)
        elif text[start : start + 3] in _NAME_PREFIXES:
            names.append(start)
        else:
            continue
        both.append(start)
    return years, names, both


def _has_digit(text: str) -> bool:
    """Whether ``text`` has a digit: ten substring tests in C when it is ASCII (most text),
    which cost less than a regex search, and the regex (any script's digits) otherwise."""
    if text.isascii():
        return any(map(text.__contains__, "0123456789"))
    return _DIGIT_RE.search(text) is not None


# Where a year can start (the starts of _DATE_START_RE that begin with one): without a month
# name only the year patterns are tried, and this finds their starts with fewer matches.
_YEAR_START_RE = re.compile(r"(?:19|20|21)(?<!\w..)")


def _year_starts(text: str) -> list[int]:
    return [
        match.start()
        for match in _YEAR_START_RE.finditer(text)
        if text.startswith(_YEAR_PREFIXES, match.start())
    ]


@dataclass(slots=True)
class YearContext:
    """What a date without a year is resolved against, kept as the article is read."""

    published: dt.date | None = None
    last_year: int | None = None  # the most recent explicit year seen so far

    def year_for(self, month: int, day: int) -> int | None:
        if self.published is not None:
            year = self.published.year
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                return year
            if (candidate - self.published).days > 183:
                return year - 1
            return year
        return self.last_year


def _month_number(groups: dict[str, str | None]) -> int:
    number = groups.get("mnum")  # (ISO dates)
    if number:
        return int(number)
    return MONTHS[groups["month"].rstrip(".").casefold()]  # type: ignore[union-attr]


@cache
def _plan(
    has_month: bool, year_like: bool, has_hyphen: bool
) -> tuple[tuple[int, re.Pattern[str], Precision, bool], ...]:
    """The patterns worth trying on a text, in order: a month name, a year or a hyphen (ISO)
    when the pattern needs one. (Eight combinations, each worked out once.)"""
    return tuple(
        (order, pattern, precision, has_year)
        for order, (pattern, precision, has_year) in enumerate(_PATTERNS)
        if (has_month or order in _MONTHLESS)
        and (year_like or not has_year)
        and (order != _ISO or has_hyphen)
    )


def find_dates(text: str, context: YearContext | None = None) -> list[DateMention]:
    """Every explicit date in ``text``, in order, never overlapping (the longest reading of
    a stretch of text wins: "February 18, 2025" is one day, not a day and a year).

    ``context.last_year`` is updated with the explicit years found, so calling this on the
    sentences of an article in order gives each year-less date the most recent year.
    """
    if context is None:
        context = YearContext()
    if not _has_digit(text):
        return []  # every explicit date has a day or a year in digits
    candidates: list[tuple[int, int, int, re.Match[str], Precision, bool]] = []
    # A pattern is only worth trying if what it needs is there: a month name, a year (both
    # searches the regex engine does quickly: they start with a literal), a hyphen.
    has_month = _MONTH_PREFIX_RE.search(text) is not None
    year_like = "19" in text or "20" in text or "2100" in text  # (cheaper than the regex)
    year_like = year_like and _YEAR_LIKE_RE.search(text) is not None
    if not has_month and not year_like:
        return []  # every pattern needs one or the other (see below)
    # Each pattern is then tried only where a date can start, which finds what
    # pattern.finditer would (a match is the first one at or after the previous match's
    # end) without the engine trying every position of the text.
    starts = _starts(text) if has_month else (_year_starts(text), [], [])
    for order, pattern, precision, has_year in _plan(has_month, year_like, "-" in text):
        after = 0
        for start in starts[_STARTS_OF[order]]:
            if start < after:
                continue
            match = pattern.match(text, start)
            if match is not None:
                candidates.append((start, -match.end(), order, match, precision, has_year))
                after = match.end()
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))

    found: list[DateMention] = []
    taken_until = 0
    for start, neg_end, _order, match, precision, has_year in candidates:
        end = -neg_end
        if start < taken_until:
            continue
        mention = _to_mention(text, match, precision, has_year, context)
        if mention is None:
            continue
        found.append(mention)
        taken_until = end
        if has_year:
            context.last_year = mention.date.year
    return found


def _to_mention(
    text: str,
    match: re.Match[str],
    precision: Precision,
    has_year: bool,
    context: YearContext,
) -> DateMention | None:
    groups = match.groupdict()
    try:
        if precision == "year":
            next_word = _NEXT_WORD_RE.match(text, match.end())
            if next_word and next_word.group(1).casefold() in _COUNT_NOUNS:
                return None
            value = dt.date(int(match.group("year")), 1, 1)
        else:
            month = _month_number(groups)
            day = int(groups["day"]) if precision == "day" else 1
            if has_year:
                year = int(match.group("year"))
            else:
                maybe_year = context.year_for(month, day)
                if maybe_year is None:
                    return None
                year = maybe_year
            if not MIN_YEAR <= year <= MAX_YEAR:
                return None
            value = dt.date(year, month, day)
    except ValueError:  # February 30th and the like
        return None
    return DateMention(
        text=match.group(), start=match.start(), end=match.end(), date=value, precision=precision
    )


# What a metadata field may carry around one written or ISO day: a time after an ISO date,
# any word before a written one ("Tuesday, ", "Updated, "), a period after a month name.
_ISO_TIME_RE = re.compile(r"(?<=^\d{4}-\d{2}-\d{2})[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?$")
_LEADING_WORD_RE = re.compile(r"^\w+,\s+(?=[A-Za-z]|\d{1,2}\D)")
_WORD_PERIOD_RE = re.compile(r"(?<=[A-Za-z])\.")
_LETTERS_RE = re.compile(r"[A-Za-z]+")


def _capitalize_month(match: re.Match[str]) -> str:
    word = match.group()
    return word.capitalize() if word.lower() in MONTHS else word


def parse_day(value: str) -> dt.date | None:
    """The day a metadata field names, when the whole of ``value`` is one: ISO
    ("2025-04-15", with or without a time) or written, in any letter case ("April 15, 2025",
    "15 April 2025", "Tue, APR. 15th, 2025"). None for anything else. The dates themselves
    are read by ``find_dates``, so a field accepts the forms article text does."""
    text = _ISO_TIME_RE.sub("", " ".join(value.split()))
    text = _WORD_PERIOD_RE.sub("", _LEADING_WORD_RE.sub("", text))
    text = _LETTERS_RE.sub(_capitalize_month, text)
    mentions = find_dates(text)
    if len(mentions) != 1 or mentions[0].precision != "day":
        return None
    # Without a year context, a day-precision mention always has its own year.
    whole = (mentions[0].start, mentions[0].end) == (0, len(text))
    return mentions[0].date if whole else None


# What may stand before a dateline's date: "Published on", "Updated -", "Issued on:", a
# clock time ("Published: 10:30am, 5 Mar 2025"), a weekday's short name ("Mon 6 May 2025"),
# or a newsletter's issue line ("Week of June 24, 2025").
_DATELINE_PREFIX_RE = re.compile(
    r"^(?:(?:(?:first\s+|last\s+|originally\s+)?"
    r"(?:published|posted|updated|modified|dated|issued)(?:\s+(?:on|at))?\s*[:\-–—]?\s*)?"
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\s*,?)?"
    r"|week\s+(?:of|beginning|starting|ending)\s*:?"
    r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?)?$",
    re.IGNORECASE,
)


def parse_dateline(line: str) -> tuple[dt.date, bool] | None:
    """If ``line`` is a dateline ("Published on April 15, 2025", "April 15, 2025 10:00 ET",
    "Updated: 2025-04-16"), its date and whether it is a publication (not an update) date."""
    if len(line) > 120 or not _DIGIT_RE.search(line) or len(line.split()) > 14:
        return None
    if " | " in line:
        # "Published 14 March 2025 | Updated 15 March 2025 08:12 CET": each part a date line;
        # the publication date, else the first.
        parts = [_parse_dateline(part.strip()) for part in line.split(" | ")]
        dated = [part for part in parts if part is not None]
        if dated and len(dated) == len(parts):
            return next((part for part in dated if part[1]), dated[0])
    return _parse_dateline(line)


@lru_cache(maxsize=1024)
def _parse_dateline(line: str) -> tuple[dt.date, bool] | None:
    """``parse_dateline`` past its cheap tests. Cached: the text module asks it of a line
    twice (is it a dateline? then: which date?)."""
    mentions = [m for m in find_dates(line) if m.precision == "day"]
    if not mentions:
        return None
    first = mentions[0]
    prefix = line[: first.start]
    if not _DATELINE_PREFIX_RE.match(prefix.strip()):
        return None
    rest = line[first.end :]
    # Whatever follows may be a time or a reading time, not a sentence.
    if len(rest.split()) > 6 or (rest.rstrip().endswith((".", "!", "?")) and len(rest) > 12):
        return None
    is_update = bool(re.search(r"updated|modified", prefix, re.IGNORECASE))
    return first.date, not is_update
