"""How each claim is attributed (ParsedClaim.attribution), on invented articles (pure)."""

from __future__ import annotations

import pytest

from claims.extract.attributing import document_source, own_kind
from claims.extract.pipeline import parse_article
from claims.extract.quotes import quote_regions
from claims.extract.source_names import source_name
from claims.extract.sources import source_after, source_before
from claims.extract.types import ArticleHints, KnownActor, ParsedArticle, ParsedClaim

HINTS = ArticleHints(title="Test")
KNOWN = (
    KnownActor("Harbour Authority", "organization", ("the Harbour Authority",)),
    KnownActor("Mara Quist", "person", ("Treasury Secretary",)),
)
INTRO = "Foreign Minister Olek Varga met special envoy Dana Pryce in Tallinn on Monday. "


def parse(text: str) -> ParsedArticle:
    return parse_article(text, hints=HINTS, known_actors=KNOWN)


def claim(article: ParsedArticle, fragment: str) -> ParsedClaim:
    (found,) = [c for c in article.claims if fragment in c.text]
    return found


def said(text: str, fragment: str) -> tuple[str | None, str]:
    found = claim(parse(text), fragment)
    return found.speaker, found.attribution


def test_narration_has_no_attribution() -> None:
    assert said(INTRO + "The ferry left at noon.", "ferry") == (None, "")


def test_a_quotation_and_the_sentences_it_carries_are_the_speakers() -> None:
    text = (
        INTRO + '"We cancelled the tour," the minister said. "It did not feel right. '
        'We will go later."\n\n"Nobody will be surprised."\n\nThe ferry left at noon.'
    )
    article = parse(text)
    assert said(text, "cancelled") == ("Olek Varga", "direct")
    assert said(text, "did not feel") == ("Olek Varga", "continuation")
    assert said(text, "Nobody") == ("Olek Varga", "continuation")  # the next paragraph
    assert claim(article, "ferry").attribution == ""  # no quotation mark: narration again


def test_a_quotation_does_not_carry_past_a_paragraph_of_narration() -> None:
    text = INTRO + '"We are ready," Varga said.\n\nThe ferry left.\n\nThe ship sank.\n\n"Odd."'
    assert said(text, "ship") == (None, "")


def test_partial_quote_is_a_quote_of_its_speaker() -> None:
    found = claim(parse(INTRO + 'The envoy called the talks "very useful".'), "very useful")
    assert (found.speaker, found.attribution, found.kind) == ("Dana Pryce", "partial", "quote")


def test_a_scare_quoted_word_is_no_partial_quote() -> None:
    found = claim(parse(INTRO + 'Varga said the plan was a "bargain" for everyone.'), "bargain")
    assert (found.attribution, found.kind) == ("indirect", "statement")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Varga told reporters that the meeting was productive.", "Olek Varga"),
        ("The minister told reporters that the meeting was productive.", "Olek Varga"),
        ("The meeting was productive, Pryce said.", "Dana Pryce"),
        ("Pryce paid for the lunch, but said the meeting was productive.", "Dana Pryce"),
        ("According to the Harbour Authority, 40 ships were turned away.", "Harbour Authority"),
        ("The Treasury Secretary said the budget was balanced.", "Mara Quist"),
        ("Sen. Rolf Amsel said the meeting was productive.", "Rolf Amsel"),
        ("The Daily Times reported that the meeting was productive.", "Daily Times"),
    ],
)
def test_indirect_speech_names_its_source(sentence: str, speaker: str) -> None:
    assert said(INTRO + sentence, "productive" if "productive" in sentence else sentence[-12:]) == (
        speaker,
        "indirect",
    )


def test_an_organisation_named_only_by_the_attribution_is_a_mention_of_its_kind() -> None:
    found = claim(parse(INTRO + "The Daily Times reported that ferries were late."), "late")
    assert found.speaker == "Daily Times"
    assert [(m.name, m.kind) for m in found.mentions if m.name == "Daily Times"] == [
        ("Daily Times", "organization")
    ]


def test_title_and_appositive_sources() -> None:
    text = (
        "Varga's foreign-policy adviser, Ilse Morn, told state TV that the border would open. "
        "She said the decision was final."
    )
    assert said(text, "border") == ("Ilse Morn", "indirect")
    assert said(text, "decision") == ("Ilse Morn", "indirect")


def test_the_president_is_the_president_named_earlier() -> None:
    text = "President Anja Telle visited the port. Later the president said exports had doubled."
    assert said(text, "doubled") == ("Anja Telle", "indirect")


@pytest.mark.parametrize(
    ("intro", "description"),
    [
        ("Gov. Anja Telle signed the port bill.", "the governor"),
        ("Sen. Anja Telle voted against the port bill.", "the senator"),
        ("The Minister of Ports, Anja Telle, visited the harbour.", "the minister"),
    ],
)
def test_a_description_names_the_person_whose_role_it_heads(intro: str, description: str) -> None:
    text = f"{intro} Later {description} said exports had doubled."
    assert said(text, "doubled") == ("Anja Telle", "indirect")


def test_a_description_without_a_rank_is_not_the_deputy() -> None:
    text = "Deputy Mayor Ivo Laine spoke first. Later the mayor said exports had doubled."
    assert said(text, "doubled") == (None, "indirect")


def test_an_unresolvable_description_is_attributed_without_a_speaker() -> None:
    assert said(INTRO + "The committee said exports had doubled.", "doubled") == (None, "indirect")


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said the border would open.",
        "A source familiar with the talks said the border would open.",
        "People briefed on the matter said the border would open.",
        "The border would open, two diplomats said.",
        "A senior official, who spoke on condition of anonymity, said the border would open.",
        "Doctors say the border would open.",
        "Staff said the border would open.",
        "Teachers warn the border would open.",
        "Fans chanted that the border would open.",
    ],
)
def test_anonymous_sources_have_no_speaker(sentence: str) -> None:
    assert said(INTRO + sentence, "border") == (None, "anonymous")


def test_a_document_header_gives_its_source_to_what_follows() -> None:
    text = (
        "The following is attributable to Spokesperson Jane Doe:\n\n"
        "The ministers discussed grain exports. They agreed to meet again in May.\n\n"
        "“We welcome the outcome,” said Olek Varga."
    )
    article = parse(text)
    assert said(text, "grain") == ("Jane Doe", "document")
    assert said(text, "May") == ("Jane Doe", "document")
    assert said(text, "welcome") == ("Olek Varga", "direct")  # its own attribution wins
    assert [s.reason for s in article.skipped] == ["attribution line"]


def test_transcript_turns_are_attributed_as_transcript() -> None:
    text = (
        "PRESS BRIEFING BY SPOKESPERSON JANE DOE\n\n"
        "MS. DOE: Good afternoon. The ministers met for three hours.\n\n"
        "Q: Was anything agreed?\n\n"
        "MS. DOE: Grain exports will resume on Monday."
    )
    kinds = {c.text: c.attribution for c in parse(text).claims}
    assert kinds["Grain exports will resume on Monday."] == "transcript"


def test_first_person_and_pronoun_subjects_are_not_anonymous() -> None:
    assert said(INTRO + "I think the talks went well.", "talks") == (None, "indirect")


def test_passives_and_added_to_are_not_speech() -> None:
    assert said(INTRO + "Varga was told to leave the room.", "room") == (None, "")
    assert said(INTRO + "The storm added to the delays.", "delays") == (None, "")


def test_own_kind() -> None:
    for text, kind in [
        ('"We will win," she said.', "direct"),
        ('She said: "We will win the vote today."', "direct"),
        ('She called the talks "very useful" and left.', "partial"),
        ("She said the talks were useful.", "indirect"),
        ('She said the plan was a "bargain".', "indirect"),
    ]:
        assert own_kind(text, quote_regions(text)) == kind, text


def test_sources_around_a_verb() -> None:
    text = "In an interview on Tuesday the minister said"
    assert source_before(text, len(text) - 5)[:2] == ("description", "the minister")
    text = "a spokesman for the port said"
    assert source_before(text, len(text) - 5)[:2] == ("unnamed", "a spokesman for the port")
    text = "according to company records, sales fell"
    assert source_after(text, 13, according=True)[:2] == ("unresolved", "company records")


def test_source_names() -> None:
    assert source_name("Mr. Halvorsen") == ("Halvorsen", "person")
    assert source_name("retired Army Gen. Ann Marsh") == ("Ann Marsh", "person")
    assert source_name("The Daily Courier") == ("Daily Courier", "organization")
    assert source_name("Justice Department") == ("Justice Department", "organization")
    assert source_name("Halvorsen") == ("Halvorsen", "other")
    assert source_name("the committee") is None


def test_document_source() -> None:
    assert document_source("The following is attributable to Spokesperson Jane Doe:") == (
        "Spokesperson Jane Doe"
    )
    assert document_source("Statement from the Press Secretary:") == "the Press Secretary"
    assert document_source("The ministers met on Monday.") is None


def test_a_person_and_others_speak_through_the_person() -> None:
    text = "Senator Bernard Voss spoke on Monday. But Voss and his supporters argue it is unfair."
    assert said(text, "unfair") == ("Bernard Voss", "indirect")
