"""One definition of a paragraph: blocks between blank lines, the pipeline's as the models'."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extract.paragraphs import paragraph_around, paragraph_index, paragraph_spans
from claims.extract.pipeline import parse_article

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def test_paragraphs_are_blocks_between_blank_lines():
    body = "Title\n\nOne.\nStill one.\n\n\n  \n\nTwo."
    assert [body[s:e] for s, e in paragraph_spans(body)] == ["Title", "One.\nStill one.", "Two."]


@pytest.mark.parametrize(("offset", "index"), [(0, 0), (4, 0), (7, 1), (27, 1), (30, 2)])
def test_an_offset_is_in_the_last_paragraph_starting_at_or_before_it(offset, index):
    body = "Title\n\nOne.\nStill one.\n\n\n  \n\nTwo."
    assert paragraph_index(paragraph_spans(body), offset) == index


def test_paragraph_around_a_sentence_is_its_whole_paragraph():
    body = "Title\n\nFirst. Second.\n\nNext."
    start = body.index("Second.")
    assert paragraph_around(body, start, start + 7) == (7, 21)
    assert paragraph_around("", 0, 0) == (0, 0)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_pipeline_paragraph_numbers_agree_with_paragraph_spans(path):
    article = parse_article(path.read_text(encoding="utf-8"))
    spans = paragraph_spans(article.body)
    assert article.claims
    for claim in article.claims:
        assert paragraph_index(spans, claim.start) == claim.paragraph
