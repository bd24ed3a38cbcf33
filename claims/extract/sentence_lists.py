"""Lists written inside one paragraph: where their items start, and which periods only mark them.

Scraped pages often flatten a list into one line: "1. Talks resume 2. Prices fall", "a) … b) …",
"• Talks resume • Prices fall". Each item is a sentence of its own even when it has no final
period, and the period of a marker ("1.", "2.)") never ends one.

A marker counts as a list item when it opens the paragraph, when it is the first of a list
("1", "a") after a colon or question ("Three steps: 1. Talk …"), or when it continues a list:
the next label in the same style ("2." after "1.", "b)" after "a)"). A stray "2." after a
number in prose ("ranked No. 2. The …") is none of these. In a paragraph that is a list,
each item starts a sentence; a list inside a sentence ("two reasons: 1) cost and 2) time")
stays in it. Markers are found in one regex pass and each is judged in constant time, so
this is linear in the paragraph's length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BULLETS = "•▪◦‣●■⁃"
# A marker stands after whitespace (or at the start): an optional bullet, then "1.", "1.)",
# "1)", "(1)" or the same with a lower-case letter, then whitespace.
_MARKER_RE = re.compile(rf"(?<!\S)(?:[{_BULLETS}]\s?)?(\()?(\d{{1,2}}|[a-z])(\.\)|\.|\))(?=\s)")
# A list's first marker after a colon or question ("Two reasons: 1) …"). It starts with a rare
# character, so the regex engine skims paragraphs without lists instead of trying every word.
_OPENER_RE = re.compile(rf"[:?!]\s+(?:[{_BULLETS}]\s?)?\(?[1a](?:\.\)|\.|\))(?=\s)")
# A bullet inside the paragraph (the character first, for the same reason).
_BULLET_RE = re.compile(rf"[{_BULLETS}](?<=\s.)(?=\s|\w)")
# What comes before a marker's period when the marker opens a sentence: "2. Agree on terms".
_MARKER_AT_START_RE = re.compile(rf"\s*(?:[{_BULLETS}]\s?)?\(?(?:\d{{1,2}}|[a-z])")
_FIRST_LABELS = ("1", "a")
_BEFORE_FIRST = ":?!"


@dataclass
class ListLayout:
    """Where list items start inside a paragraph, and the ends of their markers' periods."""

    item_starts: list[int] = field(default_factory=list)
    marker_ends: set[int] = field(default_factory=set)


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def _opens_list(text: str, start: int, label: str, paragraph_start: int) -> bool:
    if start == paragraph_start:
        return True
    if label not in _FIRST_LABELS:
        return False
    before = text[max(0, start - 4) : start].rstrip()
    return bool(before) and before[-1] in _BEFORE_FIRST


def list_layout(text: str) -> ListLayout:
    """The list items of one paragraph (empty for ordinary prose)."""
    layout = ListLayout()
    paragraph_start = len(text) - len(text.lstrip())
    # style -> (the label that continues it, whether the list opened the paragraph)
    expected: dict[tuple[bool, str, bool], tuple[str, bool]] = {}
    if _MARKER_RE.match(text, paragraph_start):
        scan_from = paragraph_start
    else:
        opener = _OPENER_RE.search(text) if _contains_any(text, _BEFORE_FIRST) else None
        scan_from = len(text) if opener is None else opener.start()
    for match in _MARKER_RE.finditer(text, scan_from):
        paren, label, punct = match.groups()
        style = (paren is None, punct, label.isdigit())
        start = match.start()
        continued = expected.get(style)
        if continued is not None and continued[0] == label:
            if continued[1]:
                layout.item_starts.append(start)
            whole = continued[1]
        elif _opens_list(text, start, label, paragraph_start):
            whole = start == paragraph_start
        else:
            continue
        expected[style] = (_next_label(label), whole)
        if punct.startswith("."):
            layout.marker_ends.add(match.end())
    if _contains_any(text, _BULLETS) and _BULLET_RE.search(text, paragraph_start + 1):
        starts = set(layout.item_starts)
        starts.update(m.start() for m in _BULLET_RE.finditer(text, paragraph_start + 1))
        layout.item_starts = sorted(starts)
    return layout


def _contains_any(text: str, characters: str) -> bool:
    """A few substring tests (in C) that rule out a regex search of the whole paragraph."""
    return any(map(text.__contains__, characters))


def opens_with_marker(text: str, sentence_start: int, period: int) -> bool:
    """The words from ``sentence_start`` to the period at ``period`` are only a list marker
    ("Here is the plan. 1. Talk to them."), so that period does not end the sentence."""
    return period - sentence_start <= 8 and bool(
        _MARKER_AT_START_RE.fullmatch(text, sentence_start, period)
    )
