"""Transcripts (issue 12): turns get their speaker; questions and labels are never claims.

Every text here is invented for the tests.
"""

from __future__ import annotations

from claims.extract.pipeline import parse_article
from claims.extract.text import clean_document
from claims.extract.transcripts import find_turns
from claims.extract.types import ArticleHints, KnownActor, ParsedArticle

BRIEFING = """Briefing on the river ferry programme

Remarks by President Jane Holloway and Commerce Secretary Peter Smith at the harbour office.

THE PRESIDENT: Good afternoon. The ferries carried 40,000 passengers last month. Fares fell
by 10 percent.

Q: Madam President, will the ferries run in March?

THE PRESIDENT: They will run until June 1.

The harbour will add two boats in May.

MR. SMITH: The ministry signed the contract on Tuesday. It covers 12 piers.

Q Is that enough for the summer?

QUESTION: And the budget?

MODERATOR: We have time for one more question.
"""

TITLE_CASE = """Interview with the governor

The following interview took place in Riverton with Governor Alma Reyes and Mr. Tom Baker.

The Governor. Our schools hired 300 teachers this year. Class sizes shrank.

Q. What about the roads?

The Governor. We repaved 80 miles of road in 2024.

Mr. Baker. The county paid for half of it.
"""


def _parse(raw: str, known: tuple[KnownActor, ...] = ()) -> ParsedArticle:
    return parse_article(raw, hints=ArticleHints(), known_actors=known)


def _turns(raw: str) -> dict:
    doc = clean_document(raw, ArticleHints())
    return find_turns(doc.body, doc.paragraphs)


def _skipped(article: ParsedArticle, reason: str) -> list[str]:
    return [article.body[s.start : s.end] for s in article.skipped if s.reason == reason]


def _claim(article: ParsedArticle, text: str):
    (claim,) = [c for c in article.claims if c.text == text]
    return claim


def test_a_short_briefing_is_a_transcript():
    turns = _turns(BRIEFING)
    assert {t.label for t in turns.values()} == {
        "THE PRESIDENT",
        "Q",
        "MR. SMITH",
        "QUESTION",
        "MODERATOR",
    }


def test_one_note_line_is_not_a_transcript():
    raw = (
        "Ferry fares fall\n\n"
        "The city cut ferry fares by 10 percent on Monday, the mayor said.\n\n"
        "Note: This article was updated to correct the date.\n\n"
        "Passenger numbers rose to 40,000 in March.\n\n"
        "The council will vote on a new pier in June."
    )
    assert _turns(raw) == {}
    assert _skipped(_parse(raw), "speaker label") == []


def test_an_article_quoting_a_q_is_not_a_transcript():
    raw = (
        "The ferry hearing\n\n"
        'The record of the hearing reads: "Q: Did you sign the contract? A: I did."\n\n'
        '"Q: Were the boats safe?" the lawyer asked again, reading from his notes.\n\n'
        "The council will vote on a new pier in June, the mayor said."
    )
    assert _turns(raw) == {}


def test_every_claim_in_a_turn_has_the_turns_speaker():
    article = _parse(BRIEFING)
    for text in (
        "Good afternoon.",
        "The ferries carried 40,000 passengers last month.",
        "Fares fell by 10 percent.",
        "They will run until June 1.",
        # A paragraph without a label continues the turn before it.
        "The harbour will add two boats in May.",
    ):
        assert _claim(article, text).speaker == "Jane Holloway"
    for text in ("The ministry signed the contract on Tuesday.", "It covers 12 piers."):
        claim = _claim(article, text)
        assert claim.speaker == "Peter Smith"
        assert claim.speaker_role == "Commerce Secretary"


def test_the_president_unnamed_keeps_the_label_as_description():
    raw = BRIEFING.replace("President Jane Holloway and ", "")
    claim = _claim(_parse(raw), "They will run until June 1.")
    assert claim.speaker is None
    assert claim.speaker_role == "President"
    moderator = _claim(_parse(BRIEFING), "We have time for one more question.")
    assert moderator.speaker is None
    assert moderator.speaker_role == "Moderator"


def test_a_surname_label_resolves_to_a_known_actor():
    raw = BRIEFING.replace("MR. SMITH:", "SECRETARY RUBIO:")
    article = _parse(raw, (KnownActor("Marco Rubio", "person"),))
    assert _claim(article, "It covers 12 piers.").speaker == "Marco Rubio"


def test_questions_are_skipped_never_claims():
    article = _parse(BRIEFING)
    assert _skipped(article, "question") == [
        "Madam President, will the ferries run in March?",
        "Is that enough for the summer?",
        "And the budget?",
    ]
    assert not [c for c in article.claims if "ferries run in March" in c.text]


def test_labels_are_cut_from_claims_with_exact_offsets():
    article = _parse(BRIEFING)
    assert _skipped(article, "speaker label") == [
        "THE PRESIDENT:",
        "Q:",
        "THE PRESIDENT:",
        "MR. SMITH:",
        "Q",
        "QUESTION:",
        "MODERATOR:",
    ]
    for claim in article.claims:
        assert article.body[claim.start : claim.end] == claim.text
        assert not claim.text.startswith(("THE PRESIDENT", "MR. SMITH", "Q", "MODERATOR"))
    first = _claim(article, "Good afternoon.")
    assert article.body[first.start - len("THE PRESIDENT: ") : first.start] == "THE PRESIDENT: "


def test_every_character_is_in_one_claim_or_skipped_span():
    article = _parse(BRIEFING)
    spans = sorted(
        [(c.start, c.end) for c in article.claims] + [(s.start, s.end) for s in article.skipped]
    )
    covered = [False] * len(article.body)
    for start, end in spans:
        assert not any(covered[start:end])
        covered[start:end] = [True] * (end - start)
    assert all(covered[i] or ch.isspace() for i, ch in enumerate(article.body))


def test_title_case_labels():
    article = _parse(TITLE_CASE)
    for text in ("Our schools hired 300 teachers this year.", "Class sizes shrank."):
        assert _claim(article, text).speaker == "Alma Reyes"
    assert _claim(article, "The county paid for half of it.").speaker == "Tom Baker"
    assert not [c for c in article.claims if "roads" in c.text]


def test_a_label_named_only_in_the_title_resolves_to_the_full_name():
    raw = (
        "Press Briefing by Press Secretary Nora Quill\n\n"
        "MS. QUILL: The port reopened on Monday. Exports rose 9 percent.\n\n"
        "Q Will it stay open?\n\n"
        "MS. QUILL: It will stay open through the winter.\n"
    )
    article = _parse(raw)
    assert {c.speaker for c in article.claims} == {"Nora Quill"}
    remarks = "Remarks by President Ada Brandt on the Budget\n\n" + (
        "THE PRESIDENT: We cut the deficit by 2 percent.\n\nQ And taxes?\n\n"
        "THE PRESIDENT: Taxes stay where they are.\n"
    )
    assert {c.speaker for c in _parse(remarks).claims} == {"Ada Brandt"}
    # A title naming someone else with that surname's word as a title word resolves nobody.
    other = raw.replace("Press Secretary Nora Quill", "the Secretary Quill Office")
    assert {c.speaker for c in _parse(other).claims} == {None}
