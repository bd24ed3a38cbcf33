"""Whether a name before a speech verb is the verb's subject, where the words between them
alone do not say (``speech.gap_is_transparent`` reads those): a name inside a relative
clause is not ("Officials who met Ames said"), a name set off by commas after a
description is ("The president of the Harbour Authority, Anu Saar, urged").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .attribution import PersonRef

_OBJECT_LEADS = frozenset(("of", "for", "at", "in", "from", "with", "to", "by", "the"))


def names_in_commas(text: str, ref: PersonRef, refs: Sequence[PersonRef]) -> bool:
    """A name set off by commas before the verb ("The president of the Harbour Board, Anu
    Saar, urged"), after a name that is the object of a preposition in the description
    before it: that one is not the subject, the name in commas is."""
    opening = text[: ref.start].rstrip()
    if not opening.endswith(","):
        return False
    head = opening[:-1].rstrip()
    before = [r for r in refs if r.end == len(head)]
    if not before:
        return False
    words = text[max(0, before[0].start - 20) : before[0].start].split()
    return bool(words) and words[-1].casefold() in _OBJECT_LEADS


_RELATIVE_BEFORE_RE = re.compile(r"\s(?:who|that)\s[^,;:()“”\"—–]{0,40}$")


def in_relative_clause(text: str, start: int) -> bool:
    """Whether a mention sits in a relative clause with no comma before it ("officials who
    spoke with the Courier said"): it is not the subject of the verb after the clause."""
    window = text[max(0, start - 45) : start]
    return ("who" in window or "that" in window) and bool(_RELATIVE_BEFORE_RE.search(window))
