"""Quotations credited with a dash instead of a verb (“…” — Sen. Jane Ames), in the same
sentence or on a line of their own after it: the form fact-checks and epigraphs use
(invented text, pure)."""

from __future__ import annotations

import pytest

from claims.extract.pipeline import parse_article
from claims.extract.quote_credits import credit_after_quote, credit_line, is_credit
from claims.extract.quotes import quote_regions
from claims.extract.types import ArticleHints, ParsedArticle, ParsedClaim

HINTS = ArticleHints(title="Fact check")
INTRO = "Senator Mara Quist met Governor Olek Varga in Tallinn on Monday.\n\n"


def parse(text: str) -> ParsedArticle:
    return parse_article(INTRO + text, hints=HINTS)


def claim(article: ParsedArticle, fragment: str) -> ParsedClaim:
    (found,) = [c for c in article.claims if fragment in c.text]
    return found


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (
            "“We will cut the harbour fees by half.” — Sen. Mara Quist (R), in the debate",
            "Mara Quist",
        ),
        ('"The port lost 40 million last year," — Olek Varga, in a radio interview.', "Olek Varga"),
        ("“The ferry has never been late.” ― Varga.", "Olek Varga"),
        ('"Fees doubled under the last board." -- Quist, on Monday', "Mara Quist"),
        # a source the article never introduced is named as written
        ("“Maybe we can build a wall around the budget.” ― Dana Pryce.", "Dana Pryce"),
    ],
)
def test_a_dash_after_a_quotation_credits_it(paragraph: str, speaker: str) -> None:
    found = claim(parse(paragraph), paragraph[1:12])
    assert (found.speaker, found.attribution, found.kind) == (speaker, "direct", "quote")


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        ("“Peace,” — that was all the crowd wanted.", None),  # lower case: the sentence goes on
        ("“We will win.” — Varga is wrong about that.", None),  # a verb: a reply, not a credit
        ("“We will win.” — A spokesman for the port declined to comment.", None),
        # the quotation is not first: its speaker is the sentence's subject, not after the dash
        ("Quist repeated “we will win” — Varga laughed.", "Mara Quist"),
    ],
)
def test_a_dash_that_is_no_credit_names_nobody(paragraph: str, speaker: str | None) -> None:
    found = parse(paragraph).claims[-1]
    assert (found.text, found.speaker) == (paragraph, speaker)


def test_reply_after_a_dash_is_not_a_credit() -> None:
    assert not is_credit("Varga is wrong about that.", 0)
    assert not is_credit("that was all.", 0)
    assert not is_credit("A spokesman for the port declined.", 0)
    assert is_credit("Sen. Mara Quist (R-Ohio), in the debate", 0)
    assert is_credit("Varga.", 0)
    assert is_credit("The Harbour Gazette", 0)
    text = "“We will win.” — Varga is wrong."
    assert credit_after_quote(text, quote_regions(text)) is None
    text = "“We will win.” — Varga, on Monday."
    assert text[credit_after_quote(text, quote_regions(text)) :] == "Varga, on Monday."
    assert credit_line("— Sen. Mara Quist, in the debate") == 2
    assert credit_line("Quist, in the debate") is None  # no dash: no credit line


def test_a_credit_line_names_the_quotation_before_it_and_is_no_claim() -> None:
    article = parse(
        "The governor said the port was safe.\n\n"
        '"Boeing and the harbour board pay zero tax. Nobody stops them."\n\n'
        "- Quist.\n\n"
        "That is false: both paid tax in 2024."
    )
    for fragment in ("Boeing and", "Nobody stops"):
        found = claim(article, fragment)
        assert (found.speaker, found.attribution) == ("Mara Quist", "direct")
    assert not [c for c in article.claims if "- Quist" in c.text]
    assert [s.reason for s in article.skipped if article.body[s.start : s.end] == "- Quist."] == [
        "attribution line"
    ]
    assert claim(article, "That is false").speaker is None


def test_a_credit_line_after_narration_is_left_alone() -> None:
    article = parse("The port was closed on Monday.\n\n— Varga, in a statement")
    assert claim(article, "The port was closed").speaker is None
    assert claim(article, "in a statement").speaker is None  # no quotation to credit


def test_credited_quotations_do_not_run_on_into_the_next() -> None:
    # Each credited quotation is complete: the next paragraph's quotation, with a credit of
    # its own, is not the first speaker's continuation.
    article = parse(
        "“Fees will fall.” — Quist, in the debate\n\n"
        "“Fees rose every year she was in office.”\n\n"
        "— Varga, in reply"
    )
    assert claim(article, "Fees will fall").speaker == "Mara Quist"
    assert claim(article, "Fees rose").speaker == "Olek Varga"


def test_narration_before_the_quotation_keeps_no_speaker() -> None:
    article = parse("The debate turned to tax. “Nobody pays tax here.”\n\n— Varga.")
    assert claim(article, "The debate turned").speaker is None
    assert claim(article, "Nobody pays").speaker == "Olek Varga"
