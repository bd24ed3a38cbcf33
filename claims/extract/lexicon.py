"""Small word lists shared by the pipeline's modules, and a helper to write them compactly.

They are general English news vocabulary, not anything taken from particular articles.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A frozenset from whitespace-separated words (lists read better as prose here)."""
    return frozenset(words.split())


MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")

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
