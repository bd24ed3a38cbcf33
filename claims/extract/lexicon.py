"""The project's one vocabulary: month and weekday names, name suffixes, function words and
stop-words, shared by the pipeline and by the database side (formats, events, related claims,
synthetic data), and a helper to write word lists compactly.

They are general English news vocabulary, not anything taken from particular articles.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A frozenset from whitespace-separated words (lists read better as prose here)."""
    return frozenset(words.split())


# Calendar names, capitalised as written and in calendar order.
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
# The abbreviations news copy writes (with or without a period); "May" has none, and both
# "Sep" and "Sept" occur. Longer spellings first, so an alternation built from them in this
# order tries "Sept" before "Sep".
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Lower-case month name or abbreviation -> month number.
MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **MONTH_ABBREVIATIONS,
}
WEEKDAYS = frozenset(name.lower() for name in WEEKDAY_NAMES)
# Full month and weekday names, lower-case, without abbreviations: "mar", "dec" or "sat"
# inside ordinary text are too often something else to be read as calendar words.
CALENDAR_WORDS = frozenset(name.lower() for name in MONTH_NAMES) | WEEKDAYS

# "Jr.", "III": the end of a full name, not a surname.
NAME_SUFFIXES = word_set("jr sr ii iii iv")

# Words that start sentences or clauses and are capitalised only for that reason.
FUNCTION_WORDS = word_set(
    """a an the and but or nor yet so for in on at as if when while after before since until
    although though however meanwhile still now then this that these those his her their its
    our my your we they he she it i you even only also both many some most such every all no
    not like with without by from to of over under during through why how what who whom whose
    where which there here certainly similarly initially instead adding throughout true once
    indeed perhaps maybe whether because despite amid among upon unlike via per each either
    neither another other more less few several any much can could will would should shall
    may might must do does did is are was were has have had let"""
)

# English function words and newsroom filler: in word-overlap scores (claims/matching/) they
# match everything and say nothing.
STOPWORDS = word_set(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told tell according added adding asked reported
    statement week weeks year years month months day days today yesterday tomorrow time
    new one two three first last many much may might must us mr mrs ms official officials
    people spokesman spokeswoman spokesperson"""
)
# Words too common to tell events apart (claims/importer/events.py). Deliberately narrower
# than STOPWORDS: event matching counts words like "said", "week" or "officials" as
# significant, and widening this list would change which claims match which event.
EVENT_STOPWORDS = word_set(
    """a an the and or of in on at to for with by from over about between into after before
    during against among under near as is was were be been its it this that these those
    their his her new first last"""
)
