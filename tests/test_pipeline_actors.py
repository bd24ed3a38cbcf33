"""People, organisations and countries: recognition, roles, resolution (pure)."""

from __future__ import annotations

import pytest

from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints, KnownActor, ParsedArticle

HINTS = ArticleHints(title="Test")
KNOWN = (
    KnownActor("United States", "country", ("U.S.", "USA", "America")),
    KnownActor("European Union", "organization", ("EU",)),
    KnownActor("Russia", "country", ("Moscow",)),  # a metonymy the caller chose to teach
    KnownActor("United Nations", "organization", ("UN", "U.N.")),
    KnownActor("Turkey", "country", ("Türkiye",)),
)


def parse(text: str, known=KNOWN) -> ParsedArticle:
    return parse_article(text, hints=HINTS, known_actors=known)


def mentions(article: ParsedArticle) -> list[tuple[str, str, str]]:
    return [(m.text, m.name, m.kind) for c in article.claims for m in c.mentions]


def test_particles_and_non_ascii_names():
    article = parse(
        "European Commission President Ursula von der Leyen met Saudi Crown Prince Mohammed "
        "bin Salman in Riyadh. UN Secretary-General António Guterres joined them. Turkish "
        "President Recep Tayyip Erdoğan sent a message. Von der Leyen said the meeting went "
        "well. Guterres agreed, and Erdoğan’s office confirmed it."
    )
    assert article.people == {
        "Ursula von der Leyen": "European Commission President",
        "Mohammed bin Salman": "Saudi Crown Prince",
        "António Guterres": "UN Secretary-General",
        "Recep Tayyip Erdoğan": "Turkish President",
    }
    people = [(t, n) for t, n, k in mentions(article) if k == "person"]
    assert ("Guterres", "António Guterres") in people
    assert ("Erdoğan’s", "Recep Tayyip Erdoğan") in people
    assert ("Von der Leyen", "Ursula von der Leyen") in people
    assert article.claims[3].speaker == "Ursula von der Leyen"


def test_role_cues_and_appositives():
    article = parse(
        "Treasury Secretary Scott Bessent flew to Kyiv with retired General Keith Kellogg. "
        "Andrea Kendall-Taylor, a security expert at a Washington think tank, was critical. "
        "The Kremlin’s envoy, Kirill Dmitriev, arrived later. Analysts like Andrew Bishop of "
        "Signum Global Advisors were unsurprised. Max Bergmann of the Center for Strategic "
        "and International Studies said little."
    )
    assert article.people == {
        "Scott Bessent": "Treasury Secretary",
        "Keith Kellogg": "retired General",
        "Andrea Kendall-Taylor": "security expert at a Washington think tank",
        "Kirill Dmitriev": "Kremlin’s envoy",
        "Andrew Bishop": "Signum Global Advisors",
        "Max Bergmann": "Center for Strategic and International Studies",
    }


def test_surname_resolves_within_the_article():
    article = parse(
        "Kirill Dmitriev, a close associate of the president, flew to Washington. "
        "Dmitriev met officials on Monday. Dmitriev’s visit was brief."
    )
    names = [(t, n) for t, n, k in mentions(article) if k == "person"]
    assert names == [
        ("Kirill Dmitriev", "Kirill Dmitriev"),
        ("Dmitriev", "Kirill Dmitriev"),
        ("Dmitriev’s", "Kirill Dmitriev"),
    ]


def test_surname_resolves_against_a_unique_known_person():
    known = (*KNOWN, KnownActor("Donald Trump", "person"), KnownActor("Joe Biden", "person"))
    article = parse("Trump spoke to reporters on Friday. Biden’s aides declined to comment.", known)
    assert [(t, n) for t, n, k in mentions(article)] == [
        ("Trump", "Donald Trump"),
        ("Biden’s", "Joe Biden"),
    ]


def test_ambiguous_known_surname_is_not_resolved():
    known = (KnownActor("John Kennedy", "person"), KnownActor("Robert Kennedy", "person"))
    article = parse("Kennedy spoke to reporters on Friday.", known)
    assert mentions(article) == []


def test_known_person_by_alias_and_accents():
    known = (KnownActor("Volodymyr Zelenskyy", "person", ("Zelensky", "Zelenskiy")),)
    article = parse("Zelensky’s office said talks would continue. ZELENSKIY was not there.", known)
    first = mentions(article)[0]
    assert first[:2] == ("Zelensky’s", "Volodymyr Zelenskyy")


def test_single_capitalised_words_never_become_people():
    article = parse(
        "Moscow and Kyiv traded accusations. Washington stayed quiet. The Harvard-Stanford "
        "study was cited. Sources in Brussels said little. Scroll down for more."
    )
    assert article.people == {}
    assert all(k != "person" for _, _, k in mentions(article))


def test_organisations_and_places_are_not_people():
    article = parse(
        "He once worked as a banker at Goldman Sachs in New York. The summit at Diriyah "
        "Palace in Saudi Arabia was hosted near North Korea’s embassy. Air Force One landed "
        "at Joint Base Andrews. Goldman Sachs later declined to comment."
    )
    assert article.people == {}


def test_organisations_and_countries_come_only_from_known_actors():
    article = parse(
        "The U.S. and the EU urged Türkiye to act, but Moscow said the UN had no role. "
        "NATO was not mentioned by us."
    )
    assert mentions(article) == [
        ("U.S.", "United States", "country"),
        ("EU", "European Union", "organization"),
        ("Türkiye", "Turkey", "country"),
        ("Moscow", "Russia", "country"),
        ("UN", "United Nations", "organization"),
    ]


def test_pronoun_us_is_not_the_united_states():
    article = parse("Let us be clear: the talks failed. Us and them.")
    assert mentions(article) == []


def test_title_with_a_surname_only_gives_the_role_to_the_full_name():
    article = parse(
        "Vladimir Putin said little on Monday. Putin’s spokesman was silent. Later, "
        "President Putin spoke."
    )
    assert article.people == {"Vladimir Putin": "President"}
    assert mentions(article)[-1] == ("President Putin", "Vladimir Putin", "person")


def test_two_people_with_one_surname():
    article = parse(
        "Senator John Kennedy of Louisiana spoke first. Robert Kennedy Jr., the health "
        "secretary, spoke next. Kennedy then left the room."
    )
    assert article.people["John Kennedy"] == "Senator (Louisiana)"
    assert "Robert Kennedy" in article.people or "Robert Kennedy Jr." in article.people
    last = article.claims[-1].mentions
    # The most recently named Kennedy.
    assert [m.name for m in last] in (["Robert Kennedy"], ["Robert Kennedy Jr."])


@pytest.mark.parametrize(
    "sentence",
    [
        "Yet Trump Tower stayed open.",
        "North Korea fired a missile on Monday.",
        "The Cold War ended long ago.",
    ],
)
def test_no_person_without_evidence(sentence):
    assert parse(sentence).people == {}


def test_parliamentary_and_council_titles_are_roles_not_names():
    article = parse(
        "Harbour MP Ada Kline said the port would close. The Labour MP Ivo Laine agreed. "
        "Councilmember Rosa Diaz-Ortiz declared victory. The Honourable Tom Reyes spoke. "
        "Coun. Mia Holt said the plan was bad. Kline said she would appeal."
    )
    assert article.people == {
        "Ada Kline": "Harbour MP",
        "Ivo Laine": "Labour MP",
        "Rosa Diaz-Ortiz": "Councilmember",
        "Tom Reyes": "Honourable",
        "Mia Holt": "Coun.",
    }
    assert [c.speaker for c in article.claims][-1] == "Ada Kline"
    assert "Coun. Mia Holt said the plan was bad." in [c.text for c in article.claims]


def test_an_arabic_surname_with_its_lower_case_article_is_part_of_the_name():
    article = parse(
        "Egyptian President Karim Fattah al-Masri said the talks were useful. "
        "“We agree,” al-Masri said. Later, Mohamed el-Tawil said rates would rise."
    )
    assert article.people == {"Karim Fattah al-Masri": "Egyptian President", "Mohamed el-Tawil": ""}
    assert [c.speaker for c in article.claims] == [
        "Karim Fattah al-Masri",
        "Karim Fattah al-Masri",
        "Mohamed el-Tawil",
    ]


def test_a_source_at_the_end_of_a_sentence_is_named_without_its_stop():
    article = parse("“We lost everything,” said Le Thi Hoa. The port closed, according to the AP.")
    assert [c.speaker for c in article.claims] == ["Le Thi Hoa", "AP"]


def test_an_age_or_an_everyday_role_in_commas_introduces_a_person():
    article = parse(
        "Maria Villanueva, 43, lost her home in the flood. Tomas Berg, a nurse, was hurt. "
        "“We have nothing,” she said. The 52-year-old said he would rebuild."
    )
    assert article.people == {"Maria Villanueva": "", "Tomas Berg": "nurse"}
    assert [c.speaker for c in article.claims][-1] == "Tomas Berg"


def test_the_age_of_the_person_just_named_refers_back_to_them():
    article = parse(
        "Chinedu Okafor, the Rovers captain, scored twice on Saturday. "
        "“He was always my biggest fan,” said the 29-year-old striker."
    )
    assert [c.speaker for c in article.claims] == [None, "Chinedu Okafor"]


def test_a_hyphened_surname_alone_makes_its_full_name_a_person():
    article = parse(
        "Shai Gilgeous-Marte scored 44 points on Tuesday night. "
        "“I just wanted the ball,” Gilgeous-Marte said. The Washington Post-ABC poll agreed."
    )
    assert article.people == {"Shai Gilgeous-Marte": ""}
    assert [c.speaker for c in article.claims][1] == "Shai Gilgeous-Marte"


def test_a_portfolio_office_then_its_holder():
    article = parse(
        "Minister for Housing Darragh Byrne said the numbers were poor. "
        "Minister for Foreign Affairs Simon Coveney said the talks failed. "
        "The Minister for Foreign Affairs said they would resume. Byrne said more."
    )
    assert article.people == {
        "Darragh Byrne": "Minister for Housing",
        "Simon Coveney": "Minister for Foreign Affairs",
    }
    assert [c.speaker for c in article.claims] == [
        "Darragh Byrne",
        "Simon Coveney",
        "Simon Coveney",
        "Darragh Byrne",
    ]


def test_where_a_named_person_works_is_not_a_person():
    article = parse(
        "Industry analyst Akiko Fujimoto of Mizuho Securities said the rules were strict. "
        "County Supervisor of Elections Susan Bucher said ballots were late. "
        "Supporters of Hillary Clinton met on Monday. Clinton said little."
    )
    assert set(article.people) == {"Akiko Fujimoto", "Susan Bucher", "Hillary Clinton"}
    assert [c.speaker for c in article.claims][:2] == ["Akiko Fujimoto", "Susan Bucher"]
