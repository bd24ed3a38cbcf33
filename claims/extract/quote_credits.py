"""Quotations credited with a dash instead of a verb, the form fact-checks, epigraphs and
reader-response pieces use:

    “We will cut taxes for every family.” — Sen. Jane Ames (R-Ohio), in a debate Tuesday
    "Boeing and GE pay zero taxes."
    - Sanders.

The credit follows the closing mark in the same sentence, or stands alone as the next
paragraph. Either way it is short, starts with a capital, and names its source first: what
follows the name is an aside ("(R-Ohio)"), a description after a comma, or a venue or time
("in a debate"), never a verb ("— Ames is wrong about that" is a reply, not a credit).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .quotes import QuoteRegion

# The dash, after the closing mark and an optional comma: a long dash, or a hyphen (one or
# two) with spaces around it, as typewriter copy writes one.
_AFTER_QUOTE_RE = re.compile(r",?\s*(?:[—―–]\s*|--?\s+)(?=[A-Z])")
# A paragraph of its own: the dash opens it.
_LINE_RE = re.compile(r"\s*(?:[—―–]|--?)\s*(?=[A-Z])")
MAX_WORDS = 16  # "— Former Treasury Secretary Jane Ames, in an interview on Fox News Sunday"
# What may follow the name: punctuation, or a word placing the quotation.
_AFTER_NAME = frozenset(["in", "on", "at", "during", "to", "via", "from", "before", "after", "of"])
_NAME_WORD_RE = re.compile(r"[A-Z][\w’'.-]*")


def credit_after_quote(text: str, regions: Sequence[QuoteRegion]) -> int | None:
    """Where the credit starts, when ``text`` is a closed quotation (from its first
    character) followed by a dash and a credit; else None."""
    if not regions or not regions[-1].closed or text[: regions[0].start].strip():
        return None
    match = _AFTER_QUOTE_RE.match(text, regions[-1].end)
    if match is None or not is_credit(text, match.end()):
        return None
    return match.end()


def credit_line(text: str) -> int | None:
    """Where the credit starts, when the whole of ``text`` is a dash and a credit; else
    None."""
    match = _LINE_RE.match(text)
    if match is None or not is_credit(text, match.end()):
        return None
    return match.end()


def is_credit(text: str, start: int) -> bool:
    """Whether ``text[start:]`` is a short phrase naming a source first: capitalised words
    (a title and a name), then nothing, punctuation or a placing word."""
    words = text[start:].split()
    if not words or len(words) > MAX_WORDS:
        return False
    named = 0
    for word in words:
        if _NAME_WORD_RE.match(word) is None:
            break
        named += 1
        if word.endswith((",", ";")) or (word.endswith(".") and word is words[-1]):
            return True  # "— Sanders.", "— Jane Ames, a voter"
    if named == 0 or named == len(words):
        return named > 0
    following = words[named]
    return following[0] in "(,;[" or following.casefold() in _AFTER_NAME
