"""What a fact-check's rating says about the claim: a number read from messy markup, and the
evidence stance it suggests. Pure, no Django.

A numeric rating is placed on its own scale (``worstRating``..``bestRating``, schema.org's
defaults 1..5 when absent): the bottom third refutes the claim, the top third supports it,
the middle gives context. Without a number, the textual rating's words decide ("False",
"Pants on Fire", "Mostly true", "Contradicted"); anything else is context, for the editor to
change (the stance is only ever a suggestion).
"""

from __future__ import annotations

import math
import re
from typing import Literal

Stance = Literal["supports", "refutes", "context"]
DEFAULT_BEST, DEFAULT_WORST = 5.0, 1.0
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)$")

# Checked in order: "mostly false" before "false", "not true" before "true".
_TEXT_STANCES: tuple[tuple[re.Pattern[str], Stance], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), stance)
    for pattern, stance in (
        (r"\b(half|partly|partially|mixed|mixture|unproven|unverifiable|unsupported)\b", "context"),
        (r"\b(missing context|needs context|satire|outdated|explainer)\b", "context"),
        (r"\b(mostly|largely) (false|wrong|inaccurate|incorrect)\b", "refutes"),
        (r"\bnot (true|correct|accurate)\b|\buntrue\b", "refutes"),
        (r"\b(mostly|largely) (true|correct|accurate)\b", "supports"),
        (r"\b(false|fake|wrong|incorrect|inaccurate|hoax|pants on fire|misleading)\b", "refutes"),
        (r"\b(fabricated|debunked|baseless|scam|distorted|exaggerated|contradicted)\b", "refutes"),
        (r"\b(true|correct|accurate|confirmed|corroborated|verified)\b", "supports"),
    )
)


def parse_number(text: str) -> float | None:
    """A rating as written: ``4``, ``"4"``, ``"4.5"``, ``"4,5"``; empty is None, anything
    else a ``ValueError`` saying what was there."""
    text = text.strip()
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(f"{text[:40]!r} is not a number")
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(f"{text[:40]!r} is not a number")
    return value


def stance_for(
    *,
    value: float | None,
    best: float | None,
    worst: float | None,
    text: str,
) -> Stance:
    """The evidence stance a rating suggests (see the module's docstring)."""
    if value is not None:
        high = DEFAULT_BEST if best is None else best
        low = DEFAULT_WORST if worst is None else worst
        if high != low:
            position = (value - low) / (high - low)  # 0 = worst, 1 = best, either direction
            if position <= 1 / 3:
                return "refutes"
            if position >= 2 / 3:
                return "supports"
            return "context"
    for pattern, stance in _TEXT_STANCES:
        if pattern.search(text):
            return stance
    return "context"
