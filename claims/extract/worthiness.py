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

import itertools
import json
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .worthiness_features import (
    BITS,
    NUMBER_TOKEN,
    ClaimFeatures,
    signals,
    slot,
    tokens,
    word_features,
)

__all__ = ["DECISION_POINT", "ClaimFeatures", "score"]

WEIGHTS_FILE = Path(__file__).with_name("worthiness_weights.json")
REASONS_FOR = 3  # strongest contributions shown on each side
REASONS_AGAINST = 2
# At or above it a claim is check-worthy: the training folds its tuned threshold into the
# intercept so that the logistic crosses exactly here.
DECISION_POINT = 0.5
MIN_REASON = 0.1  # contributions smaller than this explain nothing
_CACHE_LIMIT = 200_000  # per-word and per-pair caches are cleared beyond this (memory bound)


@dataclass(slots=True)
class Model:
    intercept: float
    weights: dict[int, float]
    # word -> (weight of its word and character features, how many features): a word's
    # n-grams depend on the word only, so each distinct word is hashed once per process.
    words: dict[str, tuple[float, int]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], float] = field(default_factory=dict)  # (a, b) -> weight
    signals: dict[str, float] = field(default_factory=dict)

    def word(self, token: str) -> tuple[float, int]:
        if len(self.words) >= _CACHE_LIMIT:
            self.words.clear()
        names = word_features(token)
        get = self.weights.get
        cached = self.words[token] = (sum([get(slot(n), 0.0) for n in names]), len(names))
        return cached

    def pair(self, key: tuple[str, str]) -> float:
        if len(self.pairs) >= _CACHE_LIMIT:
            self.pairs.clear()
        cached = self.pairs[key] = self.weights.get(slot(f"b:{key[0]} {key[1]}"), 0.0)
        return cached

    def signal(self, name: str) -> float:
        cached = self.signals.get(name)
        if cached is None:  # a handful of names: never needs clearing
            cached = self.signals[name] = self.weights.get(slot(f"s:{name}"), 0.0)
        return cached


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
    words = tokens(features.text)
    # The scorer's hot path: comprehensions over the caches, no per-feature hashing.
    known, pair_weights = m.words, m.pairs
    hits = [known.get(t) or m.word(t) for t in words]
    keys = list(itertools.pairwise(words))  # tuples: no string built per pair
    pairs = [pair_weights[k] if k in pair_weights else m.pair(k) for k in keys]
    count = sum([n for _, n in hits]) + len(keys)
    share = 1.0 / math.sqrt(count) if count else 0.0
    structural = [(m.signal(name), name, False) for name in signals(features, words)]
    text_total = sum([w for w, _ in hits]) + sum(pairs)
    margin = m.intercept + text_total * share + sum([v for v, _, _ in structural])
    limit = MIN_REASON / share if share else math.inf
    strong = [(h[0], t) for h, t in zip(hits, words, strict=True) if not -limit < h[0] < limit]
    strong += [(w, " ".join(k)) for w, k in zip(pairs, keys, strict=True) if not -limit < w < limit]
    scaled = [(w * share, k, True) for w, k in strong]
    return _probability(margin), _reasons(scaled + structural)


def _display(name: str, words: bool) -> str:
    if not words:
        return name
    return "a figure" if name == NUMBER_TOKEN else f"'{name.replace(NUMBER_TOKEN, '#')}'"


def _probability(margin: float) -> float:
    """The logistic of the margin, rounded to 3 places without crossing 0.5 (a claim just
    below the decision point must not round up onto it)."""
    value = round(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, margin)))), 3)
    if margin < 0 and value >= DECISION_POINT:
        return DECISION_POINT - 0.001
    return value


def _reasons(parts: list[tuple[float, str, bool]]) -> list[str]:
    """The strongest contributions for, then against, each strongest first: (value, name,
    whether the name is the text's own words, shown in quotes). A word said twice is named
    once."""
    parts = sorted(set(parts))
    pros = [p for p in reversed(parts) if p[0] >= MIN_REASON][:REASONS_FOR]
    cons = [p for p in parts if p[0] <= -MIN_REASON][:REASONS_AGAINST]
    return [f"for: {_display(*p[1:])} ({p[0]:+.2f})" for p in pros] + [
        f"against: {_display(*p[1:])} ({p[0]:+.2f})" for p in cons
    ]
