"""Sentence splitting: abbreviations, initials, decimals, dashes, questions, quotations."""

from __future__ import annotations

import pytest

from claims.extract.pipeline import parse_article
from claims.extract.sentences import is_question, split_sentences


def sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()
    return [text[start:end] for start, end in spans]


@pytest.mark.parametrize(
    "text",
    [
        "Gen. Keith Kellogg met officials in Kyiv on Monday.",
        "Sen. Rick Scott and Rep. Jason Crow disagreed on the bill.",
        "Mr. Putin and Dr. Smith spoke at St. Petersburg’s forum.",
        "J.D. Vance spoke after John F. Kennedy Jr. was mentioned.",
        "The U.S. Treasury announced new sanctions.",
        "He is No. 2 in the ministry.",
        "The talks on Feb. 18 ended without a deal.",
        "The deal is worth $1.5 billion, or 2.5% of the budget.",
        "Trump met Putin—again—in Alaska.",
        "It ended at 5 p.m. Monday in Riyadh.",
        "Wait . . . what happened next was a surprise.",
    ],
)
def test_one_sentence(text):
    assert sentences(text) == [text]


def test_abbreviation_at_the_end_of_a_sentence_still_splits():
    assert sentences("He lives in the U.S. The weather there is mild.") == [
        "He lives in the U.S.",
        "The weather there is mild.",
    ]
    assert sentences("Ukraine said no. Talks resumed later.") == [
        "Ukraine said no.",
        "Talks resumed later.",
    ]


def test_questions_exclamations_and_ellipses_split():
    assert sentences("What now? Nobody knows! Talks went on… Then they stopped.") == [
        "What now?",
        "Nobody knows!",
        "Talks went on…",
        "Then they stopped.",
    ]


def test_quotation_with_its_attribution_is_one_sentence():
    text = "“Vladimir Putin started this war. He’s a gangster,” Kennedy asserted. Others agreed."
    assert sentences(text) == [
        "“Vladimir Putin started this war. He’s a gangster,” Kennedy asserted.",
        "Others agreed.",
    ]


def test_quoted_question_followed_by_attribution():
    text = "“Are we done?” he asked. “How are you going to end it?” Vance argued on Monday. Next."
    assert sentences(text) == [
        "“Are we done?” he asked.",
        "“How are you going to end it?” Vance argued on Monday.",
        "Next.",
    ]


def test_straight_quotes_and_quote_then_short_attribution():
    assert sentences('He said, "We are done. Go home." Then he left.') == [
        'He said, "We are done. Go home."',
        "Then he left.",
    ]
    assert sentences("“We will win.” Rubio said. Talks ended.") == [
        "“We will win.” Rubio said.",
        "Talks ended.",
    ]


def test_unclosed_quotation_does_not_swallow_the_paragraph():
    text = "“We will fight on. We will never surrender. The war goes on."
    assert len(sentences(text)) == 3


def test_spans_cover_the_paragraph():
    text = "  One.  Two?   “Three. Four,” he said.  Five…  "
    spans = split_sentences(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "") == text.replace(" ", "")


def test_is_question():
    assert is_question("Can Trump deliver?", narration_outside_quotes=False)
    assert is_question("“What now?”", narration_outside_quotes=False)
    assert not is_question("He asked, “What now?”", narration_outside_quotes=True)
    assert not is_question("He asked what now.", narration_outside_quotes=True)


def test_standalone_questions_are_skipped_not_claims():
    article = parse_article(
        "A Headline About Talks\n\n"
        "Talks resumed in Riyadh on Monday after a long pause. Will they succeed? "
        "Officials said the first round went well."
    )
    assert [c.text for c in article.claims] == [
        "Talks resumed in Riyadh on Monday after a long pause.",
        "Officials said the first round went well.",
    ]
    assert [article.body[s.start : s.end] for s in article.skipped if s.reason == "question"] == [
        "Will they succeed?"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The teams meet in Moraga, Calif. Tip-off is at 7.",
            ["The teams meet in Moraga, Calif.", "Tip-off is at 7."],
        ),
        (
            "The plant is in Dover, Del. Production started in 2019.",
            ["The plant is in Dover, Del.", "Production started in 2019."],
        ),
        ("He moved to Springfield, Ill. in 2004.", ["He moved to Springfield, Ill. in 2004."]),
        (
            "The 10-yr. Treasury yield rose, and then-Sen. Ann Lee spoke.",
            ["The 10-yr. Treasury yield rose, and then-Sen. Ann Lee spoke."],
        ),
    ],
)
def test_state_abbreviations_after_a_place_end_sentences_and_hyphened_ones_do_not(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected
