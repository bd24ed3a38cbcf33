"""Invariants on arbitrary input (hypothesis) and linear time on pathological input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claims.extract.errors import ArticleError
from claims.extract.pipeline import parse_article
from claims.extract.types import KnownActor, ParsedArticle

from .cpu_time import cpu_timed

KNOWN = (
    KnownActor("United States", "country", ("U.S.", "US", "America")),
    KnownActor("Donald Trump", "person", ("Trump",)),
    KnownActor("Kremlin", "organization"),
)

# Pieces that exercise the rules: abbreviations, quotes, headings, boilerplate, dates, names.
PIECES = [
    "Mr.",
    "U.S.",
    "Gen.",
    "J.D.",
    "No. 2",
    "$1.5",
    " Trump",
    " Trump’s",
    " Vladimir Putin",
    " said",
    " he said",
    " she cautions",
    ". ",
    "? ",
    "! ",
    "…",
    "....",
    "—",
    "“",
    "”",
    '"',
    "‘",
    "’",
    "«",
    "»",
    "(",
    ")",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u2028",
    "\u2029",
    "\x00",
    "\x1c",
    "\x85",
    "\u00a0",
    "\ufeff",
    "\u200b",
    "February 18, 2025",
    " in 2022",
    "Scroll to Top",
    "(Photos by Getty Images)",
    "commentary",
    "Published on April 15, 2025",
    "This piece is part of a Carnegie series.",
    " the Kremlin",
    " Senator John Kennedy of Louisiana",
    " Ursula von der Leyen",
    " António Guterres",
    "A Heading Here",
    "WASHINGTON (Reuters) - ",
    "KYIV, Feb. 18 /Agency/. ",
    "MOSCOW: ",
    "Details: ",
    "Quote from Jane Roe: ",
    " ANI",
    " — Example Wire",
    "(Photo by Jane Roe/Example Images)",
    "Watch: ",
    "Tags: ",
    "File photo.",
]
article_text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=12)), max_size=60
).map("".join)


def check_invariants(article: ParsedArticle) -> None:
    body = article.body
    owner = [0] * len(body)
    previous_end = 0
    for claim in article.claims:
        assert 0 <= claim.start < claim.end <= len(body)
        assert body[claim.start : claim.end] == claim.text
        assert claim.text == claim.text.strip()
        assert claim.start >= previous_end, "claims overlap or are out of order"
        previous_end = claim.end
        assert claim.kind in ("statement", "quote")
        assert 0.0 <= claim.check_worthiness <= 1.0
        assert 0 <= claim.paragraph < len(body.split("\n\n"))
        for mention in claim.mentions:
            assert claim.text[mention.start : mention.end] == mention.text
        for date in claim.dates:
            assert claim.text[date.start : date.end] == date.text
            assert 1900 <= date.date.year <= 2100
        for i in range(claim.start, claim.end):
            owner[i] += 1
    for span in article.skipped:
        assert 0 <= span.start < span.end <= len(body)
        assert body[span.start : span.end] == body[span.start : span.end].strip()
        for i in range(span.start, span.end):
            owner[i] += 1
    for i, ch in enumerate(body):
        # Every non-whitespace character is in exactly one claim or skipped span.
        assert owner[i] == (owner[i] if ch.isspace() else 1), (i, ch)
        assert owner[i] <= 1
    assert "\r" not in body
    assert "\n\n\n" not in body
    assert all(line == line.strip() for line in body.split("\n"))


def parse_or_none(text: str) -> ParsedArticle | None:
    try:
        return parse_article(text, known_actors=KNOWN)
    except ArticleError as exc:
        assert not text.strip() or "no article text" in str(exc)
        return None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
@example("")
@example("“" * 50 + "x")
@example("\r\n\r\n\x00 \x1c")
def test_arbitrary_unicode_never_breaks_the_invariants(text):
    article = parse_or_none(text)
    if article is not None:
        check_invariants(article)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_text)
def test_article_like_text_keeps_the_invariants(text):
    article = parse_or_none(text)
    if article is not None:
        check_invariants(article)


def test_whitespace_only_is_an_error():
    for text in ("", " ", "\n\r\n\t\u00a0\u2029"):
        with pytest.raises(ArticleError):
            parse_article(text)


# Each input as (unit, repetitions) at about 1 MB or its rule's worst case; "deep quote
# nesting" is built from a prefix and suffix around a middle.
PATHOLOGICAL: dict[str, tuple[str, int]] = {
    "bracketed digits": ('"..[111 111 111 111 111 111 111 111]"', 30_000),  # 1.1 MB
    "1 MB without punctuation": ("abc ", 250_000),
    "1 MB of capitalised words": ("Abc Def ", 125_000),
    "capitalised sentences": ("Abc Def. ", 30_000),
    "names and speech verbs": ("Abc Def said Ghi Jkl. ", 10_000),
    "thousands of quotes": ('"a" “b” ', 20_000),
    "deep quote nesting": ("“", 50_000),
    "unclosed quotes": ("“word. ", 20_000),
    "dots": ("....", 10_000),
    "digits": ("1234567890", 100_000),
    "digits and periods": ("1. 2. 3. ", 30_000),
    "many short lines": ("a\n", 100_000),
    "mixed line endings": ("Line one\r\nLine two\rLine three\n", 20_000),
    "control characters": ("".join(chr(i % 32) + "x" for i in range(32)), 3_000),
    "initials": ("A. B. C. ", 10_000),
    "titles": ("President Mr. Dr. Gen. ", 20_000),
    "apostrophes": ("Trump’s’s’s ", 30_000),
    "years": ("in 2022 and 1999 ", 30_000),
    "datelines": ("ABC DEF, Jan. 1 (AP) — ", 30_000),
    "labels": ("Details: Update: ", 50_000),
    "picture credits": ("(Photo by Abc Def/Ghi) ", 30_000),
    "capitals after sentences": ("Abc. ABC ", 100_000),
}


def pathological(name: str, scale: int) -> str:
    unit, count = PATHOLOGICAL[name]
    n = count // scale
    if name == "deep quote nesting":
        return unit * n + "x" + "”" * n
    return unit * n


def cpu_seconds(text: str) -> tuple[float, ParsedArticle | None]:
    return cpu_timed(lambda: parse_or_none(text))


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_input_takes_linear_time(name):
    """Four times the input may take about four times as long, not sixteen (a quadratic rule)
    or forever (catastrophic regex backtracking). A ratio, not a wall-clock limit: it holds on
    a slow or busy machine, where an absolute limit fails at random. Speed itself is measured
    in bench/import_bench.py."""
    parse_or_none("Warm up: load the sentence model once.")
    quarter = min(cpu_seconds(pathological(name, 4))[0] for _ in range(3))
    full, article = cpu_seconds(pathological(name, 1))
    # The floor keeps timer noise on near-instant inputs from making up a ratio.
    assert full / max(quarter, 0.05) < 10, f"{name}: {quarter:.2f}s for 1/4, {full:.2f}s for all"
    assert full < 60, f"{name}: {full:.2f}s"
    if article is not None:
        assert all(article.body[c.start : c.end] == c.text for c in article.claims)


def test_a_sentence_the_splitter_cannot_divide_is_not_a_claim():
    article = parse_or_none("Vladimir Putin said the talks were useful. " + "Abc Def " * 400)
    assert [c.text for c in article.claims] == ["Vladimir Putin said the talks were useful."]
    [overlong] = [s for s in article.skipped if s.reason == "overlong"]
    assert overlong.end - overlong.start > 2_000
