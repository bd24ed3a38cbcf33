"""Cleaning, structure and metadata, on texts written for the tests (not the seeds)."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.extract.boilerplate import boilerplate_reason
from claims.extract.errors import ArticleError
from claims.extract.pipeline import parse_article
from claims.extract.text import clean_document, normalize_text, publisher_from
from claims.extract.types import ArticleHints

PAGE = """Skip to main content
Home | World | Europe

analysis

Ministers Meet in Geneva as Ceasefire Talks Stall

Negotiators from both sides left without a date for the next round.

By Jane Doe and Omar Haddad
Updated: 2024-03-03
First published March 2, 2024

Vladimir Putin speaks at a press conference in Moscow
(Photo: Reuters / Alexander Zemlianichenko)

Foreign ministers from eleven countries met in Geneva on Saturday, but the talks ended
without agreement on a ceasefire. Swiss officials said the next round could start in
April.

Background to the Talks

The negotiations began in 2023 after months of back-channel contacts. “We are not there
yet,” the Swiss foreign minister told reporters.

Share this article
Facebook Twitter Email

Ministers Meet in Geneva as Ceasefire Talks Stall

© 2024 Example Media Group. All rights reserved.
Back to top
"""


@pytest.fixture(scope="module")
def page():
    return parse_article(PAGE)


def test_title_subtitle_and_metadata(page):
    assert page.title == "Ministers Meet in Geneva as Ceasefire Talks Stall"
    assert page.subtitle == "Negotiators from both sides left without a date for the next round."
    assert page.published_on == dt.date(2024, 3, 2)  # the publication date, not the update
    assert page.author == "Jane Doe and Omar Haddad"
    assert page.publisher == "Example Media Group"
    assert page.section == "analysis"


def test_body_keeps_article_and_headings_only(page):
    assert page.body.split("\n\n") == [
        "Ministers Meet in Geneva as Ceasefire Talks Stall",
        "Negotiators from both sides left without a date for the next round.",
        # Hard-wrapped lines of one paragraph are joined.
        "Foreign ministers from eleven countries met in Geneva on Saturday, but the talks "
        "ended without agreement on a ceasefire. Swiss officials said the next round could "
        "start in April.",
        "Background to the Talks",
        "The negotiations began in 2023 after months of back-channel contacts. “We are not "
        "there yet,” the Swiss foreign minister told reporters.",
    ]
    kinds = [s.reason for s in page.skipped]
    assert kinds == ["title", "subtitle", "heading"]


def test_claims_of_the_page(page):
    assert [c.text for c in page.claims] == [
        "Foreign ministers from eleven countries met in Geneva on Saturday, but the talks "
        "ended without agreement on a ceasefire.",
        "Swiss officials said the next round could start in April.",
        "The negotiations began in 2023 after months of back-channel contacts.",
        "“We are not there yet,” the Swiss foreign minister told reporters.",
    ]
    assert page.claims[-1].kind == "quote"
    assert page.claims[-1].speaker is None  # "the Swiss foreign minister" is not named


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Scroll back to top", "nav"),
        ("Share on Facebook", "nav"),
        ("5 min read", "nav"),
        ("News › World › Europe", "nav"),
        ("Get 50% off ★ Subscribe today", "promo"),
        ("Subscribe ★ Free trial", "promo"),
        ("Sign up for our daily newsletter", "disclaimer"),
        ("Facebook Twitter LinkedIn", "share"),
        ("opinion", "label"),
        ("WORLD NEWS", "label"),
        ("(Photograph by Anna Smith for The Example)", "credit"),
        ("Image: AFP via Getty Images", "credit"),
        ("Reporting by Jan Kowalski; Editing by Alex Smith", "credit"),
        ("Read more: How the sanctions work", "read-more"),
        ("Related coverage", "read-more"),
        ("This article was originally published by Example Wire.", "disclaimer"),
        ("The opinions expressed here are solely the author’s.", "disclaimer"),
        ("Copyright 2025 Example News Ltd", "disclaimer"),
        ("Copyright © Example News", "disclaimer"),
        ("Originally published in Example Review.", "disclaimer"),
        (
            "The views in this column do not necessarily reflect those of Example News.",
            "disclaimer",
        ),
        ("Posted on 3 March 2024", "dateline"),
        ("By Jane Doe", "byline"),
        ("This interview has been edited and condensed for clarity.", "editorial note"),
        ("Answers have been lightly edited.", "editorial note"),
        ("THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM.", "editorial note"),
        ("The following is a transcript of the hearing.", "editorial note"),
        ("⭐⭐⭐", "ornament"),
    ],
)
def test_boilerplate_rules(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "A Rapid Push for Peace—or Power?",
        "Talks resumed in Riyadh on Monday after a long pause.",
        "Home secretary resigns over the report",
        "The views of the ministers differ sharply on sanctions relief.",
        # news that reads like a page's own notes
        "The figures, first published in the Financial Times, show that aid fell 40% last year.",
        "This report was published on Tuesday by the World Food Programme and shows a rise.",
        "The poll does not necessarily reflect all voters, but it shows support at 41%.",
        "Copyright infringement lawsuits against the ministry rose to 15 last year.",
        # news about transcripts and edits
        "This transcript shows the minister asked for the files twice.",
        "The ministry released a transcript of the call on Tuesday.",
        "The budget was trimmed by 4 percent for the second year running.",
    ],
)
def test_not_boilerplate(line):
    assert boilerplate_reason(line) is None


def test_a_note_glued_into_a_long_paragraph_is_cut_and_the_paragraph_kept():
    claims_text = (
        "The ministry said 40 drones were shot down overnight over the Kursk and Belgorod "
        "regions, and that two people were hurt by falling debris in a village near the "
        "border. Subscribe to our newsletter for daily updates. Officials said the attack "
        "was the largest this month."
    )
    article = parse_article(f"Drones downed\n\n{claims_text}")
    texts = [c.text for c in article.claims]
    assert texts[0].startswith("The ministry said 40 drones")
    assert texts[-1] == "Officials said the attack was the largest this month."
    assert not [t for t in texts if "newsletter" in t]


def test_caption_above_a_credit():
    assert boilerplate_reason("Leaders arrive at the summit", next_is_credit=True) == "caption"


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("This essay is part of a Brookings Institution series on trade.", "Brookings Institution"),
        ("© 2025 The Example Times", "The Example Times"),
        ("Copyright (c) 2019-2024 Example News. All rights reserved.", "Example News"),
        ("Example Wire is not responsible for the content of external sites.", "Example Wire"),
        ("The views expressed here are the author’s own.", ""),
    ],
)
def test_publisher_from(text, publisher):
    assert publisher_from(text) == publisher


def test_normalize_text():
    raw = "Title  here \r\nsecond\tline\u00a0 \r\r\r\rNext\u2029para\x00x\ufeff"
    assert normalize_text(raw) == "Title here\nsecond line\n\nNext\n\npara x"


def test_title_is_the_line_repeated_later():
    text = (
        "Members Only ★ Offers\n\nthe quiet deal nobody saw coming\n\n"
        "Officials confirmed the agreement on Tuesday after weeks of talks in Vienna.\n\n"
        "the quiet deal nobody saw coming\n\n"
        "The deal covers energy and trade, officials said."
    )
    article = parse_article(text)
    assert article.title == "the quiet deal nobody saw coming"
    assert len(article.claims) == 2


def test_hinted_title_is_found_in_the_text():
    article = parse_article(
        "Live updates\n\nThe talks\n\nOfficials met in Vienna on Tuesday to discuss the deal.",
        hints=ArticleHints(title="The talks", published_on=dt.date(2024, 5, 1)),
    )
    assert article.title == "The talks"
    assert article.published_on == dt.date(2024, 5, 1)
    assert article.body.startswith("The talks\n\n")


def test_text_without_a_headline_gets_a_fallback_title():
    article = parse_article("Officials met in Vienna on Tuesday. They agreed on nothing.")
    assert article.title == "Officials met in Vienna on Tuesday."
    assert len(article.claims) == 2  # the fallback title is not removed from the claims


def test_empty_text_raises():
    for text in ("", "   \n\t ", "\r\n\r\n"):
        with pytest.raises(ArticleError, match="no article text"):
            parse_article(text)


def test_only_boilerplate_gives_no_claims():
    article = parse_article("Scroll to top\n\nShare this\n\n© 2024 Example")
    assert article.claims == []


def test_clean_document_reports_what_it_dropped():
    doc = clean_document(PAGE)
    reasons = {reason for reason, _ in doc.dropped}
    assert {"nav", "label", "byline", "dateline", "caption", "credit", "share"} <= reasons
    assert {"disclaimer", "repeated"} <= reasons


def test_a_dated_byline_names_the_author_and_is_no_claim():
    raw = (
        "Rates cut again\n\n"
        "Posted on March 3, 2025 by Dr. Ana Roos\n\n"
        "The central bank cut its key rate to 2.75 percent on Wednesday.\n"
    )
    article = parse_article(raw)
    assert article.author == "Dr. Ana Roos"
    assert [c.text for c in article.claims] == [
        "The central bank cut its key rate to 2.75 percent on Wednesday."
    ]


_BETWEEN = (
    "Prices news today\n\nFood prices rose again in March, the office said.\n\n{}\n\n"
    "The office reports again in June.\n"
)


@pytest.mark.parametrize(
    ("paragraph", "claim"),
    [
        (
            "Unemployment fell to 3.9%, the lowest since 1970. Is that good news?",
            "Unemployment fell to 3.9%, the lowest since 1970.",
        ),
        (
            "Ames was blunt about the defeat: “We gave it away. Simple as that!”",
            "Ames was blunt about the defeat: “We gave it away. Simple as that!”",
        ),
        (
            "Most providers raise prices by £3 a month. Check your contract!",
            "Most providers raise prices by £3 a month.",
        ),
        (
            "The act bans three uses of face scanning. These include:",
            "The act bans three uses of face scanning.",
        ),
    ],
)
def test_a_short_paragraph_opening_with_a_statement_is_prose_not_a_heading(
    paragraph: str, claim: str
) -> None:
    article = parse_article(_BETWEEN.format(paragraph))
    assert article.title == "Prices news today"
    assert claim in [c.text for c in article.claims]
    assert "heading" not in {s.reason for s in article.skipped}


@pytest.mark.parametrize(
    "paragraph",
    [
        "Trump wins. Now what?",
        "The four-day week is not a fantasy. The evidence says so",
        "Do you back the governor? Like the page:",
        "Senate Confirms A Judge. Is It The Last One?",
    ],
)
def test_a_short_question_or_title_case_paragraph_is_still_a_heading(paragraph: str) -> None:
    article = parse_article(_BETWEEN.format(paragraph))
    assert [article.body[s.start : s.end] for s in article.skipped if s.reason == "heading"] == [
        paragraph
    ]


def test_bullet_lines_are_paragraphs_of_their_own():
    raw = (
        "What the act bans\n\nThe act was approved on March 13 by 523 votes to 46.\n\n"
        "- social scoring of citizens by public authorities;\n"
        "- real-time face scanning in public spaces, with exceptions for serious crimes;\n"
        "- emotion recognition in workplaces and schools.\n"
    )
    texts = [c.text for c in parse_article(raw).claims]
    assert texts[1:] == [
        "- social scoring of citizens by public authorities;",
        "- real-time face scanning in public spaces, with exceptions for serious crimes;",
        "- emotion recognition in workplaces and schools.",
    ]
