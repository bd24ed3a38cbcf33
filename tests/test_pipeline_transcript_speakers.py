"""Transcript labels written short (a surname, initials, "A.") get the person the document
names in full: in its title, its opening paragraph or anywhere in the turns.

Every text here is invented for the tests.
"""

from __future__ import annotations

from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints, ParsedArticle


def _parse(raw: str) -> ParsedArticle:
    return parse_article(raw, hints=ArticleHints())


def _speakers(article: ParsedArticle) -> dict[str, set[str | None]]:
    """Each claim's text start -> its speaker, for short assertions."""
    found: dict[str, set[str | None]] = {}
    for claim in article.claims:
        found.setdefault(claim.text[:24], set()).add(claim.speaker)
    return found


SURNAMES_IN_INTRO = """Regional leaders' debate: the transcript

The debate between Marta Olsen and Piet Grunwald was held at the civic hall.

OLSEN: I know how hard this winter was. Heating costs fell by 12 percent this year.

GRUNWALD: We will build 3,000 homes, and we will pay for every one of them.

OLSEN: His plan would cost 2 billion a year, and I think he knows that.

GRUNWALD: The pledge was costed by the audit office in May.
"""


def test_surname_labels_get_the_full_names_the_intro_gives() -> None:
    article = _parse(SURNAMES_IN_INTRO)
    speakers = {c.speaker for c in article.claims if c.attribution == "transcript"}
    assert speakers == {"Marta Olsen", "Piet Grunwald"}


SURNAMES_IN_TURNS = """Mayoral debate transcript

MODERATOR: Good evening. Mr. Lindqvist, you have two minutes.

LINDQVIST: We had no deficit, virtually none. They had the largest deficit in the city's history.

MODERATOR: Councillor Abara.

ABARA: Erik Lindqvist left us the worst bus service in 30 years. We added 40 routes.

LINDQVIST: That's not true.
"""


def test_a_surname_label_gets_a_full_name_said_in_another_turn() -> None:
    article = _parse(SURNAMES_IN_TURNS)
    by_text = {c.text: c.speaker for c in article.claims}
    assert by_text["That's not true."] == "Erik Lindqvist"
    assert by_text["We added 40 routes."] is None  # no full name for Abara anywhere
    assert {c.speaker_role for c in article.claims if c.speaker is None} == {"Abara"}


INITIALS_IN_TITLE = """Transcript: Helen Dube MP, Shadow Transport Secretary, on Weekend Politics

Interview by Owen Marsh.

OM: Rail fares rose 5 percent in March. Why should anyone trust your figures?

HD: We would freeze fares for two years, paid for by the windfall levy.

OM: The levy has been spent twice already, critics say. Is that fair?

HD: The treasury confirmed the levy raised 4 billion last year.
"""


def test_initials_labels_get_the_person_with_those_initials_in_the_title() -> None:
    article = _parse(INITIALS_IN_TITLE)
    speakers = {c.speaker for c in article.claims if c.attribution == "transcript"}
    assert speakers == {"Helen Dube"}


ANSWERS_NAMED_IN_INTRO = """Q&A: why the harbour authority is worried about storms

Ingrid Vaal runs the Port of Westmark, the region's busiest container port.

Q. The port handled a record volume last year. What drove it?

A. Volumes rose 11 percent in 2023. Grain exports alone rose 30 percent.

Q. Are the new cranes working?

A. About 70 percent of our cargo now moves through the new cranes.
"""


def test_answers_get_the_one_person_the_intro_names() -> None:
    article = _parse(ANSWERS_NAMED_IN_INTRO)
    answers = [c for c in article.claims if c.attribution == "transcript"]
    assert answers and {c.speaker for c in answers} == {"Ingrid Vaal"}


SURNAME_NOWHERE_IN_FULL = """Forum transcript

KOWALSKI: We cut the waiting list by 4,000 people last year.

BRANDT: The waiting list grew by 2,000 people in March.

KOWALSKI: I think the March figure counts transfers twice.
"""


def test_a_surname_label_named_nowhere_in_full_keeps_its_label_as_role() -> None:
    article = _parse(SURNAME_NOWHERE_IN_FULL)
    assert {c.speaker for c in article.claims} == {None}
    assert {c.speaker_role for c in article.claims} == {"Kowalski", "Brandt"}
