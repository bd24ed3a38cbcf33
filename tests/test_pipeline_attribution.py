"""Quotations and speakers: named, inverted, pronoun, unnamed sources (pure)."""

from __future__ import annotations

import pytest

from claims.extract.attribution import PersonRef, find_attribution
from claims.extract.pipeline import parse_article
from claims.extract.quotes import QuoteIndex, has_direct_quote, quote_regions
from claims.extract.types import ArticleHints, ParsedArticle

HINTS = ArticleHints(title="Test")


def parse(text: str) -> ParsedArticle:
    return parse_article(text, hints=HINTS)


def speakers(text: str) -> list[str | None]:
    return [c.speaker for c in parse(text).claims]


INTRO = (
    "Former National Security Adviser John Bolton spoke on Monday. Secretary of State Marco "
    "Rubio spoke on Tuesday. Andrea Kendall-Taylor, a security expert at a think tank, "
    "spoke on Wednesday. "
)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("“The talks failed,” Bolton says.", "John Bolton"),
        ("“The talks failed,” said Rubio.", "Marco Rubio"),
        ("“The talks failed,” warns Andrea Kendall-Taylor.", "Andrea Kendall-Taylor"),
        ("The talks failed, according to Rubio.", "Marco Rubio"),
        ("Bolton told reporters that the talks had failed.", "John Bolton"),
        ("“The talks failed,” Kendall-Taylor asserted.", "Andrea Kendall-Taylor"),
        ("Bolton, however, warns that the talks failed.", "John Bolton"),
        ("Rubio has repeatedly argued that the talks failed.", "Marco Rubio"),
        ("Analysts say the talks failed.", None),
        ("Critics argue that the talks failed.", None),
        ("US officials said the talks failed.", None),
        ("The talks failed, Rubio’s aides said.", None),
    ],
)
def test_named_and_unnamed_attribution(sentence, speaker):
    assert speakers(INTRO + sentence)[-1] == speaker


def test_pronoun_resolves_to_the_previous_speaker():
    text = (
        "Andrea Kendall-Taylor, a security expert at a think tank, warns that the deal is "
        "bad. “Putin could extract concessions from the US,” she cautions."
    )
    assert speakers(text) == ["Andrea Kendall-Taylor", "Andrea Kendall-Taylor"]


def test_pronoun_resolves_to_the_previous_subject():
    text = (
        "Rubio emerged from the talks cautiously optimistic. “They are willing to engage in "
        "a serious process,” he said, though he acknowledged the risks."
    )
    assert speakers("Secretary of State Marco Rubio arrived. " + text)[-1] == "Marco Rubio"


def test_pronoun_ignores_people_inside_the_quotation():
    text = (
        "Bolton, a former adviser, spoke first. “Putin will not stop,” he said. "
        "“Zelenskyy knows it,” he added."
    )
    assert speakers("John Bolton arrived. " + text)[-2:] == ["John Bolton"] * 2


def test_pronoun_with_nobody_to_refer_to():
    assert speakers("“The talks failed,” he said.") == [None]


def test_participle_attribution_takes_the_sentence_subject():
    text = (
        "Max Bergmann of the Center for Strategic and International Studies calls the policy "
        "a “sellout,” asking, “What do we get out of this?”"
    )
    article = parse(text)
    assert [(c.kind, c.speaker) for c in article.claims] == [("quote", "Max Bergmann")]


def test_quote_kind():
    assert parse("“We will not give up our land,” Zelenskyy said.").claims[0].kind == "quote"
    assert parse('"We will not give up our land," he said.').claims[0].kind == "quote"
    for scare in (
        "Trump called him a “dictator” on Monday.",
        "They wanted a “peace through strength” doctrine.",
        "He urged “space” for the talks.",
    ):
        assert parse(scare).claims[0].kind == "statement", scare


def test_quote_regions_nesting_and_strays():
    text = "“He said ‘no’ and “never” twice,” she wrote. ” stray “open"
    regions = quote_regions(text)
    assert [(r.start, r.end, r.closed) for r in regions] == [
        (0, 33, True),
        (text.index("“open"), len(text), False),
    ]
    index = QuoteIndex(regions)
    assert index.inside(5) and not index.inside(36)


def test_deep_nesting_and_many_quotes_are_cheap():
    text = "“" * 5000 + "word" + "”" * 5000
    assert len(quote_regions(text)) == 1
    assert not has_direct_quote(text)
    many = '"a b c" ' * 5000
    assert len(quote_regions(many)) == 5000


def test_find_attribution_directly():
    text = "“It was a show of good faith,” Witkoff remarked."
    start = text.index("Witkoff")
    people = [PersonRef(start, start + 7, "Steve Witkoff")]
    found = find_attribution(text, people)
    assert found is not None and found.kind == "named" and found.name == "Steve Witkoff"
    assert find_attribution("The talks failed.", []) is None
