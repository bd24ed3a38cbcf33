"""Institutions as sources (invented text, pure): a named ministry speaks, "the ministry"
is the one named before, a spokesperson for an organisation speaks for it on the record,
and a name owned by a noun for people ("an aide to Ames") is not the one speaking."""

from __future__ import annotations

import pytest

from claims.extract.institutions import Institutions
from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints, KnownActor

HINTS = ArticleHints(title="Port talks")
KNOWN = (KnownActor("Harbour Authority", "organization", ()),)
INTRO = "Governor Olek Varga visited the port of Tallinn on Monday. "


def said(text: str, fragment: str) -> tuple[str | None, str]:
    article = parse_article(INTRO + text, hints=HINTS, known_actors=KNOWN)
    (found,) = [c for c in article.claims if fragment in c.text]
    return found.speaker, found.attribution


@pytest.mark.parametrize(
    ("sentence", "speaker", "attribution"),
    [
        (
            "The Transport Ministry said 12 ferries were cancelled.",
            "Transport Ministry",
            "indirect",
        ),
        ("“Twelve were cancelled,” the Transport Ministry said.", "Transport Ministry", "direct"),
        (
            "A spokesperson for the Port Commission said it would reopen.",
            "Port Commission",
            "indirect",
        ),
        ("A Harbour Authority spokeswoman said it would reopen.", "Harbour Authority", "indirect"),
        (
            "A spokesman for the Harbour Authority said it would reopen.",
            "Harbour Authority",
            "indirect",
        ),
    ],
)
def test_an_institution_named_as_the_source_speaks(
    sentence: str, speaker: str, attribution: str
) -> None:
    assert said(sentence, sentence[:12]) == (speaker, attribution)


@pytest.mark.parametrize(
    "sentence",
    [
        "The government said the plan would cost $2 billion.",
        "The administration said it would appeal the ruling.",
        "The ministry said the plan would cost $2 billion.",
    ],
)
def test_an_institution_described_is_not_anonymous(sentence: str) -> None:
    assert said(sentence, sentence[:12]) == (None, "indirect")


def test_the_ministry_is_the_ministry_named_before() -> None:
    text = (
        "The Transport Ministry said 12 ferries were cancelled. "
        "Storms closed the harbour for two days. "
        "The ministry said the ferries would resume on Friday."
    )
    assert said(text, "resume") == ("Transport Ministry", "indirect")


def test_the_ministry_at_the_end_of_a_sentence_is_resolved_too() -> None:
    text = (
        "The Transport Ministry said 12 ferries were cancelled. "
        "Two more were held in port, according to the ministry."
    )
    assert said(text, "held in port") == ("Transport Ministry", "indirect")
    memory = Institutions()
    memory.add("U.S. Coast Guard")
    assert memory.resolve("the U.S. guard.") == "U.S. Coast Guard"


@pytest.mark.parametrize(
    "sentence",
    [
        "An aide to Varga said the talks had failed.",
        "A senior adviser to Varga told reporters the deal was dead.",
        "A spokesman for Varga said the talks had failed.",
        "Friends of Varga said the talks had failed.",
        "Officials close to Varga said the talks had failed.",
        "Officials close to the Harbour Authority said the talks had failed.",
        "A ministry spokesman said the talks had failed.",
    ],
)
def test_a_name_a_noun_for_people_owns_is_not_the_speaker(sentence: str) -> None:
    assert said(sentence, sentence[:12]) == (None, "anonymous")


def test_a_name_in_commas_after_its_owner_still_speaks() -> None:
    sentence = "A lawyer for Varga, Ivo Laine, said the governor was innocent."
    assert said(sentence, "innocent") == ("Ivo Laine", "indirect")


def test_institutions_resolve_by_every_word_of_the_description() -> None:
    memory = Institutions()
    for name in ("Ministry of Defence", "Transport Ministry", "Harbour Authority"):
        memory.add(name)
    assert memory.resolve("the ministry") == "Transport Ministry"  # the most recent
    assert memory.resolve("the defence ministry") == "Ministry of Defence"
    assert memory.resolve("Estonia's authority") == "Harbour Authority"
    assert memory.resolve("the agency") is None  # nothing named fits
    assert memory.resolve("the governor") is None  # a person's description: not this


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A village chief in Liloan, Ana Cruz, said residents ignored warnings.", "Ana Cruz"),
        ("Another parent, Glen Hatch, said the school was closed.", "Glen Hatch"),
        ("The union's spokesperson on pay, Kev Milo, said talks had failed.", "Kev Milo"),
        ("One resident, Ana Lopes, told reporters she lost everything.", "Ana Lopes"),
    ],
)
def test_a_name_in_commas_after_an_opening_description_speaks(sentence: str, speaker: str) -> None:
    assert said(sentence, sentence[:12]) == (speaker, "indirect")


@pytest.mark.parametrize(
    "sentence",
    ["Voters I spoke with said the port should stay open.", "Everyone I interviewed said so."],
)
def test_a_source_the_reporter_met_is_unnamed(sentence: str) -> None:
    assert said(sentence, sentence[:12]) == (None, "anonymous")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The Food and Drink Federation said prices rose.", "Food and Drink Federation"),
        ("The Institute for Port Studies said taxes would rise.", "Institute for Port Studies"),
        ("The Bank of Tallinn said rates would fall.", "Bank of Tallinn"),
        ("The Commission on Port Safety said 12 ships were late.", "Commission on Port Safety"),
        ("Granite Peak Partners said it would vote no.", "Granite Peak Partners"),
    ],
)
def test_an_organisation_named_with_small_words_is_named_whole(sentence: str, speaker: str) -> None:
    assert said(sentence, sentence[:12]) == (speaker, "indirect")


def test_two_people_joined_by_and_are_not_an_organisation() -> None:
    assert said("Varga and Laine said the deal was off.", "deal")[0] != "Varga and Laine"


@pytest.mark.parametrize("sentence", ["Officials said it was late.", "Port Officials said so."])
def test_a_capitalised_group_is_still_unnamed(sentence: str) -> None:
    assert said(sentence, sentence[:8]) == (None, "anonymous")


@pytest.mark.parametrize(
    "sentence",
    [
        "“The port is shut,” one traveller wrote on X.",
        "“I have read enough,” said one mother in Tallinn, who asked not to be named.",
        "Another commenter said the ferry was late.",
    ],
)
def test_one_person_of_no_name_is_anonymous(sentence: str) -> None:
    assert said(sentence, sentence[:12]) == (None, "anonymous")


@pytest.mark.parametrize(
    "sentence",
    [
        "Ferry traffic fell by half, according to court documents.",
        "The study, which followed nearly 19,000 adults, found that sleep fell.",
    ],
)
def test_a_document_is_a_source_without_a_speaker_not_an_anonymous_one(sentence: str) -> None:
    assert said(sentence, sentence[:12]) == (None, "indirect")


def test_an_organisation_named_again_as_the_source_is_mentioned_there() -> None:
    text = (
        "The Port Commission said 12 ferries were cancelled. "
        "Two more were held in port, according to the Port Commission. "
        "The commission said the ferries would resume on Friday."
    )
    article = parse_article(INTRO + text, hints=HINTS)
    held, resume = (c for c in article.claims if "held" in c.text or "resume" in c.text)
    assert held.speaker == resume.speaker == "Port Commission"
    (mention,) = held.mentions
    assert (mention.name, mention.kind) == ("Port Commission", "organization")
    assert held.text[mention.start : mention.end] == "Port Commission"
    assert resume.mentions == []  # "the commission" describes it; it is not a mention


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The Centers for Harbour Safety and Prevention said 12 ferries were unsafe.",
            "Centers for Harbour Safety and Prevention",
        ),
        (
            "The Ferry and Port Administration said 12 ferries were unsafe.",
            "Ferry and Port Administration",
        ),
        (
            "Twelve ferries were unsafe, according to the World Maritime Organization.",
            "World Maritime Organization",
        ),
        ("The Archdiocese of Tallinn said the chapel was damaged.", "Archdiocese of Tallinn"),
        ("The Harbour Workers Coalition said the strike would go on.", "Harbour Workers Coalition"),
    ],
)
def test_an_institution_whose_name_ends_in_an_unusual_head_speaks_whole(
    sentence: str, speaker: str
) -> None:
    assert said(sentence, sentence[:12]) == (speaker, "indirect")


def test_a_lone_word_of_an_organisation_named_before_is_that_organisation() -> None:
    text = (
        "The Transport Ministry said 12 ferries were cancelled. "
        "Harbour Power Holdings said the cranes were safe. "
        "Harbour said the allegations were false. "
        "Transport said the ferries would resume on Friday."
    )
    assert said(text, "allegations") == ("Harbour Power Holdings", "indirect")
    assert said(text, "resume") == ("Transport Ministry", "indirect")
    memory = Institutions()
    memory.add("Junge SVP")
    assert memory.short_for("SVP") is None  # an acronym is the party, not its wing


def test_it_after_an_organisation_that_spoke_is_that_organisation() -> None:
    text = "The Harbour Authority said profits rose 12 percent. It added that costs fell."
    assert said(text, "costs fell") == ("Harbour Authority", "indirect")
    text = "Governor Varga said the plan was fine. It said nothing more."
    assert said(text, "nothing more") == (None, "indirect")  # a person is not "it"


@pytest.mark.parametrize(
    "name", ["Physicians for Harbour Safety", "Mothers Against Port Noise", "Teachers for Change"]
)
def test_a_group_named_for_its_cause_speaks_whole(name: str) -> None:
    sentence = f"{name} said the port was unsafe."
    assert said(sentence, sentence[:12]) == (name, "indirect")
