#!/usr/bin/env python
"""Train the check-worthiness model and write its weights (issue 12).

    .venv/bin/python scripts/train_worthiness.py [--corpora DIR] [--out FILE] [--report]

Needs the dev extra (scikit-learn). Deterministic: a fixed seed, a fixed solver, sorted
inputs; the same corpora give the same weights file byte for byte.

- Trains on the ClaimBuster crowdsourced set only: the same sentences and labels as CT24
  train (check-worthy ⇔ ``Verdict == 1`` ⇔ CT24 ``Yes``), but it also says which debate each
  sentence comes from. Never reads any public test split, nor CT24 train as well.
- Recency: each training sentence weighs ``2 ** ((year - 2016) / half_life)``, 2016 being the
  newest debate. Political language and topics drift (1960's debates say little about
  today's news); the half-life is tuned on dev-test (2020 debates), with "no decay" among
  the choices.
- Features: each sentence goes through the pure pipeline as a one-sentence article, as in
  the evaluation harness, and the ``ClaimFeatures`` the pipeline builds for its claims are
  captured, so the structural signals are the pipeline's own; ``worthiness_features.vector``
  turns them into the hashed vector the runtime scorer sums.
- Tunes the regularisation and the decision threshold on CT24 dev-test (the only
  independent tuning set), then folds the threshold into the intercept, so that the
  runtime's sigmoid is 0.5 exactly at the tuned threshold.
- Reports 5-fold cross-validated F1 on train (at the tuned settings) and the all-yes floors.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

try:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
except ImportError:  # pragma: no cover - the dev extra is missing
    sys.exit("train_worthiness: needs scikit-learn: make install-dev (the dev extra)")

from extraction_eval import CT24, DEFAULT_CORPORA, read_ct24  # noqa: E402

from claims.extract import pipeline  # noqa: E402
from claims.extract.errors import ArticleError  # noqa: E402
from claims.extract.worthiness_features import BITS, ClaimFeatures, vector  # noqa: E402

SEED = 12
# Session 6 (bench/RESULTS.md) tried C 2-6 and half-lives 6-12 on dev-test: C below 4 was
# never best, so the grid starts there; C 6 and a half-life of 6 years were added.
GRID_C = (4.0, 6.0, 8.0)
GRID_HALF_LIFE = (6.0, 8.0, 16.0, math.inf)  # years; inf: every debate weighs the same
NEWEST = 2016
NO_CLAIM = -1e6  # the margin of a sentence the pipeline makes no claim of
CLAIMBUSTER = Path("checkworthiness/claimbuster_crowdsourced.csv")
WEIGHT_DIGITS = 4  # weights are stored rounded: 4 decimals change no decision on dev-test
MIN_WEIGHT = 1e-4  # weights smaller than this are left out of the file
DEFAULT_OUT = ROOT / "claims" / "extract" / "worthiness_weights.json"


def pipeline_features(text: str) -> tuple[ClaimFeatures, bool]:
    """The features the pipeline scores for a one-sentence article (merged when it splits
    the text into several claims), and whether it makes a claim of it at all (the bare
    text's features when not: still something to learn from)."""
    seen: list[ClaimFeatures] = []

    def capture(features: ClaimFeatures) -> tuple[float, list[str]]:
        seen.append(features)
        return 0.0, []

    with mock.patch.object(pipeline, "score", capture), contextlib.suppress(ArticleError):
        pipeline.parse_article(text)
    if not seen:
        return ClaimFeatures(text=text), False
    merged = ClaimFeatures(
        text=text,
        has_date=any(f.has_date for f in seen),
        actor_count=max(f.actor_count for f in seen),
        has_speaker=any(f.has_speaker for f in seen),
        unnamed_source=any(f.unnamed_source for f in seen),
        is_quote=any(f.is_quote for f in seen),
        is_question=any(f.is_question for f in seen),
        date_spans=_shifted_dates(text, seen),
    )
    return merged, True


def _shifted_dates(text: str, seen: Sequence[ClaimFeatures]) -> tuple[tuple[int, int], ...]:
    """Date spans of the claims, moved to offsets in the whole text."""
    spans = []
    for f in seen:
        base = text.find(f.text)
        if base >= 0:
            spans += [(base + a, base + b) for a, b in f.date_spans]
    return tuple(sorted(spans))


def read_claimbuster(path: Path) -> tuple[list[tuple[str, bool]], list[int]]:
    """(sentence, check-worthy) rows and each row's debate year."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [(r["Text"], r["Verdict"] == "1") for r in rows], [int(r["File_id"][:4]) for r in rows]


def recency(years: Sequence[int], half_life: float) -> np.ndarray:
    return np.power(2.0, (np.array(years, dtype=np.float64) - NEWEST) / half_life)


def matrix(rows: Sequence[tuple[str, bool]]) -> tuple[csr_matrix, np.ndarray, np.ndarray]:
    """Features, labels, and which rows the pipeline makes a claim of."""
    data, indices, indptr, claimed = [], [], [0], []
    for text, _ in rows:
        features, made = pipeline_features(text)
        claimed.append(made)
        vec = vector(features)
        for index in sorted(vec):
            indices.append(index)
            data.append(vec[index])
        indptr.append(len(indices))
    x = csr_matrix((data, indices, indptr), shape=(len(rows), 1 << BITS), dtype=np.float64)
    return x, np.array([label for _, label in rows], dtype=np.int8), np.array(claimed)


def model(c: float) -> LogisticRegression:
    # Balanced classes: a quarter of the training sentences are check-worthy, a third of
    # dev-test's; balancing keeps the tuned threshold near the model's own zero.
    return LogisticRegression(
        C=c, solver="liblinear", class_weight="balanced", random_state=SEED, max_iter=2000
    )


def f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    tp = int(np.sum(gold & predicted))
    fp = int(np.sum(predicted & ~gold))
    fn = int(np.sum(gold & ~predicted))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def all_yes(gold: np.ndarray) -> float:
    return 2 * int(gold.sum()) / (int(gold.sum()) + len(gold))


def best_threshold(gold: np.ndarray, margins: np.ndarray) -> tuple[float, float]:
    """(threshold on the margin, F1): cuts lie halfway between adjacent dev-test margins, so
    none sits on a sentence's own score; of the cuts reaching the best F1, the middle one."""
    order = np.unique(margins)
    cuts = np.concatenate([[order[0] - 1], (order[1:] + order[:-1]) / 2])
    scores = [f1(gold.astype(bool), margins >= t) for t in cuts]
    top = max(scores)
    best = [t for t, s in zip(cuts, scores, strict=True) if s == top]
    return float(best[len(best) // 2]), top


def tune(x, y, years: Sequence[int], xd, yd, claimed: np.ndarray) -> dict[str, float]:
    """The grid's best on dev-test; ties go to less decay, then to more regularisation.
    A sentence the pipeline makes no claim of (a question) is never check-worthy there, so
    it is scored as the lowest here too: tuning sees what the harness measures."""
    results = []
    for half_life in GRID_HALF_LIFE:
        weights = recency(years, half_life)
        for c in GRID_C:
            fitted = model(c).fit(x, y, sample_weight=weights)
            margins = np.where(claimed, fitted.decision_function(xd), NO_CLAIM)
            threshold, score = best_threshold(yd, margins)
            results.append({"C": c, "half_life": half_life, "threshold": threshold, "f1": score})
            print(f"  half-life {half_life}, C={c}: dev-test F1 {score:.3f} at {threshold:+.3f}")
    return max(results, key=lambda r: (r["f1"], r["half_life"], -r["C"]))


def cross_validated_margins(x, y, weights: np.ndarray, c: float) -> np.ndarray:
    """Each train sentence's margin from a model fitted on the other four folds."""
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    margins = np.zeros(len(y))
    for train, held in folds.split(np.zeros(len(y)), y):
        fitted = model(c).fit(x[train], y[train], sample_weight=weights[train])
        margins[held] = fitted.decision_function(x[held])
    return margins


def cross_validated(x, y, weights: np.ndarray, c: float, threshold: float) -> float:
    """F1 on train at ``threshold``, each sentence predicted by a model fitted on the other
    four folds."""
    return f1(y.astype(bool), cross_validated_margins(x, y, weights, c) >= threshold)


def weights_file(fitted: LogisticRegression, threshold: float, meta: dict) -> dict:
    coef = fitted.coef_[0]
    nonzero = [int(i) for i in np.flatnonzero(np.abs(coef) >= MIN_WEIGHT)]
    return {
        "format": "claimtracker-worthiness/1",
        "bits": BITS,
        "hash": "crc32(utf-8 name) & (2**bits - 1); see claims/extract/worthiness_features.py",
        # The tuned threshold folded in: sigmoid(intercept + sum) is 0.5 exactly there.
        "intercept": round(float(fitted.intercept_[0]) - threshold, WEIGHT_DIGITS),
        "weights": {str(i): round(float(coef[i]), WEIGHT_DIGITS) for i in nonzero},
        "training": meta,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-cv", action="store_true", help="skip the 5-fold cross-validation")
    args = parser.parse_args(argv)
    corpora = args.corpora.resolve()
    paths = [corpora / CLAIMBUSTER, corpora / CT24["dev-test"]]
    if missing := [p for p in paths if not p.exists()]:
        print(f"train_worthiness: corpora not found: {missing[0]}", file=sys.stderr)
        return 2
    (train, years), dev = read_claimbuster(paths[0]), read_ct24(paths[1])
    x, y, _ = matrix(train)
    xd, yd, claimed = matrix(dev)
    print(f"train {len(y)} ({int(y.sum())} Yes), dev-test {len(yd)} ({int(yd.sum())} Yes)")
    best = tune(x, y, years, xd, yd, claimed)
    weights = recency(years, best["half_life"])
    fitted = model(best["C"]).fit(x, y, sample_weight=weights)
    meta = {
        "data": "ClaimBuster crowdsourced (= CT24 English train), tuned on CT24 dev-test",
        "seed": SEED,
        "C": best["C"],
        "recency_half_life_years": best["half_life"] if math.isfinite(best["half_life"]) else None,
        "threshold": round(best["threshold"], 4),
        "dev_test_f1": round(best["f1"], 4),
        "dev_test_all_yes_f1": round(all_yes(yd), 4),
        "train_all_yes_f1": round(all_yes(y), 4),
    }
    if not args.no_cv:
        margins = cross_validated_margins(x, y, weights, best["C"])
        meta["train_cv5_f1"] = round(f1(y.astype(bool), margins >= best["threshold"]), 4)
        # At train's own best threshold: train has fewer check-worthy sentences (23 %) than
        # dev-test (34 %), so its best cut lies higher than the one tuned on dev-test.
        meta["train_cv5_best_threshold_f1"] = round(best_threshold(y, margins)[1], 4)
    out = weights_file(fitted, best["threshold"], meta)
    args.out.write_text(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n")
    size = args.out.stat().st_size
    print(json.dumps(meta, indent=2))
    print(f"wrote {args.out} ({len(out['weights'])} weights, {size / 1e6:.2f} MB)")
    return 0 if math.isfinite(out["intercept"]) else 1


if __name__ == "__main__":
    sys.exit(main())
