"""What inside one prose paragraph is not part of any claim: the dateline, live-blog time
and label it may open with ("WASHINGTON (Reuters) -", "3:41 PM:", "Background:"), the
picture credits and the agency credit glued into it, and the sentences of a story's end
matter (``prompts.end_matter_reason``: "Jane Roe contributed reporting.", "An earlier
version of this story …", a staff bio, a newsletter promo). The pipeline records these as
skipped spans and splits only the text between them into sentences, so the body itself is
never changed.
"""

from __future__ import annotations

import re

from .captions import inline_credits
from .datelines import find_dateline, timestamp_end
from .labels import label_end
from .prompts import end_matter_reason, may_be_end_matter, opens_whole_note
from .sentences import split_sentences
from .types import SkippedSpan

__all__ = ["ParagraphCutter", "paragraph_cuts", "segments"]

_MAX_OPENERS = 3  # "UPDATE: MOSCOW (Reuters) - …": a label and a dateline, in either order
# After a staff bio, what more its paragraph says of the author ("He previously worked for
# …", "She also writes …"); not "He was arrested …", which would be news about a reporter.
_BIO_MORE_RE = re.compile(
    r"(?:He|She|They)\s(?:previously|formerly|also|has\s(?:written|reported|worked|covered)|"
    r"have\s(?:written|reported|worked|covered)|joined|covers|covered|writes|wrote|worked|"
    r"lives|is\sbased|studied|graduated|holds)\b[^“”\"]{0,200}"
)


def paragraph_cuts(body: str, start: int, end: int, *, lead: bool) -> list[SkippedSpan]:
    """The spans of ``body[start:end]`` (one prose paragraph) that are no claim's, in order.
    ``lead``: the paragraph opens the body, where a bare ``PLACE:`` is a dateline."""
    cuts: list[SkippedSpan] = []
    cursor = start
    for _ in range(_MAX_OPENERS):
        if opens_whole_note(body[cursor : cursor + 60]):
            # "Correction: …", "About the author: …": the rest of the paragraph is the note.
            reason = end_matter_reason(body[cursor:end]) or "correction"
            return [*cuts, SkippedSpan(cursor, end, reason)]
        dateline = find_dateline(body, cursor, end, lead=lead)
        if dateline is not None:
            cuts.append(SkippedSpan(cursor, dateline.end, "dateline"))
            cursor = _skip_spaces(body, dateline.end, end)
            continue
        stamp = timestamp_end(body, cursor, end)
        if stamp is not None:
            cuts.append(SkippedSpan(cursor, stamp, "timestamp"))
            cursor = _skip_spaces(body, stamp, end)
            continue
        label = label_end(body, cursor, end)
        if label is None:
            break
        cuts.append(SkippedSpan(cursor, label, "label"))
        cursor = _skip_spaces(body, label, end)
    credits = [SkippedSpan(a, b, reason) for a, b, reason in inline_credits(body, cursor, end)]
    if not may_be_end_matter(body[cursor:end]):
        return cuts + credits
    for a, b in segments(cursor, end, credits):
        credits += _end_matter(body, a, b)
    return cuts + sorted(credits, key=lambda c: c.start)


def _end_matter(body: str, start: int, end: int) -> list[SkippedSpan]:
    """The end-matter sentences of ``body[start:end]`` (a paragraph, or the part of it
    between credits). A note ("Correction: …") takes the rest of the part with it, a staff
    bio what its next sentences say of the author."""
    found: list[SkippedSpan] = []
    text = body[start:end]
    bio = False
    for a, b in split_sentences(text):
        sentence = text[a:b]
        if opens_whole_note(sentence):
            found.append(SkippedSpan(start + a, end, end_matter_reason(sentence) or "correction"))
            break
        reason = end_matter_reason(sentence)
        if reason is None and bio and _BIO_MORE_RE.fullmatch(sentence):
            reason = "author bio"
        bio = reason == "author bio"
        if reason is not None:
            found.append(SkippedSpan(start + a, start + b, reason))
    return found


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
