"""What inside one prose paragraph is not part of any claim: the dateline and the label it
may open with ("WASHINGTON (Reuters) -", "Background:"), and the picture credits and the
agency credit glued into it. The pipeline records these as skipped spans and splits only
the text between them into sentences, so the body itself is never changed.
"""

from __future__ import annotations

from .captions import inline_credits
from .datelines import find_dateline
from .labels import label_end
from .types import SkippedSpan

__all__ = ["ParagraphCutter", "paragraph_cuts", "segments"]

_MAX_OPENERS = 3  # "UPDATE: MOSCOW (Reuters) - …": a label and a dateline, in either order


def paragraph_cuts(body: str, start: int, end: int, *, lead: bool) -> list[SkippedSpan]:
    """The spans of ``body[start:end]`` (one prose paragraph) that are no claim's, in order.
    ``lead``: the paragraph opens the body, where a bare ``PLACE:`` is a dateline."""
    cuts: list[SkippedSpan] = []
    cursor = start
    for _ in range(_MAX_OPENERS):
        dateline = find_dateline(body, cursor, end, lead=lead)
        if dateline is not None:
            cuts.append(SkippedSpan(cursor, dateline.end, "dateline"))
            cursor = _skip_spaces(body, dateline.end, end)
            continue
        label = label_end(body, cursor, end)
        if label is None:
            break
        cuts.append(SkippedSpan(cursor, label, "label"))
        cursor = _skip_spaces(body, label, end)
    cuts += [SkippedSpan(a, b, reason) for a, b, reason in inline_credits(body, cursor, end)]
    return cuts


class ParagraphCutter:
    """``paragraph_cuts`` for each prose paragraph of one body, in order. A bare ``PLACE:``
    is a dateline where the body starts, and further down only in a body that opened with
    one (a digest or live blog writes every entry's dateline that way); elsewhere "NAME:"
    further down is a speaker label in an interview excerpt, which attribution needs."""

    __slots__ = ("body", "colon_style", "first")

    def __init__(self, body: str) -> None:
        self.body = body
        self.colon_style = True
        self.first = True

    def __call__(self, start: int, end: int) -> list[SkippedSpan]:
        cuts = paragraph_cuts(self.body, start, end, lead=self.colon_style)
        if self.first:
            self.first = False
            self.colon_style = any(
                c.reason == "dateline" and self.body[c.end - 1] == ":" for c in cuts
            )
        return cuts


def segments(start: int, end: int, cuts: list[SkippedSpan]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` between ``cuts`` (in order, inside it)."""
    if not cuts:
        return [(start, end)]
    parts: list[tuple[int, int]] = []
    cursor = start
    for cut in cuts:
        if cut.start > cursor:
            parts.append((cursor, cut.start))
        cursor = max(cursor, cut.end)
    if cursor < end:
        parts.append((cursor, end))
    return parts


def _skip_spaces(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position
