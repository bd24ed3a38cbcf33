#!/usr/bin/env python
"""Hostile-input benchmark: CPU seconds the importer spends on pathological inputs.

    .venv/bin/python bench/hostile_bench.py [--runs 3] [--markdown] [NAME_SUBSTRING ...]

The inputs are the ones the tests bound (``tests/test_pipeline_properties.PATHOLOGICAL``,
``tests/test_hostile_pipeline.HOSTILE`` and ``HOSTILE_FILES``), so the timings here are
for exactly what CI checks, plus a few larger ones too slow for CI. Text goes through
``parse_article``; files through ``formats.read_items`` (decoding, header block, HTML
extraction, JSON). Pure: no database, no network. Each figure is the median of ``--runs``
runs of ``time.process_time`` (CPU time, so other load on the machine counts less).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extract.errors import ArticleError  # noqa: E402
from claims.extract.pipeline import parse_article  # noqa: E402
from claims.importer import formats  # noqa: E402
from tests.test_hostile_pipeline import HOSTILE, HOSTILE_FILES  # noqa: E402
from tests.test_pipeline_properties import KNOWN, PATHOLOGICAL  # noqa: E402

# Too slow for every CI run, but what the 5 MB upload limit allows: how far it scales.
EXTRA_FILES: dict[str, tuple[str, bytes]] = {
    "HTML 1.3 MB of paragraphs": (
        "big.html",
        b"<html><body>" + b"<p>Some text here, said Bob.</p>" * 40_000 + b"</body></html>",
    ),
}
# The whole pure path of the largest file the importer accepts: decode, then parse.
EXTRA_READ_AND_PARSE: dict[str, tuple[str, bytes]] = {
    "text 5 MB without punctuation": ("big.txt", b"abc " * 1_250_000),
    "text 5 MB of quoted sentences": ("quotes.txt", b'"Yes," he said. ' * 310_000),
}


def parse_text(text: str) -> Callable[[], str]:
    def run() -> str:
        try:
            return f"{len(parse_article(text, known_actors=KNOWN).claims)} claims"
        except ArticleError as exc:
            return f"ArticleError: {exc}"

    return run


def read_file(name: str, data: bytes) -> Callable[[], str]:
    def run() -> str:
        try:
            items = formats.read_items(data, source_name=name)
        except ArticleError as exc:
            return f"ArticleError: {exc}"
        return f"{len(items)} item(s)"

    return run


def read_and_parse(name: str, data: bytes) -> Callable[[], str]:
    def run() -> str:
        try:
            items = formats.read_items(data, source_name=name)
            claims = sum(
                len(parse_article(item.text, hints=item.hints, known_actors=KNOWN).claims)
                for item in items
                if isinstance(item, formats.ImportItem)
            )
        except ArticleError as exc:
            return f"ArticleError: {exc}"
        return f"{claims} claims"

    return run


def median_cpu(func: Callable[[], str], runs: int) -> tuple[float, str]:
    times = []
    outcome = ""
    for _ in range(runs):
        started = time.process_time()
        outcome = func()
        times.append(time.process_time() - started)
    return statistics.median(times), outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("only", nargs="*", help="run only inputs whose name contains these")
    args = parser.parse_args()

    cases: list[tuple[str, str, int, Callable[[], str]]] = []
    for name, text in {**PATHOLOGICAL, **HOSTILE}.items():
        cases.append((name, "parse_article", len(text), parse_text(text)))
    for name, (file_name, data) in {**HOSTILE_FILES, **EXTRA_FILES}.items():
        cases.append((name, f"read_items({file_name})", len(data), read_file(file_name, data)))
    for name, (file_name, data) in EXTRA_READ_AND_PARSE.items():
        cases.append(
            (name, f"read_items+parse({file_name})", len(data), read_and_parse(name, data))
        )
    if args.only:
        cases = [c for c in cases if any(word in c[0] for word in args.only)]

    parse_article("Warm up: load the sentence model once.")
    rows = []
    for name, stage, size, func in cases:
        seconds, outcome = median_cpu(func, args.runs)
        rows.append((name, stage, size, seconds, outcome))
        if not args.markdown:
            print(f"{seconds:7.2f} s  {size / 1e6:5.2f} MB  {stage:24s} {name}  ({outcome})")
            sys.stdout.flush()
    if args.markdown:
        print(f"CPU seconds, median of {args.runs}; Python {platform.python_version()}.\n")
        print("| input | stage | size | CPU s | outcome |")
        print("| --- | --- | ---: | ---: | --- |")
        for name, stage, size, seconds, outcome in rows:
            print(f"| {name} | {stage} | {size / 1e6:.2f} MB | {seconds:.2f} | {outcome} |")


if __name__ == "__main__":
    main()
