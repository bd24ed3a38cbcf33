"""Attribution as wire copy and British copy write it (invented text, pure): a closing
clause names the whole sentence's source, honorifics written without a stop, a quotation
that ends a sentence of its own words, and the sentence after it."""

from __future__ import annotations

import pytest

from claims.extract.pipeline import parse_article
from claims.extract.sentences import split_sentences
from claims.extract.types import ArticleHints, ParsedArticle, ParsedClaim

HINTS = ArticleHints(title="Talks")
INTRO = "Senator Mara Quist met Governor Olek Varga and adviser Ivo Laine in Tallinn on Monday."


def parse(text: str) -> ParsedArticle:
    return parse_article(f"{INTRO}\n\n{text}", hints=HINTS)


def claim(article: ParsedArticle, fragment: str) -> ParsedClaim:
    (found,) = [c for c in article.claims if fragment in c.text]
    return found


@pytest.mark.parametrize(
    ("sentence", "speaker", "attribution"),
    [
        ("Varga warned Quist against closing the port, Laine said.", "Ivo Laine", "indirect"),
        ("Varga praised the harbour deal, according to Laine.", "Ivo Laine", "indirect"),
        ("Varga called the toll a robbery, a port official said.", None, "anonymous"),
        ("Varga urged the board to wait, two people briefed on the talks said.", None, "anonymous"),
        ("Varga rejected the offer last week, Laine told reporters.", "Ivo Laine", "indirect"),
    ],
)
def test_a_closing_clause_names_the_source_of_the_whole_sentence(
    sentence: str, speaker: str | None, attribution: str
) -> None:
    found = claim(parse(sentence), sentence[:20])
    assert (found.speaker, found.attribution) == (speaker, attribution)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # the one quoted said it; the closing clause only says who reports that
        ("Varga said the port would reopen, according to Laine.", "Olek Varga"),
        ('"The port will reopen," Varga said, according to Laine.', "Olek Varga"),
        # not a closing clause: an aside, a clause of its own, a participle
        ("Varga warned the board, in a rare rebuke to Laine, that fees must fall.", "Olek Varga"),
        ("Varga rejected the toll, cutting off a reporter who asked about it.", "Olek Varga"),
        ("Rather than raise fees, said Varga, Laine wants the port sold.", "Olek Varga"),
        # a thing, not a source: the sentence keeps its own
        ("Varga said the ferry was late, the footage showed.", "Olek Varga"),
    ],
)
def test_what_is_not_a_closing_source(sentence: str, speaker: str) -> None:
    assert claim(parse(sentence), sentence[:20]).speaker == speaker


@pytest.mark.parametrize("honorific", ["Mr", "Ms", "Dr", "Mrs"])
def test_an_honorific_without_a_stop_names_the_same_person(honorific: str) -> None:
    article = parse(f"{honorific} Varga said the budget would balance by 2027.")
    found = claim(article, "the budget would balance")
    assert found.speaker == "Olek Varga"
    assert f"{honorific} Varga" not in article.people


def test_a_quotation_ending_a_sentence_of_its_own_words_is_partial_and_ends_it() -> None:
    article = parse('Quist called the toll "a disgrace." Varga said he supported it.')
    first = claim(article, "called the toll")
    assert first.text == 'Quist called the toll "a disgrace."'
    assert (first.speaker, first.attribution) == ("Mara Quist", "partial")
    assert claim(article, "Varga said").speaker == "Olek Varga"


def test_a_quotation_introduced_by_a_colon_is_still_direct() -> None:
    found = claim(parse('Quist told the crowd: "We will keep the port open."'), "told the")
    assert (found.speaker, found.attribution) == ("Mara Quist", "direct")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a short attribution after a quotation that makes the sentence joins it ...
        ('"We are done." Varga said.', 1),
        ("“We are done. We leave now.” Varga said.", 1),
        # ... but after a quotation inside a sentence of its own, a new sentence starts
        ('Quist called it "a disgrace." Varga said he backed it.', 2),
        ("Quist called it “a disgrace.” Governor Olek Varga said he backed it.", 2),
    ],
)
def test_sentence_after_a_closing_quotation(text: str, sentences: int) -> None:
    assert len(split_sentences(text)) == sentences


@pytest.mark.parametrize(
    ("sentence", "speaker", "role"),
    [
        (
            "The Labour MP for Tallinn East, Rein Kask, said the cuts were cruel.",
            "Rein Kask",
            "Labour MP for Tallinn East",
        ),
        (
            "The president of the Harbour Authority, Anu Saar, urged members to act.",
            "Anu Saar",
            "president of the Harbour Authority",
        ),
        ("The Energy Minister, Peep Tamm, said prices would fall.", "Peep Tamm", "Energy Minister"),
        (
            "The country's health minister, Tiit Lepp, said waiting lists fell.",
            "Tiit Lepp",
            "country's health minister",
        ),
        ("His wife, Kadri Mets, said he was innocent.", "Kadri Mets", "wife"),
        (
            "The chief executive of Portline, Mart Kull, said sales rose.",
            "Mart Kull",
            "chief executive of Portline",
        ),
    ],
)
def test_a_role_before_the_name_in_commas_introduces_the_speaker(
    sentence: str, speaker: str, role: str
) -> None:
    article = parse(sentence)
    found = claim(article, sentence[:20])
    assert (found.speaker, found.speaker_role) == (speaker, role)
    assert set(article.people) == {"Mara Quist", "Olek Varga", "Ivo Laine", speaker}


def test_a_seat_named_after_a_place_is_not_a_person() -> None:
    article = parse("Kask, the Member for Tallinn East, and the Minister for Harbour Works met.")
    assert "Tallinn East" not in article.people
    assert "Harbour Works" not in article.people


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a telephone call: nothing said that the sentence reports
        ("Varga called Governor Mara Quist on Tuesday.", None),
        ("A week later, Varga called Mara Quist.", None),
        # naming someone or something is saying it
        ("Varga called Quist a friend of the harbour.", "Olek Varga"),
        ("Varga called Quist's plan a disaster.", "Olek Varga"),
        ("Varga called Mrs. Quist a ''harbour pirate.''", "Olek Varga"),
    ],
)
def test_calling_someone_is_speech_only_when_something_is_said(
    sentence: str, speaker: str | None
) -> None:
    assert claim(parse(sentence), sentence[:20]).speaker == speaker


def test_a_pronoun_passes_over_a_person_whose_honorific_says_the_other_gender() -> None:
    article = parse_article(
        "Port row\n\nMrs. Kadri Mets met Mr. Peep Tamm at the harbour on Monday.\n\n"
        "He said the port would close. She said it would stay open.",
        hints=HINTS,
    )
    assert claim(article, "He said").speaker == "Peep Tamm"
    assert claim(article, "She said").speaker == "Kadri Mets"


def test_without_an_honorific_a_pronoun_takes_the_nearest_person() -> None:
    # No table of first names: gender is not guessed from them.
    article = parse_article(
        "Port row\n\nSenator Kadri Mets met Governor Peep Tamm at the harbour on Monday.\n\n"
        "He said the port would close.",
        hints=HINTS,
    )
    assert claim(article, "He said").speaker == "Kadri Mets"
