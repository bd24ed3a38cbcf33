"""Where a sentence's quotations are (``quote_regions``, ``QuoteIndex``) and whether one is a
real *direct quotation* rather than a scare-quoted word (``has_direct_quote``). Linear: a
paragraph with thousands of quote marks costs no more than one with none.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from .lexicon import word_set

# Two apostrophes ('') stand for a double quotation mark in typewriter-style copy.
_QUOTE_CHAR_RE = re.compile(r"[“”«»\"]")
_QUOTE_CHAR_OR_TWO_APOSTROPHES_RE = re.compile(r"''|[“”«»\"]")  # slower: only when needed
_OPENERS = frozenset("“«")
# What a sentence opening with a quotation starts with (two apostrophes as in ``''``).
QUOTE_OPENERS = ("“", '"', "«", "‘", "''")
_CLOSERS = frozenset("”»")


class QuoteRegion(NamedTuple):
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the end of the text if unclosed)
    closed: bool

    def content(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1 if self.closed else self.end]


def quote_regions(text: str) -> list[QuoteRegion]:
    """The outermost quotations of ``text``, in order and never overlapping.

    Curly quotes nest; a stray closing mark is ignored; straight double quotes toggle (and are
    ignored inside a curly quotation, where they can only be nested quotes). An opening mark
    that is never closed runs to the end of the text: that is how a quotation continuing into
    the next paragraph is written.
    """
    regions: list[QuoteRegion] = []
    depth = 0
    curly_start = -1
    straight_start = -1
    inner = False  # a straight quotation open inside the curly one
    # (found once: a scan of the rest of the text for each mark would be quadratic)
    last_closer = text.rfind("”")
    marks = _QUOTE_CHAR_OR_TWO_APOSTROPHES_RE if "''" in text else _QUOTE_CHAR_RE
    for match in marks.finditer(text):
        ch = match.group()
        pos = match.start()
        if ch == '"' or ch == "''":
            if depth:
                if depth == 1 and _mismatched_closer(text, pos, match.end(), inner, last_closer):
                    regions.append(QuoteRegion(curly_start, match.end(), True))
                    depth, inner = 0, False
                else:
                    inner = not inner
                continue
            if straight_start < 0:
                straight_start = pos
            else:
                regions.append(QuoteRegion(straight_start, match.end(), True))
                straight_start = -1
        elif straight_start >= 0:
            # Curly marks inside a straight quotation are nested quotes, unless a closer
            # ends it as mixed typography does ("We will win,” she said).
            if ch in _CLOSERS and _mismatched_closer(text, pos, pos + 1, False, last_closer):
                regions.append(QuoteRegion(straight_start, pos + 1, True))
                straight_start = -1
            continue
        elif ch in _OPENERS:
            if (
                depth == 1
                and ch == "“"
                and _mismatched_closer(text, pos, pos + 1, False, last_closer)
            ):
                regions.append(QuoteRegion(curly_start, pos + 1, True))
                depth = 0
                continue
            if depth == 0:
                curly_start, inner = pos, False
            depth += 1
        elif depth:  # a closer with something open
            depth -= 1
            if depth == 0:
                regions.append(QuoteRegion(curly_start, pos + 1, True))
    if depth:
        regions.append(QuoteRegion(curly_start, len(text), False))
    elif straight_start >= 0:
        regions.append(QuoteRegion(straight_start, len(text), False))
    return regions


def _mismatched_closer(text: str, start: int, end: int, inner: bool, last_closer: int) -> bool:
    """Whether a mark that does not close a curly quotation ('"', '“') closes it anyway, as
    mixed typography has it: right after the quotation's last punctuation and before its
    attribution or the end ("“We will win," she said", "“…here,“ said Ames"). Before a
    capital ("“We will win," Ames said") only when it can close nothing else: no straight
    quotation is open inside (``inner``) and no curly mark closes the quotation later (the
    last one, ``last_closer``, is before ``end``)."""
    if not start or text[start - 1] not in ",.?!":
        return False
    if end >= len(text):
        return True
    if text[end] != " ":
        return False
    following = text[end + 1 : end + 2]
    if following.islower():
        return True
    return following.isupper() and not inner and last_closer < end


class QuoteIndex:
    """Answers "is this offset inside a quotation?" in O(log n)."""

    def __init__(self, regions: Sequence[QuoteRegion]) -> None:
        self.regions = list(regions)
        self._starts = [r.start for r in self.regions]

    def inside(self, pos: int) -> bool:
        if not self._starts:  # (most sentences quote nobody)
            return False
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self.regions[i].start <= pos < self.regions[i].end

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self.regions[i].end > start


# A quoted phrase right after one of these is a term or a compound modifier ("a “peace
# through strength” doctrine"), not words someone is being quoted as saying.
_TERM_DETERMINERS = word_set(
    "a an the his her its their our your my this that these those so-called such"
)
_WORD_BEFORE_RE = re.compile(r"([\w-]+)\s*$")
# At least this many words make a quotation; one or two quoted words are scare quotes.
MIN_QUOTE_WORDS = 3


def is_direct_quote(text: str, region: QuoteRegion) -> bool:
    if not region.closed:
        return False
    content = region.content(text).strip()
    words = content.split()
    if len(words) < 2:
        return False
    if len(words) < MIN_QUOTE_WORDS and not content.endswith((",", ".", "?", "!")):
        return False
    # "a “peace through strength” doctrine" is a named idea, not an utterance.
    return not (
        content[-1:].isalnum() and _word_before(text, region.start).casefold() in _TERM_DETERMINERS
    )


def _word_before(text: str, at: int) -> str:
    """What ``_WORD_BEFORE_RE`` finds in the 40 characters before ``at`` (or ""): the word
    of the last whitespace-separated token, which is the whole token when it is letters."""
    stripped = text[max(0, at - 40) : at].rstrip()
    if not stripped:
        return ""
    token = stripped.rsplit(None, 1)[-1]
    if token.isalpha():
        return token
    match = _WORD_BEFORE_RE.search(token)
    return match.group(1) if match else ""


def has_direct_quote(text: str, regions: Sequence[QuoteRegion] | None = None) -> bool:
    """Whether ``text`` quotes someone directly: a closed quotation of a few words at least."""
    if regions is None:
        regions = quote_regions(text)
    return any(is_direct_quote(text, r) for r in regions)
