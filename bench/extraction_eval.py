#!/usr/bin/env python
"""Extraction quality on public corpora (issue 12): attribution, sentences, check-worthiness,
speed of the pure pipeline.

    python bench/extraction_eval.py [--corpora DIR] [--json] [--only attribution,sentences,...]

The corpora are read from ``<repo>/../shared/corpora`` unless ``--corpora`` says otherwise
(see that folder's README); they are never copied into the repository. Without them the
script prints where it looked and exits 2. Needs no Django and no database: it runs
``claims.extract.pipeline.parse_article``, which is pure.

- attribution: PolNeAR dev, the alphabetically first .ann file of each article
  (``attribution_eval`` says how claims meet the gold spans);
- sentences: the pySBD Golden Rules passed exactly, and how often the splitter cuts inside a
  PolNeAR Source or Cue span. PolNeAR has no sentence annotation, so there is no boundary F1:
  a Source ("Sen. Tim Kaine") or Cue never crosses a sentence end, so every cut inside one
  is wrong, but that gives negatives only;
- check-worthiness: each CT24 sentence parsed as a one-sentence article (as in real use), the
  highest claim score compared with 0.5; a sentence the pipeline makes no claim of (a
  question, a fragment) scores 0;
  The model was trained on the train sentences (ClaimBuster's copy of them), so its train
  row is in-sample; the cross-validated train F1 is the one training measured (in the
  weights file), or, with ``--only cv``, measured again here (needs the dev extra);
- speed: sentences per second of ``parse_article`` over the PolNeAR dev texts, median of 3;
- scorer: sentences per second of the check-worthiness scorer alone (``worthiness.score``
  on CT24 train sentences, features built beforehand), median of 3;
- boilerplate: datelines, labels and credits left in claims, and titles, on the PolNeAR train
  and dev texts (``boilerplate_eval`` says how).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "scripts")]

from attribution_eval import AttributionScore, Claim, map_spans, ratio, read_ann  # noqa: E402
from boilerplate_eval import boilerplate, report_lines  # noqa: E402

from claims.extract.errors import ArticleError  # noqa: E402
from claims.extract.pipeline import parse_article  # noqa: E402
from claims.extract.sentences import split_sentences  # noqa: E402
from claims.extract.types import KnownActor, KnownActorSnapshot  # noqa: E402
from claims.extract.worthiness import DECISION_POINT, WEIGHTS_FILE, ClaimFeatures  # noqa: E402
from claims.extract.worthiness import score as worthiness_score  # noqa: E402

DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
GAZETTEER = ROOT / "claims" / "data" / "gazetteer.json"
POLNEAR_DEV = Path("attribution/polnear/dev")
POLNEAR_TRAIN = Path("attribution/polnear/train")
GOLDEN_RULES = Path("sentences/pysbd_english_golden_rules.json")
CT24 = {
    "dev-test": Path("checkworthiness/ct24_dev-test.tsv"),
    "train": Path("checkworthiness/ct24_train.tsv"),
}
THRESHOLD = DECISION_POINT  # the model's decision point (check-worthy at or above it)
ADMIN_BANDS = (0.4, 0.7)  # WorthinessBandFilter: medium from 0.4, high from 0.7
SECTIONS = ("attribution", "sentences", "worthiness", "speed", "scorer", "boilerplate")
OPTIONAL = ("cv",)  # run only when named: five model fits, minutes, and scikit-learn
# Skipped spans that are sentences (the rest are whole title/heading paragraphs).
SENTENCE_SKIPS = frozenset(
    {"fragment", "overlong", "question", "boilerplate", "caption", "media prompt", "share", "tags"}
)


# --- Corpora ---------------------------------------------------------------------------------


def missing_corpora(corpora: Path, sections: Sequence[str]) -> list[Path]:
    needed = {
        "attribution": [POLNEAR_DEV],
        "sentences": [GOLDEN_RULES, POLNEAR_DEV],
        "worthiness": list(CT24.values()),
        "speed": [POLNEAR_DEV],
        "boilerplate": [POLNEAR_DEV],  # and the train split, when it is there
        "scorer": [CT24["train"]],
        "cv": [Path("checkworthiness/claimbuster_crowdsourced.csv")],
    }
    return [corpora / p for s in sections for p in needed[s] if not (corpora / p).exists()]


def polnear_articles(dev: Path) -> list[tuple[str, str]]:
    """(raw text, .ann text) per article: the alphabetically first annotator's file."""
    pairs = []
    for txt in sorted((dev / "text").glob("*.txt")):
        anns = sorted((dev / "attributions").glob(f"{txt.stem}_*.ann"))
        if anns:
            pairs.append((txt.read_text(encoding="utf-8"), anns[0].read_text(encoding="utf-8")))
    return pairs


def read_ct24(path: Path) -> list[tuple[str, bool]]:
    """(sentence, check-worthy) rows; QUOTE_NONE, then unwrap CSV-style quoting."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for _sid, text, label in rows[1:]:
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1].replace('""', '"')
        out.append((text, label.strip() == "Yes"))
    return out


# --- Sections --------------------------------------------------------------------------------


def gazetteer() -> KnownActorSnapshot:
    """The countries and organisations a fresh database starts with (migration 0004): the
    known actors the importer would pass, so "the State Department said" can name its
    speaker here as it does in production."""
    actors = json.loads(GAZETTEER.read_text(encoding="utf-8"))["actors"]
    return KnownActorSnapshot(
        tuple([KnownActor(a["name"], a["kind"], tuple(a.get("aliases", ()))) for a in actors]),
        generation=1,
    )


def attribution(articles: Sequence[tuple[str, str]]) -> dict[str, object]:
    score = AttributionScore()
    known = gazetteer()
    for raw, ann in articles:
        parsed = parse_article(raw, known_actors=known)
        spans = map_spans(raw, [c.text for c in parsed.claims])
        claims = [
            Claim(s, c.speaker, c.attribution) for s, c in zip(spans, parsed.claims, strict=True)
        ]
        score.add_article(raw, read_ann(ann, raw), claims)
    return score.as_dict()


def golden_rules(path: Path) -> dict[str, object]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    failed = []
    for case in cases:
        text = case["text"]
        got = [text[a:b].strip() for a, b in split_sentences(text)]
        if got != [s.strip() for s in case["expected"]]:
            failed.append({"id": case.get("id"), "rule": case.get("rule"), "got": got})
    return {"cases": len(cases), "passed": len(cases) - len(failed), "failed": failed}


def sentence_ends(raw: str) -> set[int]:
    """Where the splitter ends a sentence inside a paragraph (raw offsets; the last sentence
    of each line is left out, as a line end is a paragraph end)."""
    ends: set[int] = set()
    offset = 0
    for line in raw.split("\n"):
        ends.update(offset + end for _start, end in split_sentences(line)[:-1])
        offset += len(line) + 1
    return ends


def splits_inside_spans(articles: Sequence[tuple[str, str]]) -> dict[str, object]:
    """Cuts the splitter makes strictly inside gold Source and Cue spans (always wrong)."""
    spans = cut = candidates = 0
    for raw, ann in articles:
        ends = sentence_ends(raw)
        for gold in read_ann(ann, raw):
            for frags in {gold.source, gold.cue} - {None}:
                for a, b in frags:
                    spans += 1
                    candidates += sum(
                        1 for i in range(a, b - 1) if raw[i] in ".?!…" and raw[i + 1].isspace()
                    )
                    cut += sum(1 for e in ends if a < e < b)
    return {
        "source_and_cue_spans": spans,
        "end_punctuation_inside_them": candidates,
        "splits_inside_them": cut,
        "split_rate_at_that_punctuation": ratio(cut, candidates),
    }


def f1_report(gold: Sequence[bool], predicted: Sequence[bool]) -> dict[str, float | int | None]:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = ratio(2 * tp, 2 * tp + fp + fn)
    positives = sum(gold)
    floor = ratio(2 * positives, positives + len(gold))  # all-yes: precision = share of Yes
    return {
        "n": len(gold),
        "positives": positives,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "all_yes_f1": floor,
    }


def sentence_score(text: str) -> tuple[float, bool]:
    """(highest claim score, whether the pipeline made a claim) of one sentence as an article."""
    try:
        claims = parse_article(text).claims
    except ArticleError:
        return 0.0, False
    return max((c.check_worthiness for c in claims), default=0.0), bool(claims)


def worthiness(rows: Sequence[tuple[str, bool]]) -> dict[str, object]:
    scored = [sentence_score(text) for text, _ in rows]
    gold = [g for _, g in rows]
    report = f1_report(gold, [s >= THRESHOLD for s, _ in scored])
    # Context, not the result: F1 at the admin's bands, and at the best cut-off on the set
    # itself (tuned on what it measures, so optimistic).
    at = {t: f1_report(gold, [s >= t for s, _ in scored])["f1"] for t in ADMIN_BANDS}
    cuts = sorted({s for s, _ in scored})
    best = max(cuts, key=lambda t: f1_report(gold, [s >= t for s, _ in scored])["f1"] or 0)
    best_f1 = f1_report(gold, [s >= best for s, _ in scored])["f1"]
    return {
        **report,
        "threshold": THRESHOLD,
        "no_claim": sum(not made for _, made in scored),
        "f1_at_admin_bands": at,
        "best_threshold": best,
        "f1_at_best_threshold": best_f1,
    }


def speed(articles: Sequence[tuple[str, str]], runs: int = 3) -> dict[str, object]:
    rates, sentences = [], 0
    for _ in range(runs):
        sentences = 0
        started = time.perf_counter()
        for raw, _ann in articles:
            parsed = parse_article(raw)  # (no known actors, as in the recorded baselines)
            sentences += len(parsed.claims) + sum(
                s.reason in SENTENCE_SKIPS for s in parsed.skipped
            )
        rates.append(sentences / (time.perf_counter() - started))
    return {
        "articles": len(articles),
        "sentences": sentences,
        "runs": [round(r) for r in rates],
        "sentences_per_second": round(statistics.median(rates)),
    }


def training_record() -> dict[str, object]:
    """What training measured, as the weights file records it."""
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")).get("training", {})


def scorer_speed(texts: Sequence[str], runs: int = 3) -> dict[str, object]:
    features = [ClaimFeatures(text=t) for t in texts]
    worthiness_score(features[0])  # the one-off load of the weights is not timed
    # The first pass fills the per-word caches (a long-running worker's steady state is
    # warm); it is reported apart, as the cold rate.
    started = time.perf_counter()
    for f in features:
        worthiness_score(f)
    cold = len(features) / (time.perf_counter() - started)
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        for f in features:
            worthiness_score(f)
        rates.append(len(features) / (time.perf_counter() - started))
    return {
        "sentences": len(features),
        "cold_first_pass": round(cold),
        "runs": [round(r) for r in rates],
        "sentences_per_second": round(statistics.median(rates)),
    }


def cross_validation(corpora: Path) -> dict[str, object]:
    """5-fold cross-validated train F1 at the committed model's settings (scikit-learn)."""
    try:
        import train_worthiness as tw
    except SystemExit as missing:  # the script exits with a message without scikit-learn
        return {"error": str(missing)}
    record = training_record()
    rows, years = tw.read_claimbuster(corpora / tw.CLAIMBUSTER)
    x, y, _ = tw.matrix(rows)
    half_life = record.get("recency_half_life_years") or float("inf")
    weights = tw.recency(years, float(half_life))  # type: ignore[arg-type]
    f1 = tw.cross_validated(x, y, weights, float(record["C"]), float(record["threshold"]))  # type: ignore[arg-type]
    return {"train_cv5_f1": round(f1, 4), "all_yes_f1": round(tw.all_yes(y), 4)}


def evaluate(corpora: Path, sections: Sequence[str]) -> dict[str, object]:
    needs_polnear = set(sections) & {"attribution", "sentences", "speed"}
    articles = polnear_articles(corpora / POLNEAR_DEV) if needs_polnear else []
    result: dict[str, object] = {"corpora": str(corpora)}
    if "attribution" in sections:
        result["attribution"] = attribution(articles)
    if "sentences" in sections:
        result["sentences"] = {
            "golden_rules": golden_rules(corpora / GOLDEN_RULES),
            "polnear_dev": splits_inside_spans(articles),
        }
    if "worthiness" in sections:
        result["worthiness"] = {
            name: worthiness(read_ct24(corpora / p)) for name, p in CT24.items()
        }
        result["worthiness"]["model"] = training_record()
    if "speed" in sections:
        result["speed"] = speed(articles)
    if "boilerplate" in sections:
        texts = [
            path.read_text(encoding="utf-8")
            for split in (POLNEAR_TRAIN, POLNEAR_DEV)
            for path in sorted((corpora / split / "text").glob("*.txt"))  # (none: no split)
        ]
        result["boilerplate"] = boilerplate(texts)
    if "scorer" in sections:
        result["scorer"] = scorer_speed([text for text, _ in read_ct24(corpora / CT24["train"])])
    if "cv" in sections:
        result["cv"] = cross_validation(corpora)
    return result


# --- Report ----------------------------------------------------------------------------------


def pct(value: object) -> str:
    return "—" if value is None else f"{100 * float(value):.1f} %"  # type: ignore[arg-type]


def text_report(result: dict[str, object]) -> str:
    lines = [f"corpora: {result['corpora']}"]
    if "attribution" in result:
        lines += _attribution_lines(result["attribution"])  # type: ignore[arg-type]
    if "sentences" in result:
        sentences = result["sentences"]
        rules, polnear = sentences["golden_rules"], sentences["polnear_dev"]  # type: ignore[index]
        lines += [
            "",
            "Sentences",
            f"  Golden Rules passed: {rules['passed']} / {rules['cases']} "
            f"(failed ids: {', '.join(str(f['id']) for f in rules['failed']) or 'none'})",
            f"  PolNeAR dev, cuts inside Source/Cue spans (always wrong): "
            f"{polnear['splits_inside_them']} at {polnear['end_punctuation_inside_them']} "
            f"end-punctuation positions in {polnear['source_and_cue_spans']} spans; "
            "no boundary F1 (PolNeAR has no sentence annotation)",
        ]
    if "worthiness" in result:
        lines += [
            "",
            f"Check-worthiness (one-sentence articles through the pipeline, >= {THRESHOLD})",
        ]
        worth = dict(result["worthiness"])  # type: ignore[call-overload]
        model = worth.pop("model")
        lines.append(
            f"  model: trained on {model.get('data')}; 5-fold cross-validated train F1 "
            f"{model.get('train_cv5_f1')} (all-yes floor {model.get('train_all_yes_f1')}), "
            f"dev-test F1 at training {model.get('dev_test_f1')}"
        )
        for name, r in worth.items():
            if name == "train":
                lines.append("  (train is in-sample: the model was fitted on these sentences)")
            lines.append(
                f"  CT24 {name}: F1 {r['f1']:.3f} (P {r['precision']:.3f}, R {r['recall']:.3f}), "
                f"all-yes floor F1 {r['all_yes_f1']:.3f}; n={r['n']}, Yes={r['positives']}, "
                f"no claim made={r['no_claim']}"
            )
            bands = ", ".join(f"{t}: {f}" for t, f in r["f1_at_admin_bands"].items())
            lines.append(
                f"    F1 at the admin's bands {bands}; best cut-off on this set "
                f"{r['best_threshold']} -> F1 {r['f1_at_best_threshold']} (optimistic)"
            )
    if "scorer" in result:
        r = result["scorer"]
        lines += [
            "",
            f"Scorer alone: {r['sentences_per_second']:,} sentences/s (median of {r['runs']}; "  # type: ignore[index]
            f"{r['sentences']} CT24 train sentences; first pass, caches cold: "  # type: ignore[index]
            f"{r['cold_first_pass']:,}/s)",  # type: ignore[index]
        ]
    if "cv" in result:
        r = result["cv"]
        lines += ["", f"Cross-validated (5-fold) train: {r}"]
    if "speed" in result:
        s = result["speed"]
        lines += [
            "",
            f"Speed: {s['sentences_per_second']:,} sentences/s (median of {s['runs']}; "  # type: ignore[index]
            f"{s['sentences']} sentences in {s['articles']} PolNeAR dev articles)",
        ]  # type: ignore[index]
    if "boilerplate" in result:
        lines += report_lines(result["boilerplate"])  # type: ignore[arg-type]
    return "\n".join(lines)


def _attribution_lines(a: dict) -> list[str]:
    t = a["total"]
    lines = [
        f"Attribution (PolNeAR dev, {a['articles']} articles)",
        f"  precision (right speaker, named sources): {pct(t['precision'])} "
        f"of {t['claims_judged']} attributed claims",
        f"  recall (gold contents with a Source turned into an attributed claim): "
        f"{pct(t['recall'])} of {t['gold']}; with the right speaker (named): "
        f"{pct(t['recall_correct'])}",
        "  by kind:            gold  recall  precision (named)",
    ]
    for name, row in [*a["by_category"].items(), *a["by_source_kind"].items()]:
        lines.append(
            f"    {name:17} {row['gold']:5}  {pct(row['recall']):>7}  "
            f"{pct(row['precision']):>7} of {row['claims_judged']}"
        )
    p = a["pronoun_or_description"]
    lines.append(
        f"  pronoun/description sources: {p['gold']}, given a speaker: {p['given_a_speaker']}"
    )
    for pair in [x for x in p["pairs"] if x["pipeline_speaker"]][:10]:
        lines.append(f"    {pair['source']!r} -> {pair['pipeline_speaker']} ×{pair['count']}")
    lines += [
        f"  gold contents with a Source that no claim belongs to (a clause inside another "
        f"content's sentence, a headline): {a['no_claim_gold']} (recall cannot exceed "
        f"{pct(1 - a['no_claim_gold'] / max(1, t['gold']))})",
        f"  gold contents without a Source: {a['no_source_gold']}, "
        f"attributed anyway: {a['no_source_attributed']}",
        f"  attributed claims on no gold content: {a['attributed_claims_on_no_gold_content']}",
        f"  claims not found in the raw text: {a['claims_not_found_in_raw_text']}",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--json", action="store_true", help="print JSON instead of the report")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    args = parser.parse_args(argv)
    sections = [s for s in args.only.split(",") if s]
    if unknown := set(sections) - set(SECTIONS) - set(OPTIONAL):
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    corpora = args.corpora.resolve()
    if missing := missing_corpora(corpora, sections):
        print(
            f"extraction_eval: corpora not found: looked for {missing[0]} "
            f"(corpora path {corpora}; pass --corpora DIR)",
            file=sys.stderr,
        )
        return 2
    result = evaluate(corpora, sections)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else text_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
