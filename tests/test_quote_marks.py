"""Quotations in single marks, as British copy writes them and scrapers flatten them
(invented text, pure): given double marks in the body, so that they are read as
quotations, while apostrophes stay as they are."""

from __future__ import annotations

import pytest

from claims.extract.pipeline import parse_article
from claims.extract.quote_marks import double_single_quotes
from claims.extract.types import ArticleHints


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'We inherited a mess,' Kask said.", "“We inherited a mess,” Kask said."),
        ("‘We will win. We always do,’ Kask said.", "“We will win. We always do,” Kask said."),
        ("'The voters' anger is real,' he said.", "“The voters' anger is real,” he said."),
        ("‘Kask’s plan is bad,’ she said.", "“Kask’s plan is bad,” she said."),
        ("He called the talks 'very useful'.", "He called the talks “very useful”."),
        ("'We will rebuild the port.", "“We will rebuild the port."),  # runs on
    ],
)
def test_quotations_in_single_marks_get_double_ones(text: str, expected: str) -> None:
    assert double_single_quotes(text) == expected
    assert len(double_single_quotes(text)) == len(text)  # offsets keep


@pytest.mark.parametrize(
    "text",
    [
        "The voters' anger is real, he said.",
        "In the '90s, Kask's firm grew.",
        "Rock 'n' roll is back.",
        "The workers’ union’s leaders met.",
        'He said "\'Tis so," and left.',  # double marks: singles are nested or apostrophes
        "She said ''We 'will' win,'' and left.",  # two apostrophes stand for a double mark
    ],
)
def test_apostrophes_stay(text: str) -> None:
    assert double_single_quotes(text) is text


def test_british_quotations_are_quotations_in_the_pipeline() -> None:
    article = parse_article(
        "Port row\n\nHarbour Secretary Rein Kask visited Tallinn on Monday. Officials said "
        "it was busy.\n\n‘We will win. We always do,’ Kask said.\n\n"
        "The talks were ‘very useful’, Kask said.",
        hints=ArticleHints(title="Port row"),
    )
    quoted, partial = article.claims[2:4]
    # one sentence, not split inside the quotation, and quoted directly
    assert quoted.text == "“We will win. We always do,” Kask said."
    assert (quoted.speaker, quoted.attribution, quoted.kind) == ("Rein Kask", "direct", "quote")
    assert (partial.speaker, partial.attribution) == ("Rein Kask", "partial")
    # the imported text keeps its own marks; the body (claims' offsets) has double ones
    assert article.body[quoted.start : quoted.end] == quoted.text
