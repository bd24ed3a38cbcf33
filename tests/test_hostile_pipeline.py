"""The importer's pure side under hostile input: no database, reproducible, bounded time.

``test_pipeline_properties`` checks the pipeline's invariants on arbitrary and article-like
text and times a first set of pathological inputs. This module adds what an attacker (or a
broken scraper) would send on purpose: very long lines, quotes nested thousands deep,
control and format characters, every line-ending convention mixed, and arbitrary *bytes*
through the format readers (``formats.read_items``) as the importer reads files. It also
extends the pathological set (``HOSTILE``) and checks that the cost grows linearly, so a
regex that backtracks on a new shape of input is caught before production is.

Every property here runs with a fixed seed (``derandomize``) and no example database, so CI
sees the same examples on every run; ``bench/hostile_bench.py`` times the same inputs.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.extract.errors import ArticleError
from claims.extract.pipeline import parse_article
from claims.extract.types import ParsedArticle
from claims.importer import formats
from tests.cpu_time import cpu_timed
from tests.test_pipeline_properties import KNOWN, check_invariants

# Reproducible and database-free: the same examples on every run and machine.
REPRODUCIBLE = settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

QUOTE_OPENERS = ["“", "‘", '"', "'", "«", "‹", "„", "「", "(", "["]
QUOTE_CLOSERS = ["”", "’", '"', "'", "»", "›", "“", "」", ")", "]"]
LINE_ENDINGS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"]
WORDS = [
    "Putin",
    "Trump",
    "said",
    "the",
    "Mr.",
    "U.S.",
    "on",
    "February 18, 2025",
    "1.5",
    "no.",
    "sanctions",
    "…",
    "—",
    ".",
    "?",
    "!",
    ",",
    ":",
]
# Control (Cc), format (Cf: zero-width, bidi overrides, BOM), separators and combining marks.
# Surrogates (Cs) are left out: they cannot come out of decoding a UTF-8 file.
ODD_CHARACTERS = st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Mn", "Me", "Co"])


@st.composite
def long_line(draw: st.DrawFn) -> str:
    """One line thousands of characters long: a word or punctuation repeated."""
    piece = draw(st.sampled_from([*WORDS, "x", "ab ", ". ", "“", "1"]) | st.text(max_size=5))
    return piece * draw(st.integers(min_value=200, max_value=5000))


@st.composite
def nested_quotes(draw: st.DrawFn) -> str:
    """Quotation marks opened hundreds deep, closed fully, partly, wrongly or not at all."""
    depth = draw(st.integers(min_value=1, max_value=2000))
    opener = draw(st.sampled_from(QUOTE_OPENERS))
    closer = draw(st.sampled_from(QUOTE_CLOSERS))
    inner = draw(st.sampled_from(["x", "He said it.", "", "Putin, said Trump"]))
    closed = draw(st.integers(min_value=0, max_value=depth))
    return opener * depth + inner + closer * closed


@st.composite
def odd_characters(draw: st.DrawFn) -> str:
    return draw(st.text(alphabet=ODD_CHARACTERS, min_size=1, max_size=20))


HOSTILE_PIECE = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(LINE_ENDINGS),
    st.text(max_size=8),
    odd_characters(),
    nested_quotes(),
    long_line(),
)
hostile_text = st.lists(HOSTILE_PIECE, max_size=40).map(" ".join)


def assert_reproduces_body(article: ParsedArticle) -> None:
    """Claims and skipped spans, laid over a blank body, give the body back exactly:
    nothing is lost, nothing is invented, nothing is counted twice."""
    body = article.body
    rebuilt = [ch if ch.isspace() else "\x00" for ch in body]
    spans = [(c.start, c.end, c.text) for c in article.claims]
    spans += [(s.start, s.end, body[s.start : s.end]) for s in article.skipped]
    for start, end, text in sorted(spans):
        assert len(text) == end - start
        for offset, ch in enumerate(text):
            slot = rebuilt[start + offset]
            assert slot == "\x00" or (slot.isspace() and ch.isspace()), (
                f"character {start + offset} covered twice"
            )
            rebuilt[start + offset] = ch
    assert "\x00" not in rebuilt, "a non-whitespace character is in no claim or skipped span"
    assert "".join(rebuilt) == body


def parse_checked(text: str) -> ParsedArticle | None:
    """Parse, allowing only ArticleError (for input with no text), and check everything."""
    try:
        article = parse_article(text, known_actors=KNOWN)
    except ArticleError as exc:
        assert not text.strip(), f"ArticleError on non-empty input: {exc}"
        return None
    check_invariants(article)
    assert_reproduces_body(article)
    return article


# --- Properties ------------------------------------------------------------------------------


@REPRODUCIBLE
@given(hostile_text)
@example("“" * 5000 + "He said." + "”" * 10)
@example("a\r\nb\rc\nd\u2028e\u2029f\x85g\x0bh\x0ci")
@example("\u202e" + "Putin said the deal is off." + "\u202c" + "\u200b" * 100)
@example("e\u0301" * 3000)
@example("x" * 20_000 + ". " + "Putin said so.")
def test_hostile_text_keeps_every_invariant(text: str) -> None:
    parse_checked(text)


@settings(REPRODUCIBLE, max_examples=100)
@given(st.lists(st.sampled_from(LINE_ENDINGS) | st.sampled_from(WORDS), max_size=80))
def test_mixed_line_endings_give_lf_only_bodies(pieces: list[str]) -> None:
    article = parse_checked(" ".join(pieces))
    if article is not None:
        assert "\r" not in article.body
        assert not set(article.body) & {"\u2028", "\u2029", "\x85", "\x0b", "\x0c"}


FILE_NAMES = ["a.txt", "a.html", "a.json", "a.jsonl", "noext"]


@settings(REPRODUCIBLE, max_examples=100)
@given(st.binary(max_size=400), st.sampled_from(FILE_NAMES))
@example(b"\xff\xfe" + "x".encode("utf-16-le"), "a.txt")
@example(b"[" * 5000, "a.json")
@example(b'{"body": "x\\ud800 y", "title": "\\u0000"}', "a.json")
@example(b'{"body": 1}\n[]\n"x"\n{"text": "ok text here."}', "a.jsonl")
@example(b"<html><body><script>alert(1)</script></body></html>", "a.html")
def test_arbitrary_bytes_in_any_format_fail_only_with_article_error(data: bytes, name: str) -> None:
    """What the importer does with a file before touching the database: either items (each
    parsed with the invariants), or an ArticleError with a one-line reason."""
    try:
        items = formats.read_items(data, source_name=name, max_bytes=10_000)
    except ArticleError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for item in items:
        if isinstance(item, formats.FailedItem):
            assert str(item.error) and "\n" not in str(item.error)
            continue
        item.raw_text.encode("utf-8")  # hashed and stored: must be encodable
        article = parse_checked(item.text)
        if article is not None:
            article.title.encode("utf-8")


@settings(REPRODUCIBLE, max_examples=100)
@given(
    st.dictionaries(
        st.sampled_from(["title", "body", "text", "url", "published", "author", "extra"]),
        st.one_of(
            st.text(),
            st.none(),
            st.integers(),
            st.lists(st.text(max_size=5), max_size=3),
            st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
        ),
        max_size=6,
    )
)
def test_json_objects_of_any_shape_fail_only_with_article_error(obj: dict) -> None:
    import json

    for name, data in [
        ("a.json", json.dumps(obj)),
        ("a.json", json.dumps([obj, obj])),
        ("a.jsonl", json.dumps(obj) + "\n" + json.dumps(obj)),
    ]:
        try:
            items = formats.read_items(data, source_name=name)
        except ArticleError:
            continue
        for item in items:
            if isinstance(item, formats.ImportItem):
                parse_checked(item.text)


# --- Pathological inputs: bounded time, linear growth ----------------------------------------

# Shapes not in test_pipeline_properties.PATHOLOGICAL (which has the bracketed digits, 1 MB
# without punctuation, thousands of quotes, deep nesting, dots and digits).
HOSTILE: dict[str, str] = {
    "1 MB of dots": "." * 1_000_000,
    "1 MB of dot-space": ". " * 500_000,
    "1 MB single word": "a" * 1_000_000,
    "250 KB single line of words": "lorem ipsum dolor sit amet " * 10_000,
    "ellipsis after every word": "word… " * 25_000,
    "quoted sentences with said": '"Yes," he said. ' * 5_000,
    "initials": "J. K. L. M. " * 8_000,
    "capitalised words without punctuation": "Mr John Smith Said " * 8_000,
    "dates": "February 18, 2025 " * 8_000,
    "decimals": "1.5 2.25 3.125 " * 60_000,
    "IP addresses": "10.0.0.1 " * 100_000,
    "abbreviation chain": "U.S.A.B.C.D.E.F.G." * 30_000,
    "combining marks": "e\u0301" * 80_000,
    "bidi overrides": "\u202e abc \u202c " * 30_000,
    "URLs": "https://example.org/a.b.c?x=1. " * 10_000,
    "HTML-like text": "<p>Hi.</p>" * 30_000,
    "mixed quote nesting": "“‘«" * 10_000 + "x" + "»’”" * 10_000,
    "header-like lines": "Title: x\n" * 50_000,
    "5,000 lines of 100 characters": ("x" * 99 + "\n") * 5_000,
}


def _json_nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


# The format readers (files as the importer reads them), inputs as bytes.
HOSTILE_FILES: dict[str, tuple[str, bytes]] = {
    "JSON nested 100,000 deep": ("deep.json", _json_nested(100_000)),
    "JSON Lines, 20,000 bad lines": ("many.jsonl", b'{"body": 1}\n' * 20_000),
    "HTML nested 100,000 deep": (
        "deep.html",
        b"<html><body>" + b"<div>" * 100_000 + b"Text." + b"</div>" * 100_000 + b"</body></html>",
    ),
    "HTML 200 KB of paragraphs": (
        "big.html",
        b"<html><body>" + b"<p>Some text here, said Bob.</p>" * 6_000 + b"</body></html>",
    ),
    "text with a 10,000-line header-like block": ("head.txt", b"Title: x\n" * 10_000 + b"\nA."),
}

BOUND_SECONDS = 10.0  # generous: a few times the slowest measured, on a loaded CI box


def cpu_seconds(func: Callable[[], object]) -> float:
    return cpu_timed(func)[0]


def _parse_quietly(text: str) -> None:
    with contextlib.suppress(ArticleError):
        parse_article(text, known_actors=KNOWN)


def _read_quietly(name: str, data: bytes) -> None:
    with contextlib.suppress(ArticleError):
        formats.read_items(data, source_name=name)


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    # The sentence model loads on first use; that is not the input's cost.
    parse_article("Warm up: load the sentence model once.")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_pathological_text_parses_in_bounded_time(name: str) -> None:
    text = HOSTILE[name]
    started = time.process_time()
    try:
        article: ParsedArticle | None = parse_article(text, known_actors=KNOWN)
    except ArticleError:
        article = None
    elapsed = time.process_time() - started
    assert elapsed < BOUND_SECONDS, f"{name}: {elapsed:.2f}s"
    if article is None:
        return
    # The per-character checks of the properties would cost more than the parse here; the
    # offsets and order are what the importer relies on.
    previous_end = 0
    for claim in article.claims:
        assert previous_end <= claim.start < claim.end <= len(article.body)
        assert article.body[claim.start : claim.end] == claim.text
        previous_end = claim.end


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_pathological_files_are_read_in_bounded_time(name: str) -> None:
    file_name, data = HOSTILE_FILES[name]
    elapsed = cpu_seconds(lambda: _read_quietly(file_name, data))
    assert elapsed < BOUND_SECONDS, f"{name}: {elapsed:.2f}s"


@pytest.mark.parametrize("unit", ['"Yes," he said. ', "Vladimir Putin met Donald Trump. "])
def test_cost_grows_linearly(unit: str) -> None:
    """Four times the input costs about four times as much; a quadratic step (a regex
    rescanning from every position, a list searched per sentence) would cost sixteen."""
    small = unit * (25_000 // len(unit))
    large = unit * (100_000 // len(unit))
    # The best of a few runs each: on a loaded machine one slow run is the neighbours'.
    t_small = min(cpu_seconds(lambda: _parse_quietly(small)) for _ in range(3))
    t_large = min(cpu_seconds(lambda: _parse_quietly(large)) for _ in range(2))
    assert t_large < max(0.5, 8 * t_small), f"{t_small:.3f}s -> {t_large:.3f}s"
