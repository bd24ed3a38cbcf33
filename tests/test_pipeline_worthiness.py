"""Check-worthiness: the learned model scores concrete claims high and chit-chat low, with
readable reasons, deterministically, from a small committed weights file, without
scikit-learn at runtime. Sentences are invented."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extract import worthiness
from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints
from claims.extract.worthiness import ClaimFeatures, score
from claims.extract.worthiness_features import signals, slot, tokens, vector

ROOT = Path(__file__).resolve().parent.parent

CONCRETE = [
    "Unemployment in the region rose to 7.4 percent last year, the highest rate since 1992.",
    "The new law cut income taxes for 40 million families.",
    "She voted against the defence budget twice in 2019.",
    "Exports to the bloc fell by $3 billion in the first quarter.",
]
CHATTER = [
    "Thank you all so much for coming this evening.",
    "What do you make of that?",
    "I think we need to listen to each other more.",
    "Good evening, everyone.",
    "We will build a better future together.",
]


@pytest.mark.parametrize("text", CONCRETE)
def test_concrete_factual_claims_are_check_worthy(text):
    value, reasons = score(ClaimFeatures(text=text))
    assert value >= 0.5, (value, reasons)
    assert reasons[0].startswith("for: ")


@pytest.mark.parametrize("text", CHATTER)
def test_pleasantries_opinions_and_questions_are_not(text):
    value, reasons = score(ClaimFeatures(text=text))
    assert value < 0.5, (value, reasons)
    assert any(r.startswith("against: ") for r in reasons)


def test_reasons_are_short_readable_strings_for_then_against():
    _, reasons = score(ClaimFeatures(text=CONCRETE[0]))
    assert 1 <= len(reasons) <= worthiness.REASONS_FOR + worthiness.REASONS_AGAINST
    assert all(isinstance(r, str) and len(r) < 60 for r in reasons)
    sides = [r.split(":")[0] for r in reasons]
    assert sides == sorted(sides, key=["for", "against"].index)
    assert "for: number" in " ".join(reasons) or "for: percentage" in " ".join(reasons)
    _, reasons = score(ClaimFeatures(text=CHATTER[1]))
    assert any(r.startswith("against: question") for r in reasons)


def test_structural_signals_move_the_score_the_expected_way():
    text = "Officials met the delegation in the capital"
    plain, _ = score(ClaimFeatures(text=text))
    richer, reasons = score(ClaimFeatures(text=text, has_date=True, actor_count=2))
    assert richer > plain
    assert {"date", "named actor"} & {r.split(" (")[0].removeprefix("for: ") for r in reasons}


def test_dates_alone_do_not_count_as_numbers():
    text = "The summit took place on February 18, 2025."
    features = ClaimFeatures(text=text, has_date=True, date_spans=((25, 43),))
    found = signals(features, tokens(text))
    assert "number" not in found and "date" in found
    assert "number" in signals(ClaimFeatures(text="Three ministers resigned."), ["three"])


def test_score_is_deterministic_bounded_and_rounded():
    features = ClaimFeatures(text="Officials said 40% of the aid arrived.", unnamed_source=True)
    first = score(features)
    assert all(score(features) == first for _ in range(5))
    assert 0.0 <= first[0] <= 1.0 and first[0] == round(first[0], 3)
    assert score(ClaimFeatures(text="")) == score(ClaimFeatures(text=""))


def test_half_is_the_decision_point_and_rounding_never_crosses_it():
    assert worthiness._probability(0.0) == 0.5
    assert worthiness._probability(-1e-6) == 0.499  # would round up to 0.5
    assert worthiness._probability(1e-6) == 0.5
    assert worthiness._probability(1e9) == 1.0 and worthiness._probability(-1e9) == 0.0


def test_the_scorer_sums_exactly_the_training_vector():
    """Runtime scoring and ``vector`` (what training fits) agree to float precision."""
    m = worthiness.model()
    for text in [*CONCRETE, *CHATTER, "Prices rose 5% and 5% again, the party said."]:
        features = ClaimFeatures(text=text, actor_count=1, has_speaker=True)
        margin = m.intercept + sum(m.weights.get(i, 0.0) * v for i, v in vector(features).items())
        expected = worthiness._probability(margin)
        assert score(features)[0] == expected


def test_weights_file_is_small_and_loads():
    path = worthiness.WEIGHTS_FILE
    assert path.stat().st_size < 5_000_000
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["bits"] == 20 and data["training"]["seed"] == 12
    model = worthiness.load(path)
    assert len(model.weights) > 1000 and all(0 <= i < 1 << 20 for i in model.weights)
    assert worthiness.model() is worthiness.model()  # loaded once


def test_a_weights_file_of_other_features_is_refused(tmp_path):
    bad = tmp_path / "w.json"
    bad.write_text(json.dumps({"bits": 18, "intercept": 0, "weights": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match="18 bits"):
        worthiness.load(bad)


def test_hash_is_stable_across_processes():
    import zlib

    assert slot("w:percent") == zlib.crc32(b"w:percent") & ((1 << 20) - 1)
    code = "from claims.extract.worthiness_features import slot; print(slot('c: per'))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert runs == {f"{slot('c: per')}\n"}


def test_runtime_imports_no_scikit_learn_numpy_or_scipy():
    code = (
        "import sys; from claims.extract.pipeline import parse_article; "
        "parse_article('Prices rose 5% in March, the ministry said.'); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sklearn', 'numpy', 'scipy')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[]"


def test_ordering_in_an_article():
    article = parse_article(
        "Marco Rubio, the secretary of state, met Russian officials in Riyadh on "
        "February 18, 2025, for a 4.5-hour discussion. "
        "I think it was lovely and we all enjoyed it. "
        "Analysts say it may work.",
        hints=ArticleHints(title="Talks"),
    )
    concrete, chatter, hedged = (c.check_worthiness for c in article.claims)
    assert concrete >= 0.5 > chatter
    assert concrete > hedged
    assert article.claims[0].check_reasons[0].startswith("for: ")


def test_feature_count_matches_the_named_features():
    """The scorer's length normalisation counts features from token lengths alone."""
    from claims.extract.worthiness_features import feature_count, pair_features, word_features

    for text in [*CONCRETE, *CHATTER, "", "A $5 rise, i.e. 5%.", "Ok"]:
        words = tokens(text)
        named = [n for w in words for n in word_features(w)] + pair_features(words)
        assert feature_count(words) == len(named), text


def test_reasons_name_numbers_and_pairs_readably():
    _, reasons = score(ClaimFeatures(text="Exports fell 40 percent, 40 percent in a year."))
    assert all("<num>" not in r and "''" not in r for r in reasons)
    assert len({r.split(" (")[0] for r in reasons}) == len(reasons)  # each named once


def test_every_reason_reads_back_as_side_phrase_and_weight():
    # The admin shows reasons through parse_reason: whatever score writes must parse.
    text = "Exports fell 4% in May, the ministry said, blaming a strike at the port."
    _, reasons = worthiness.score(worthiness.ClaimFeatures(text=text))
    assert reasons
    parsed = [worthiness.parse_reason(r) for r in reasons]
    assert all(p is not None and p[0] in ("for", "against") for p in parsed), reasons
    assert worthiness.parse_reason("a reason in some other shape") is None


def test_a_reason_weight_reads_as_the_float_formatted(monkeypatch):
    """Reasons write weights from a table of hundredths: the same text as formatting the
    float, rounding ties (x.xx5) included."""
    for weight in (0.125, -0.125, 0.135, 0.3449999, 1.005, -2.675, 0.1, 7.777):
        # One contribution, shown with the scale 1: its text is the reason's weight.
        reasons = worthiness._reasons([weight], ["word"], [], 1.0)
        assert reasons == [f"{'for' if weight > 0 else 'against'}: 'word' ({weight:+.2f})"]


def test_pair_cache_is_bounded_and_scores_stay_the_same(monkeypatch):
    text = "Exports fell 40 percent in a year because the port closed, the minister said."
    expected = score(ClaimFeatures(text=text))
    fresh = worthiness.load()
    monkeypatch.setattr(worthiness, "_model", fresh)
    monkeypatch.setattr(worthiness, "_CACHE_LIMIT", 3)
    assert score(ClaimFeatures(text=text)) == expected
    assert fresh.pairs_learned <= 3 and len(fresh.word_weight) <= 3
    assert score(ClaimFeatures(text=text)) == expected  # again, from the refilled caches


def test_cause_is_found_with_and_without_a_cause_word():
    for text in ("Prices rose due to the drought.", "Prices rose as a result.", "It led to war."):
        assert "cause" in signals(ClaimFeatures(text=text), tokens(text)), text
    for text in ("He resulted nothing.", "Prices rose in May.", "Duet of the year."):
        assert "cause" not in signals(ClaimFeatures(text=text), tokens(text)), text
