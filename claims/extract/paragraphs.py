"""What a paragraph of an article body is: a block of text between blank lines.

The one definition, shared by the pipeline (which writes bodies with ``PARAGRAPH_BREAK``),
``Article.paragraphs``, ``Claim.context``, the importer and claim editing (which number
claims' paragraphs), and the synthetic data generator (which writes bodies the same way).
"""

from __future__ import annotations

import bisect
import re
import sys

PARAGRAPH_BREAK = "\n\n"  # what the pipeline puts between paragraphs
# A paragraph starts at a character that is not a newline and runs over single newlines (a
# hard-wrapped line) up to the next blank line, i.e. up to the next PARAGRAPH_BREAK.
_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each paragraph of ``body``, in order; blocks of only
    whitespace are not paragraphs."""
    return [m.span() for m in _PARAGRAPH_RE.finditer(body) if not m.group().isspace()]


def paragraph_index(spans: list[tuple[int, int]], offset: int) -> int:
    """The index in ``spans`` of the paragraph that ``offset`` is in: the last one starting
    at or before it (0 before the first)."""
    return max(0, bisect.bisect_right(spans, (offset, sys.maxsize)) - 1)


def paragraph_around(body: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) of the paragraph that holds ``body[start:end]``, widened to hold all of
    it (a span never crosses a paragraph break when it comes from the pipeline)."""
    spans = paragraph_spans(body)
    if not spans:
        return start, end
    para_start, para_end = spans[paragraph_index(spans, start)]
    return min(para_start, start), max(para_end, end)
