"""How worth checking a claim is: a deterministic score in [0, 1] with its reasons.

Checkable claims are concrete: numbers, dates, named actors, someone on record saying it.
Hedged, opinionated or interrogative sentences are less checkable. The weights are simple
and fixed so an editor can read the reasons and predict the score; the score only orders
claims for review, it is not a probability.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import word_set

BASE = 0.3
WEIGHTS = {
    "number": 0.15,
    "date": 0.1,
    "named actor": 0.15,
    "several actors": 0.05,
    "attribution": 0.1,
    "quote": 0.05,
    "comparative/superlative": 0.05,
    "causal": 0.05,
    "unnamed source": -0.05,
    "hedge": -0.1,  # per distinct hedge, at most two
    "opinion word": -0.1,  # per distinct word, at most two
    "prediction": -0.05,
    "question": -0.3,
    "short": -0.1,
}

NUMBER_WORDS = word_set(
    """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions trillion dozen
    dozens half third quarter percent twice triple double"""
)
COMPARATIVES = word_set(
    """more most less least fewer fewest larger largest bigger biggest higher highest lower
    lowest greater greatest worse worst better best first record unprecedented only"""
)
CAUSAL_WORDS = word_set("because therefore caused causes")
_CAUSAL_PHRASES = (
    " due to ",
    " led to ",
    " leads to ",
    " resulted in ",
    " as a result",
    " thanks to ",
)
_COMPARATIVE_RE = re.compile(r"\b[a-z]{2,}er than\b")
_SUPERLATIVE_RE = re.compile(r"\bthe [a-z]{3,}est\b")
HEDGES = word_set(
    """may might could perhaps possibly probably likely unlikely reportedly allegedly seems
    seemed appears appeared apparently potentially suggests suggested arguably presumably
    supposedly rumoured rumored"""
)
OPINION_WORDS = word_set(
    """desperate desperation gangster despicable shocking dramatic stark radical bold reckless
    disastrous brilliant terrible outrageous absurd ridiculous shameful disgraceful evil
    heroic sadly unfortunately clearly obviously undoubtedly worrisome alarming stunning
    remarkable extraordinary astonishing chaotic erratic mercurial idiosyncratic scrambling
    sellout betrayal disgrace catastrophe catastrophic humiliating humiliation pathetic
    incompetent corrupt brutal vile glorious magnificent tremendous horrible awful"""
)
PREDICTION_WORDS = word_set("will would")
# Words are scanned once and looked up in sets: linear, however long the claim.
_WORD_RE = re.compile(r"[A-Za-z]+")
_DIGIT_RE = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    text: str
    has_date: bool = False
    actor_count: int = 0
    has_speaker: bool = False
    unnamed_source: bool = False
    is_quote: bool = False
    is_question: bool = False
    date_spans: tuple[tuple[int, int], ...] = ()  # offsets of the dates (not numbers)


def score(features: ClaimFeatures) -> tuple[float, list[str]]:
    """(score, reasons). Same input, same output; reasons in a fixed order."""
    text = features.text
    value = BASE
    reasons: list[str] = []

    def add(reason: str, weight_key: str | None = None) -> None:
        nonlocal value
        value += WEIGHTS[weight_key or reason]
        reasons.append(reason)

    lowered = text.casefold()
    words = _WORD_RE.findall(lowered)
    vocabulary = set(words)
    if _DIGIT_RE.search(_blank(text, features.date_spans)) or vocabulary & NUMBER_WORDS:
        add("number")
    if features.has_date:
        add("date")
    if features.actor_count:
        add("named actor")
        if features.actor_count >= 2:
            add("several actors")
    if features.has_speaker:
        add("attribution")
    elif features.unnamed_source:
        add("unnamed source")
    if features.is_quote:
        add("quote")
    if (
        vocabulary & COMPARATIVES
        or (" than " in lowered and _COMPARATIVE_RE.search(lowered))
        or ("est " in lowered and _SUPERLATIVE_RE.search(lowered))
    ):
        add("comparative/superlative")
    spaced = f" {lowered} "
    if vocabulary & CAUSAL_WORDS or any(phrase in spaced for phrase in _CAUSAL_PHRASES):
        add("causal")
    if vocabulary & HEDGES:
        for hedge in [w for w in dict.fromkeys(words) if w in HEDGES][:2]:
            add(f"hedge: {hedge}", "hedge")
    if vocabulary & OPINION_WORDS:
        for word in [w for w in dict.fromkeys(words) if w in OPINION_WORDS][:2]:
            add(f"opinion word: {word}", "opinion word")
    if vocabulary & PREDICTION_WORDS or " going to " in spaced:
        add("prediction")
    if features.is_question:
        add("question")
    if len(words) < 6:
        add("short")
    return round(min(1.0, max(0.0, value)), 3), reasons


def _blank(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` with the dates blanked out: the digits of a date do not make a claim numeric."""
    if not spans:
        return text
    pieces = []
    cursor = 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        pieces.append(" ")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
