"""Datelines: the place (and news agency) that wire copy opens a story or a paragraph with.

``WASHINGTON (Reuters) -``, ``LONDON, March 3 (AP) —``, ``KYIV, Feb. 18 /Agency/.``,
``HEMPSTEAD, N.Y., Sept. 26 (UPI) —``, ``Paris, 4 June 2025 —``, ``(CNN) —``, ``MOSCOW:``.
A dateline is not part of the claim that follows it: the pipeline cuts it out of the
sentence (a skipped span) and keeps its place and agency as the article's metadata.

The shapes are general: a place in capitals (or in title case when a date or an agency
follows, since a capitalised word before a dash is otherwise ordinary prose), an optional
region (", N.Y.", " [India]"), date and agency, then a dash, colon or period and the
sentence. A bare ``PLACE:`` is the one shape that speaker labels share (``SMITH: …`` in an
interview excerpt), so it counts only at the start of the body (and further down in a body
that opened with one: ``cuts.ParagraphCutter``), and never when its first word is a title
(``THE PRESIDENT:``, ``MR. SMITH:``) or a label word (``UPDATE:``).
(Publication-date lines such as "Updated: 2025-04-16" are a different thing, read by
``dates.parse_dateline``.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from .labels import is_label_phrase
from .lexicon import FUNCTION_WORDS, MONTHS, WEEKDAYS
from .name_tokens import TITLE_HEADS

__all__ = ["Dateline", "find_dateline", "first_dateline", "timestamp_end"]

_MONTH = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
# Any letters here ("MALMÖ"); ``_caps_ok`` checks they are capitals.
_CAPS_WORD = r"[^\W\d_][\w.'’\-]*+"
# (Places joined by a slash share a dateline: "LONDON/SINGAPORE, Oct 3 (Reuters) -".)
_PLACE_CAPS = rf"{_CAPS_WORD}(?:[\s/](?:{_CAPS_WORD}|de|del|da|do|la|el|al)){{0,3}}"
# (A title-case place may end with a state's or district's initials: "Washington DC".)
_PLACE_TITLE = (
    r"[A-Z][a-zà-ÿ'’\-]+(?:[\s/](?:[A-Z][a-zà-ÿ'’\-]+|de|del|da|la|el|al)){0,3}"
    r"(?:\s(?:[A-Z]{2}|(?:[A-Z]\.){2}))?"
)
# ", N.Y." / ", Ukraine" / ", Maine" (never a month: that is the date) and " [India]".
_REGION = (
    rf"(?:,\s(?!(?:{_MONTH})\b)[A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){{0,2}})?"
    r"(?:\s?\[[A-Z][\w .'’\-]{1,30}\])?"
)
_DATE = rf"(?:,\s(?:(?:{_MONTH})\.?\s\d{{1,2}}|\d{{1,2}}\s(?:{_MONTH})\.?)(?:,?\s\d{{4}})?\.?)?"
_AGENCY = r"(?:\s?\((?P<paren>[A-Za-z][\w&.'’ \-]{0,30})\)|\s?/(?P<slash>[A-Z][\w&.'’ \-]{0,30})/)?"
# What ends a dateline, then what starts the sentence (or the paragraph's end). Indian wire
# copy writes none after the agency ("Thiruvananthapuram, Mar 3 (PTI) Kerala reported …"):
# an empty end right after the bracket, which ``_bare_ok`` allows only after a date.
_END = (
    r"(?:\s?(?P<end>[-–—―]{1,2}|:|\.)|(?<=\))(?P<bare>))"
    r"(?:\s+(?=[A-Z0-9“\"‘'«(\[])|\s*$)"
)
_CAPS_RE = re.compile(
    rf"(?P<place>{_PLACE_CAPS})(?P<region>{_REGION})(?P<date>{_DATE}){_AGENCY}{_END}"
)
_TITLE_RE = re.compile(
    rf"(?P<place>{_PLACE_TITLE})(?P<region>{_REGION})(?P<date>{_DATE}){_AGENCY}{_END}"
)
_AGENCY_ONLY_RE = re.compile(rf"\((?P<paren>[A-Za-z][\w&.'’ \-]{{0,30}})\)(?P<date>){_END}")
_TITLE_WORDS = frozenset(t.casefold().rstrip(".") for t in TITLE_HEADS) | {"the", "q"}
_DASHES = frozenset("-–—―")
_INITIALS_RE = re.compile(r"(?:[A-Z]\.){2,},?")
# A weekday or month before a date ("Tuesday, March 3 —") is part of the date, not a place.
_NOT_PLACES = frozenset(MONTHS) | WEEKDAYS


# A live blog's entry time opening a paragraph: "3:41 PM: …", "12:05 GMT — …", "9.30am | …",
# "14:05 CET+1 — …". Like a dateline it is not part of the claim, but it names no place (and
# "12.5 — …" or "3:1 —" are not times: a dotted time needs its "am"/"pm", minutes two digits).
_TIMESTAMP_RE = re.compile(
    r"(?:\d{1,2}:\d{2}|\d{1,2}\.\d{2}(?=\s?[AaPp]\.?[Mm]))(?:\s?[AaPp]\.?[Mm]\.?)?"
    r"(?:\s?(?:[A-Z]{1,4}[+\-−]\d{1,2}(?::\d{2})?|[A-Z]{2,4}))?"
    r"\s?(?:[-–—―|]{1,2}|:)(?=\s+[A-Z0-9“\"‘'«(\[])"
)


def timestamp_end(text: str, start: int = 0, end: int | None = None) -> int | None:
    """If a live blog's entry time opens ``text[start:end]``, where it ends (just after its
    dash or colon)."""
    if not text[start : start + 1].isdigit():
        return None
    match = _TIMESTAMP_RE.match(text, start, len(text) if end is None else end)
    return None if match is None else match.end()


class Dateline(NamedTuple):
    end: int  # just after its closing dash, colon or period (offset into the text searched)
    place: str  # "Washington", "Hempstead, N.Y."; "" for an agency alone ("(CNN) —")
    agency: str  # "Reuters", "AP"; "" when none is named


def find_dateline(
    text: str, start: int = 0, end: int | None = None, *, lead: bool = False
) -> Dateline | None:
    """The dateline opening ``text[start:end]``, or None. ``lead``: this is the start of the
    body, where a bare ``PLACE:`` is a dateline too."""
    end = len(text) if end is None else end
    head = text[start : start + 2]
    if head[:1] == "(":
        match = _AGENCY_ONLY_RE.match(text, start, end)
        return _dateline(match, "") if match and match["end"] not in (".", None) else None
    if not head[:1].isupper():
        return None
    if head[1:].isupper():
        match = _CAPS_RE.match(text, start, end)
        if match is not None and _caps_ok(match, lead) and _bare_ok(match):
            return _dateline(match, _caps_place(match["place"] + match["region"]))
        return None
    # Title case needs a date or an agency after the place: most sentences have neither a
    # comma nor a bracket this early, and never reach the regex.
    opening = text[start : start + 40]
    if ", " not in opening and " (" not in opening and " /" not in opening:
        return None
    match = _TITLE_RE.match(text, start, end)
    if match is not None and _title_ok(match) and _bare_ok(match):
        return _dateline(match, match["place"] + match["region"])
    return None


def _dateline(match: re.Match[str], place: str) -> Dateline:
    agency = (match["paren"] or match["slash"] or "").strip(" .")
    end = match.end("end") if match["end"] is not None else match.end("bare")
    return Dateline(end, place.strip(), agency)


def _bare_ok(match: re.Match[str]) -> bool:
    """A dateline with no dash or colon after it needs a date and an agency before the
    sentence ("Kochi, Mar 3 (PTI) The …"): "Greenpeace (Netherlands) Director …" has none."""
    return match["end"] is not None or bool(match["date"] and match["paren"])


def _qualified(match: re.Match[str]) -> bool:
    """Whether a region, date or agency follows the place."""
    return bool(match["region"] or match["date"] or match["paren"] or match["slash"])


def _caps_ok(match: re.Match[str], lead: bool) -> bool:
    place = match["place"]
    if not place.isupper():
        return False
    words = place.split()
    short = len(words) == 1 and sum(ch.isalpha() for ch in place) < 4
    if short and not _qualified(match):
        return False  # "UN —", "U.S. —", "FBI —": acronyms more often than places ("RYE, N.H.")
    first_word = words[0].casefold().rstrip(".")
    if first_word in _NOT_PLACES:
        return False
    if match["end"] == ".":
        return bool(match["date"] or match["slash"] or match["paren"])
    if match["end"] == ":" and not _qualified(match):
        # "FIX IS IN:", "BREAKING:": a headline's or a label's words, not a place's.
        if any(w.casefold() in FUNCTION_WORDS for w in words):
            return False
        return lead and first_word not in _TITLE_WORDS and not is_label_phrase(place)
    return True


def _title_ok(match: re.Match[str]) -> bool:
    """Title case is ordinary prose unless a date or an agency follows: "Paris, 4 June 2025 —"
    is a dateline, "Paris —" may be the start of a sentence."""
    first_word = match["place"].split()[0].casefold()
    if first_word in _TITLE_WORDS or first_word in _NOT_PLACES:
        return False
    if not (match["date"] or match["paren"] or match["slash"]):
        return False
    if match["end"] is None:
        return True  # (``_bare_ok`` asks for a date and an agency)
    return match["end"] in _DASHES or match["end"] == ":" or bool(match["slash"])


def _caps_place(place: str) -> str:
    """ "NEW YORK" -> "New York", "ST. LOUIS" -> "St. Louis", "KYIV, UKRAINE" -> "Kyiv,
    Ukraine": the name as prose writes it; initials stay ("N.Y.", "D.C.")."""
    return " ".join(
        "/".join(_caps_word(part) for part in w.split("/")) for w in place.split()
    )  # ("LONDON/SINGAPORE" -> "London/Singapore")


def _caps_word(word: str) -> str:
    return word.capitalize() if word.isupper() and not _INITIALS_RE.fullmatch(word) else word


class _Span(Protocol):
    start: int
    end: int
    reason: str


def first_dateline(body: str, skipped: Sequence[_Span]) -> Dateline | None:
    """The first dateline the pipeline cut from ``body`` (its skipped spans, in order)."""
    for span in skipped:
        if span.reason == "dateline":
            found = find_dateline(body, span.start, len(body), lead=True)
            if found is not None:
                return found
    return None
