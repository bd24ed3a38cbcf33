"""How worth checking a claim is: a learned, deterministic score in [0, 1] with its reasons.

A logistic regression trained on public check-worthiness data (``scripts/train_worthiness.py``;
the README's "Check-worthiness model" says on what, and how well). Its weights live in
``worthiness_weights.json`` beside this module, read once, on first use. Scoring is plain
Python: the features of ``worthiness_features`` hashed with CRC-32, their weights summed and
squashed by the logistic function. The tuned decision threshold is folded into the intercept,
so **0.5 is the decision point**: at or above it a claim is check-worthy.

The reasons are the strongest contributions for and against, in words an editor can read:
the structural signals by name ("number", "question"), and words or word pairs in quotes,
each word carrying the weight of its character n-grams too.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Callable, Hashable
from itertools import islice, repeat
from operator import getitem, truediv
from pathlib import Path

from .worthiness_features import (
    BITS,
    NUMBER_TOKEN,
    TOKEN_RE,
    ClaimFeatures,
    feature_count,
    lexical_bits,
    pair_feature,
    signals,
    slot,
    word_features,
)

__all__ = ["DECISION_POINT", "ClaimFeatures", "parse_reason", "score"]

WEIGHTS_FILE = Path(__file__).with_name("worthiness_weights.json")
REASONS_FOR = 3  # strongest contributions shown on each side
REASONS_AGAINST = 2
# At or above it a claim is check-worthy: the training folds its tuned threshold into the
# intercept so that the logistic crosses exactly here.
DECISION_POINT = 0.5
MIN_REASON = 0.1  # contributions smaller than this explain nothing
_CACHE_LIMIT = 200_000  # per-word and per-pair caches are cleared beyond this (memory bound)


class _Memo(dict):
    """A cache whose missing keys ``learn`` computes and stores: looked up with a C-level
    ``map(memo.__getitem__, keys)``, a hit costs no Python call."""

    __slots__ = ("learn",)

    def __init__(self, learn: Callable[[Hashable], None]) -> None:
        super().__init__()
        self.learn = learn

    def __missing__(self, key: Hashable) -> object:
        self.learn(key)
        return self[key]


class _Followers(dict):
    """For one first word: second word -> the weight of the pair. Nested under the first
    word, so a pair costs two lookups of words the tokenizer made (their hashes cached) and
    no string built for it."""

    __slots__ = ("first", "model")

    def __init__(self, model: Model, first: str) -> None:
        super().__init__()
        self.model, self.first = model, first

    def __missing__(self, second: str) -> float:
        model = self.model
        model.pairs_learned += 1
        value = self[second] = model.weights.get(slot(pair_feature(self.first, second)), 0.0)
        return value


class Model:
    """The weights, and per-process caches of what depends on one word, one word pair or one
    signal name only: each is hashed once, not once per claim."""

    __slots__ = (
        "intercept",
        "pair_weight",
        "pairs_learned",
        "signal_weight",
        "weights",
        "word_weight",
    )

    def __init__(self, intercept: float, weights: dict[int, float]) -> None:
        self.intercept = intercept
        self.weights = weights
        self.word_weight = _Memo(self._learn_word)  # its word and character features' sum
        self.pair_weight = _Memo(self._learn_first)  # a -> b -> weight of the pair "a b"
        self.pairs_learned = 0
        self.signal_weight = _Memo(self._learn_signal)  # a handful: never cleared

    def _learn_word(self, token: str) -> None:
        if len(self.word_weight) >= _CACHE_LIMIT:
            self.word_weight.clear()
        get = self.weights.get
        self.word_weight[token] = sum([get(slot(n), 0.0) for n in word_features(token)])

    def _learn_first(self, token: str) -> None:
        if self.pairs_learned >= _CACHE_LIMIT:
            self.pair_weight.clear()
            self.pairs_learned = 0
        self.pair_weight[token] = _Followers(self, token)

    def _learn_signal(self, name: str) -> None:
        self.signal_weight[name] = self.weights.get(slot(f"s:{name}"), 0.0)


_model: Model | None = None
_lock = threading.Lock()


def load(path: Path = WEIGHTS_FILE) -> Model:
    """The model from a weights file (see ``scripts/train_worthiness.py`` for its format)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("bits") != BITS:
        raise ValueError(f"{path}: weights hashed to {data.get('bits')} bits, features to {BITS}")
    weights = {int(k): float(v) for k, v in data["weights"].items()}
    return Model(float(data["intercept"]), weights)


def model() -> Model:
    """The committed model, loaded once per process on first use."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = load()
    return _model


def score(features: ClaimFeatures) -> tuple[float, list[str]]:
    """(score, reasons). Same input, same output; reasons strongest first, "for" before
    "against"."""
    m = model()
    text = features.text
    lowered = text.lower() if text.isascii() else text.casefold()  # = lower(text), inline
    words = TOKEN_RE.findall(lowered)  # = worthiness_features.tokens
    # The hot path: C-level lookups in the caches, no per-feature hashing, no Python loop.
    values = list(map(m.word_weight.__getitem__, words))
    # Each word's followers looked up with the next word (map stops at the shorter input).
    values += map(getitem, map(m.pair_weight.__getitem__, words), islice(words, 1, None))
    count = feature_count(words)
    share = 1.0 / math.sqrt(count) if count else 0.0
    found = signals(features, words, lexical_bits(words), lowered)
    structural = list(map(m.signal_weight.__getitem__, found))
    margin = m.intercept + sum(values) * share + sum(structural)
    # Reasons compare text contributions before their scaling by ``share``.
    scale = share or 1.0
    values += map(truediv, structural, repeat(scale))
    return _probability(margin), _reasons(values, words, found, scale)


def _probability(margin: float) -> float:
    """The logistic of the margin, rounded to 3 places without crossing 0.5 (a claim just
    below the decision point must not round up onto it)."""
    value = round(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, margin)))), 3)
    if margin < 0 and value >= DECISION_POINT:
        return DECISION_POINT - 0.001
    return value


def _reasons(values: list[float], words: list[str], found: list[str], scale: float) -> list[str]:
    """The strongest contributions for, then against, each strongest first. ``values`` are
    the contributions, divided by ``scale``, of the words, the pairs of adjacent words and
    the signals ``found``, in that order. Only the few shown are named: one C-level sort of
    the floats, then each value found back by its first index not yet taken. (Naming is
    inline, not a helper: five calls a claim, a few percent of the scorer.)"""
    ranked = sorted(values)
    limit = MIN_REASON / scale
    n = len(words)
    pairs = n - 1 if n else 0
    out: list[str] = []
    for side, sign, count, order in (
        ("for: ", 1, REASONS_FOR, reversed(ranked)),
        ("against: ", -1, REASONS_AGAINST, ranked),
    ):
        shown: list[str] = []
        previous, at = None, -1
        for value in order:
            if sign * value < limit:
                break
            at = values.index(value, at + 1) if value == previous else values.index(value)
            previous = value
            # The name: a word in quotes (a number: "a figure"), a pair, or a signal's own.
            if at < n:
                name = "a figure" if words[at] == NUMBER_TOKEN else f"'{words[at]}'"
            elif at - n < pairs:
                name = f"'{words[at - n] or '#'} {words[at - n + 1] or '#'}'"
            else:
                name = found[at - n - pairs]
            if name in shown:
                continue  # a word said twice is named once
            shown.append(name)
            weight = value * scale
            hundredths = weight * 100.0
            whole = round(hundredths)
            # = f"{weight:+.2f}" (a shown weight is never near 0), from a table unless
            # within a hair of a rounding tie, where only exact decimal rounding will do.
            shown_weight = (
                _HUNDREDTHS[whole] if -0.499 < hundredths - whole < 0.499 else f"{weight:+.2f}"
            )
            out.append(f"{side}{name} ({shown_weight})")
            if len(shown) == count:
                break
    return out


class _Hundredths(dict):
    """n -> n hundredths written with a sign and two decimals ("+0.42"), made once: cheaper
    to look up than to format a float."""

    def __missing__(self, whole: int) -> str:
        text = self[whole] = f"{whole / 100:+.2f}"
        return text


_HUNDREDTHS = _Hundredths()


# The shape ``_reasons`` writes: "for: 'word' (+0.42)", "against: a figure (-0.10)".
_REASON_RE = re.compile(r"^(for|against): (.+) \(([+-]\d+(?:\.\d+)?)\)$")


def parse_reason(reason: str) -> tuple[str, str, str] | None:
    """(side, phrase, signed weight) of a reason ``score`` gave; None for another shape (a
    claim scored by an older version, or edited by hand)."""
    match = _REASON_RE.match(reason)
    return match.groups() if match else None  # type: ignore[return-value]
