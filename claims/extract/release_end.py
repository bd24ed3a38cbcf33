"""Where a press release's end matter starts: the boilerplate sections a release closes
with, each under a heading of its own ("About Helio Dynamics", "Forward-Looking
Statements", "Notes to editors", "Media contact:", "###"). Everything from the first such
heading in the last half of the text is the issuer's standing copy, not the news: the
company's self-description, the legal safe-harbour text, contact details.
"""

from __future__ import annotations

import re

__all__ = ["release_end"]

_SECTION_RE = re.compile(
    # "About Helio Dynamics", "About UNICEF" (not "About the author", "About 40 people")
    r"About\s+(?!the\b|this\b|us\b|our\b|a\b|an\b)[A-Z][\w&.'’-]*(?:,?\s+[A-Z&][\w&.'’-]*){0,6}"
    r"|(?i:forward[\s-]looking\s+statements?|(?:cautionary|safe[\s-]harbou?r)\s+"
    r"(?:note|statement|language)s?(?:\s+regarding\s+[\w\s-]{1,40})?)"
    r"|(?i:notes?\s+(?:to|for)\s+editors?)"
    r"|(?i:(?:media|press|investor|editorial)\s+(?:contacts?|inquiries|enquiries|relations))"
    r"|(?i:for\s+(?:more|further)\s+information(?:,?\s+(?:please\s+)?contact)?)"
    r"|#{3,}|-30-",
)
_MAX_TAIL = 15  # units after the heading: a release's end matter is short


def release_end(units: list[str], reasons: list[str | None]) -> int | None:
    """The index of the heading that opens a press release's end matter, or None."""
    n = len(units)
    for i in range(max(n // 2, n - _MAX_TAIL), n):
        if reasons[i] is not None and reasons[i] != "label":
            continue
        unit = units[i].strip().rstrip(":").rstrip()
        if len(unit.split()) <= 8 and _SECTION_RE.fullmatch(unit):
            return i if _prose_before(units, reasons, i) else None
    return None


def _prose_before(units: list[str], reasons: list[str | None], end: int) -> bool:
    return any(reasons[k] is None and len(units[k].split()) >= 15 for k in range(end))
