#!/usr/bin/env python
"""Speed work on the pure pipeline: same output, then how much faster, checkout against
checkout, in one process.

    # the equivalence digest: a hash of every ParsedArticle field per input
    python bench/pipeline_ab.py digest CHECKOUT --out new.json [--against old.json]
    python bench/pipeline_ab.py show NAME CHECKOUT OTHER_CHECKOUT   # diff one input
    # each checkout's parse_article over the same texts, alternating, median CPU time
    python bench/pipeline_ab.py time CHECKOUT [CHECKOUT ...] [--passes 7] [--sets synthetic]
    python bench/pipeline_ab.py profile CHECKOUT [--sets synthetic] [--sort tottime]

A checkout is a directory with ``claims/`` (``git worktree add /tmp/before <commit>``): each
one's ``claims`` package is imported under its own module objects, so the old and the new
pipeline alternate in one process and share its state of the machine (on a shared machine
wall clocks swing by ±10 %; a same-process A/B of CPU time does not). The digest inputs:
PolNeAR train+dev texts, the import benchmark's 300 synthetic articles (header parsed as the
importer does, with and without known actors), the seeds (with and without the gazetteer),
CT24 sentences grouped into articles, ClaimBuster debates as transcripts, the pySBD cases.
Corpora from ``--corpora`` (default ``../shared/corpora``).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import difflib
import gc
import hashlib
import importlib
import json
import os
import pkgutil
import statistics
import sys
import tempfile
import time
import types
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE_SKIPS = frozenset(  # (as bench/extraction_eval.py counts sentences)
    {"fragment", "overlong", "question", "boilerplate", "caption", "media prompt", "share", "tags"}
)
SEED_KNOWN = (
    ("Russia", "country", ("Russian Federation",)),
    ("United States", "country", ("U.S.", "USA", "U.S.A.", "America")),
    ("Kremlin", "organization", ("Moscow Kremlin",)),
    ("NATO", "organization", ("North Atlantic Treaty Organization",)),
    ("European Union", "organization", ("EU", "E.U.")),
)
BENCH_KNOWN = (("Donald Trump", "person", ()), ("Gazprom", "organization", ()))


def load(checkout: str) -> types.SimpleNamespace:
    """A checkout's pipeline, its types and the importer's text format reader."""
    for name in [m for m in sys.modules if m == "claims" or m.startswith("claims.")]:
        del sys.modules[name]
    sys.path.insert(0, checkout)
    try:
        extract = importlib.import_module("claims.extract")
        for info in pkgutil.iter_modules(extract.__path__):  # nothing left to import lazily
            importlib.import_module(f"claims.extract.{info.name}")
        formats = importlib.import_module("claims.importer.formats")
        modules = {m: sys.modules[m] for m in sys.modules if m.split(".")[0] == "claims"}
    finally:
        sys.path.remove(checkout)
    for name in modules:
        del sys.modules[name]
    return types.SimpleNamespace(
        checkout=checkout,
        parse=modules["claims.extract.pipeline"].parse_article,
        types=modules["claims.extract.types"],
        formats=formats,
        modules=modules,
    )


# --- Inputs: (name, text, "raw" or "header", known actors) -----------------------------------


def synthetic(n: int = 300) -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "bench"))
    import import_bench  # (the benchmark's own generator, seed 7)

    with tempfile.TemporaryDirectory() as tmp:
        paths = import_bench.make_articles(n, Path(tmp))
        return [(f"synthetic/{p.stem}", p.read_text(encoding="utf-8")) for p in paths]


def polnear(corpora: Path, split: str) -> list[tuple[str, str]]:
    folder = corpora / "attribution/polnear" / split / "text"
    return [
        (f"polnear-{split}/{p.stem}", p.read_text("utf-8")) for p in sorted(folder.glob("*.txt"))
    ]


def _grouped(name: str, lines: list[str], size: int, per_paragraph: int) -> list[tuple[str, str]]:
    out = []
    for i in range(0, len(lines), size):
        chunk = lines[i : i + size]
        paragraphs = [
            " ".join(chunk[j : j + per_paragraph]) for j in range(0, len(chunk), per_paragraph)
        ]
        out.append((f"{name}/{i // size}", "\n\n".join(paragraphs)))
    return out


def checkworthiness(corpora: Path) -> list[tuple[str, str]]:
    out = []
    for name in ("ct24_train.tsv", "ct24_dev-test.tsv"):
        with open(corpora / "checkworthiness" / name, encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
        out += _grouped(f"ct24/{name}", [r[1] for r in rows if len(r) > 1], 24, 3)
    with open(corpora / "checkworthiness/claimbuster_crowdsourced.csv", encoding="utf-8") as f:
        debates: dict[str, list[str]] = {}
        for row in csv.DictReader(f):  # as transcripts: "SPEAKER: text", a turn a paragraph
            debates.setdefault(row["File_id"], []).append(
                f"{row['Speaker'].upper()}: {row['Text']}"
            )
    for debate, lines in sorted(debates.items()):
        out += _grouped(f"claimbuster/{debate}", lines, 40, 1)
    return out


def inputs(corpora: Path) -> Iterator[tuple[str, str, str, tuple]]:
    for split in ("dev", "train"):
        yield from ((n, t, "raw", ()) for n, t in polnear(corpora, split))
    for n, t in synthetic():
        yield n, t, "header", ()
        yield n + "+known", t, "header", BENCH_KNOWN
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield f"seed/{path.stem}", path.read_text("utf-8"), "raw", ()
        yield f"seed/{path.stem}+known", path.read_text("utf-8"), "raw", SEED_KNOWN
    yield from ((n, t, "raw", ()) for n, t in checkworthiness(corpora))
    for name in ("pysbd_english_golden_rules.json", "pysbd_english_tests.json"):
        cases = json.loads((corpora / "sentences" / name).read_text("utf-8"))
        yield from ((f"pysbd/{name}/{i}", c["text"], "raw", ()) for i, c in enumerate(cases))


def parsed(pipe: types.SimpleNamespace, text: str, how: str, known: tuple) -> str:
    """Every field of the result, as text (or the error)."""
    hints = pipe.types.ArticleHints()
    if how == "header":
        item = pipe.formats.read_text(text, source_name="bench.txt")
        text, hints = item.text, item.hints
    actors = tuple(pipe.types.KnownActor(*actor) for actor in known)
    try:
        return repr(dataclasses.asdict(pipe.parse(text, hints=hints, known_actors=actors)))
    except Exception as exc:  # (an error is an output too)
        return f"{type(exc).__name__}: {exc}"


def digest(args: argparse.Namespace) -> int:
    pipe = load(args.checkouts[0])
    started = time.process_time()
    digests = {
        name: hashlib.sha1(parsed(pipe, text, how, known).encode()).hexdigest()
        for name, text, how, known in inputs(args.corpora)
    }
    print(f"{len(digests)} inputs, {time.process_time() - started:.1f} CPU-s")
    if args.out:
        Path(args.out).write_text(json.dumps(digests, indent=0, sort_keys=True))
    if not args.against:
        return 0
    reference = json.loads(Path(args.against).read_text())
    differ = [name for name in reference if reference[name] != digests.get(name)]
    print(f"{len(differ)} of {len(reference)} differ", *differ[:30], sep="\n  ")
    return 1 if differ else 0


def show(args: argparse.Namespace) -> int:
    new, old = (load(c) for c in args.checkouts[1:3])
    for name, text, how, known in inputs(args.corpora):
        if name == args.checkouts[0]:
            a, b = (
                parsed(p, text, how, known).replace("), ", "),\n").splitlines() for p in (old, new)
            )
            diff = difflib.unified_diff(a, b, old.checkout, new.checkout, lineterm="")
            print("\n".join(diff) or "the same")
            return 0
    print("no such input")
    return 1


# --- Timing ------------------------------------------------------------------------------------


def timed_set(pipe: types.SimpleNamespace, name: str, corpora: Path) -> list[tuple[str, object]]:
    if name == "synthetic":
        items = [pipe.formats.read_text(t, source_name="bench.txt") for _, t in synthetic()]
        return [(item.text, item.hints) for item in items]
    return [(t, pipe.types.ArticleHints()) for _, t in polnear(corpora, name.split("-")[-1])]


def one_pass(pipe: types.SimpleNamespace, items: list[tuple[str, object]]) -> tuple[float, int]:
    """(CPU seconds, sentences) of parsing ``items`` once."""
    gc.collect()
    started = time.process_time()
    results = [pipe.parse(text, hints=hints) for text, hints in items]
    cpu = time.process_time() - started
    count = sum(len(r.claims) + sum(s.reason in SENTENCE_SKIPS for s in r.skipped) for r in results)
    return cpu, count


def timing(args: argparse.Namespace) -> int:
    pipes = [load(c) for c in args.checkouts]
    print(f"load average {os.getloadavg()[0]:.1f} at the start")
    for name in args.sets.split(","):
        items = {p.checkout: timed_set(p, name, args.corpora) for p in pipes}
        sentences = {p.checkout: one_pass(p, items[p.checkout])[1] for p in pipes}  # (warm-up)
        runs: dict[str, list[float]] = {p.checkout: [] for p in pipes}
        for i in range(args.passes):
            for pipe in pipes if i % 2 == 0 else pipes[::-1]:
                runs[pipe.checkout].append(one_pass(pipe, items[pipe.checkout])[0])
        n = sentences[pipes[0].checkout]  # (one count for all: the rates compare times)
        print(f"{name}: {len(items[pipes[0].checkout])} articles, {n} sentences")
        first = statistics.median(runs[pipes[0].checkout])
        for pipe in pipes:
            cpu = statistics.median(runs[pipe.checkout])
            passes = " ".join(f"{r:.3f}" for r in runs[pipe.checkout])
            own = sentences[pipe.checkout]
            print(f"  {pipe.checkout}: {cpu:.3f} CPU-s, {n / cpu:,.0f} sentences/s, ", end="")
            print(f"{first / cpu:.2f}× the first ({own} sentences; {passes})")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


def profile(args: argparse.Namespace) -> int:
    import cProfile
    import pstats

    pipe = load(args.checkouts[0])
    items = timed_set(pipe, args.sets.split(",")[0], args.corpora)
    one_pass(pipe, items)
    with cProfile.Profile() as prof:
        one_pass(pipe, items)
    pstats.Stats(prof).sort_stats(args.sort).print_stats(40)
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("digest", "show", "time", "profile"))
    parser.add_argument("checkouts", nargs="+", help="checkout directories (show: NAME first)")
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--out", help="digest: write the digests here")
    parser.add_argument("--against", help="digest: compare with these digests")
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--sets", default="synthetic,polnear-dev")
    parser.add_argument("--sort", default="tottime")
    args = parser.parse_args()
    commands = {"digest": digest, "show": show, "time": timing, "profile": profile}
    sys.exit(commands[args.command](args))


if __name__ == "__main__":
    main()
