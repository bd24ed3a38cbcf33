"""The check-worthiness model's features: one definition for training and for scoring.

A sentence becomes a sparse vector of named features, each hashed to a fixed slot:

- ``w:<word>``: a lower-cased word (numbers folded to ``<num>``, so "40" and "1,200" are one
  feature: what generalises is *that* there is a figure, not which);
- ``b:<word> <word>``: adjacent word pairs ("percent of", "voted against");
- ``c:<ngram>``: character 3- to 5-grams inside each word padded with spaces, which carry
  morphology ("-est", "-illion", "un-") to words the training set never saw;
- ``s:<signal>``: structural signals the pipeline finds (a number outside the dates, a
  date, named actors, an attribution, a quote, a comparison, a cause, hedges, opinion
  words, a prediction, a question, the length), named so an editor can read them.

Word, pair and character features share one length normalisation (each counts
``1/sqrt(number of text features)``), so a long sentence is not check-worthy merely for
having many words; the structural signals count 1 each.

The hash is CRC-32 of the UTF-8 feature name (``zlib``: stable across processes, machines
and Python versions, unlike ``hash()``), masked to ``BITS`` bits. Training
(``scripts/train_worthiness.py``) calls these same functions, so runtime scoring reproduces
the training features exactly, with no scikit-learn.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import word_set

BITS = 20
MASK = (1 << BITS) - 1
CHAR_SIZES = (3, 4, 5)
NUMBER_TOKEN = "<num>"

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
_CAUSAL_RE = re.compile(r"\b(?:due to|led to|leads to|resulted in|as a result)\b")
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
# Words, numbers (with their separators) and the symbols that make a figure a quantity.
TOKEN_RE = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*|[$%€£]")
_DIGIT_RE = re.compile(r"\d")
_COMPARATIVE_RE = re.compile(r"\b[a-z]{2,}er than\b")
_SUPERLATIVE_RE = re.compile(r"\bthe [a-z]{3,}est\b")


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """What the pipeline knows about a claim when it scores it."""

    text: str
    has_date: bool = False
    actor_count: int = 0
    has_speaker: bool = False
    unnamed_source: bool = False
    is_quote: bool = False
    is_question: bool = False
    date_spans: tuple[tuple[int, int], ...] = ()  # offsets of the dates (not numbers)


def slot(name: str) -> int:
    """The feature's index: CRC-32 of its name, masked to ``BITS`` bits."""
    return zlib.crc32(name.encode("utf-8")) & MASK


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, every number folded to one token."""
    return [NUMBER_TOKEN if t[0].isdigit() else t for t in TOKEN_RE.findall(text.casefold())]


def word_features(token: str) -> list[str]:
    """The features one word brings on its own: itself and its character n-grams."""
    if token == NUMBER_TOKEN or len(token) == 1:
        return [f"w:{token}"]
    padded = f" {token} "
    grams = [f"c:{padded[i : i + n]}" for n in CHAR_SIZES for i in range(len(padded) - n + 1)]
    return [f"w:{token}", *grams]


def pair_features(words: list[str]) -> list[str]:
    return [f"b:{a} {b}" for a, b in itertools.pairwise(words)]


def vector(features: ClaimFeatures) -> dict[int, float]:
    """The sparse feature vector (slot -> value) training sees; scoring sums the same terms
    without building it."""
    words = tokens(features.text)
    names = [name for t in words for name in word_features(t)] + pair_features(words)
    out: dict[int, float] = {}
    if names:
        share = 1.0 / math.sqrt(len(names))
        for name in names:
            index = slot(name)
            out[index] = out.get(index, 0.0) + share
    for signal in signals(features, words):
        index = slot(f"s:{signal}")
        out[index] = out.get(index, 0.0) + 1.0
    return out


def signals(features: ClaimFeatures, words: list[str]) -> list[str]:
    """The structural signals present, by their readable names (``s:`` dropped)."""
    text = features.text
    found: list[str] = []
    vocabulary = set(words)
    lowered = text.casefold()
    if vocabulary & NUMBER_WORDS or (
        NUMBER_TOKEN in vocabulary and _DIGIT_RE.search(_blank(text, features.date_spans))
    ):
        found.append("number")
    if "%" in vocabulary or "percent" in vocabulary:
        found.append("percentage")
    if vocabulary & {"$", "€", "£", "dollars", "billion", "million", "trillion"}:
        found.append("money or large amount")
    if features.has_date:
        found.append("date")
    if features.actor_count:
        found.append("named actor")
        if features.actor_count >= 2:
            found.append("several actors")
    if features.has_speaker:
        found.append("attribution")
    elif features.unnamed_source:
        found.append("unnamed source")
    if features.is_quote:
        found.append("quote")
    if (
        vocabulary & COMPARATIVES
        or (" than " in lowered and _COMPARATIVE_RE.search(lowered))
        or ("est " in lowered and _SUPERLATIVE_RE.search(lowered))
    ):
        found.append("comparison")
    if vocabulary & CAUSAL_WORDS or _CAUSAL_RE.search(lowered):
        found.append("cause")
    if vocabulary & HEDGES:
        found.append("hedge")
    if vocabulary & OPINION_WORDS:
        found.append("opinion word")
    if vocabulary & PREDICTION_WORDS or "going to" in lowered:
        found.append("prediction")
    if features.is_question or text.rstrip().endswith("?"):
        found.append("question")
    found.append(_length(len(words)))
    return found


def _length(count: int) -> str:
    if count < 6:
        return "short"
    if count < 13:
        return "medium length"
    return "long" if count < 30 else "very long"


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the dates blanked out: the digits of a date do not make a claim numeric."""
    pieces = []
    cursor = 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        pieces.append(" ")
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)
