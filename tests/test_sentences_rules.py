"""Sentence splitting rules: abbreviations, acronyms, lists, bullets, ellipses, and what
follows terminal punctuation. Every sentence here is invented for the rule it tests."""

from __future__ import annotations

import time

import pytest

from claims.extract.sentences import split_sentences


def sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())
    return [text[start:end] for start, end in spans]


@pytest.mark.parametrize(
    "text",
    [
        # plural and military titles
        "Sens. Ann Lee and Bo Park backed the bill on Tuesday.",
        "Govs. Dana Ortiz and Lee Park signed the compact.",
        "Cpl. Dana Reyes and Pvt. Omar Hale were treated for burns.",
        # number abbreviations
        "The rules are set out in Ch. 7 of the treaty.",
        "The crate was stamped N°. 12 by customs.",
        # abbreviations before a number or a name
        "Water use fell approx. 40 percent after the ban.",
        "They flew to St. Paul for the summit.",
        "Prices rose in several cities, e.g. Denver and Austin.",
        # a place name written in capitals, as in a dateline
        "ST. LOUIS — Voters approved the levy on Tuesday.",
    ],
)
def test_abbreviations_that_continue_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a street, not a saint: a sentence starter follows
        (
            "The shop is on Oak St. It opens at nine.",
            ["The shop is on Oak St.", "It opens at nine."],
        ),
        # a state abbreviation that is also a word counts only when capitalised
        (
            "The mayor fell ill. Aides cancelled her trip.",
            ["The mayor fell ill.", "Aides cancelled her trip."],
        ),
        (
            "The plant is in Tacoma, Wash. The mayor toured it.",
            ["The plant is in Tacoma, Wash.", "The mayor toured it."],
        ),
        # an acronym in ordinary text is not an abbreviation
        (
            "The bank reported the loss to the SEC. Regulators opened a review.",
            ["The bank reported the loss to the SEC.", "Regulators opened a review."],
        ),
        # words that usually end a sentence when a capital follows
        (
            "The stall sold hats, scarves, gloves, etc. Sales doubled in winter.",
            ["The stall sold hats, scarves, gloves, etc.", "Sales doubled in winter."],
        ),
        (
            "Quarterly revenue reached 3 bn. Analysts had expected less.",
            ["Quarterly revenue reached 3 bn.", "Analysts had expected less."],
        ),
        # a number after "No." is not a list marker
        (
            "She finished No. 2. Her rival came third.",
            ["She finished No. 2.", "Her rival came third."],
        ),
    ],
)
def test_abbreviation_like_words_that_end_a_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "1. Cut fares 2. Add night buses 3. Repair the depot",
            ["1. Cut fares", "2. Add night buses", "3. Repair the depot"],
        ),
        (
            "1. Cut fares. 2. Add night buses.",
            ["1. Cut fares.", "2. Add night buses."],
        ),
        ("1) Cut fares 2) Add night buses", ["1) Cut fares", "2) Add night buses"]),
        ("1.) Cut fares 2.) Add night buses", ["1.) Cut fares", "2.) Add night buses"]),
        ("(a) Cut fares (b) Add night buses", ["(a) Cut fares", "(b) Add night buses"]),
        (
            "a. Cut fares b. Add night buses c. Hire drivers",
            ["a. Cut fares", "b. Add night buses", "c. Hire drivers"],
        ),
        ("• 4. Cut fares • 5. Add night buses", ["• 4. Cut fares", "• 5. Add night buses"]),
        ("▪7. Cut fares ▪8. Add night buses", ["▪7. Cut fares", "▪8. Add night buses"]),
    ],
)
def test_a_paragraph_that_is_a_list_has_one_sentence_per_item(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def test_bullets_inside_a_paragraph_start_sentences() -> None:
    assert sentences("• Fares fell in May • Ridership rose in June") == [
        "• Fares fell in May",
        "• Ridership rose in June",
    ]


def test_a_list_inside_a_sentence_stays_in_it() -> None:
    text = "The council gave two reasons: 1) the cost and 2) the delay."
    assert sentences(text) == [text]


def test_a_list_marker_period_does_not_end_a_sentence() -> None:
    assert sentences("The council set two goals: 1. Fares fall. 2. Buses run late.") == [
        "The council set two goals: 1. Fares fall.",
        "2. Buses run late.",
    ]
    assert sentences("Here is the plan. 1. Fares fall. 2. Buses run late.") == [
        "Here is the plan.",
        "1. Fares fall.",
        "2. Buses run late.",
    ]


def test_a_number_ending_a_sentence_is_not_a_marker() -> None:
    assert sentences("The index fell to 12. Traders shrugged.") == [
        "The index fell to 12.",
        "Traders shrugged.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "“Our aim […] is a lasting peace,” the envoy said.",
        "“The harbour froze [...]” (Ortiz 2019).",
        "“Trade comes first (…)” (Lee, p. 4).",
        "I was going to . . . Never mind, it can wait.",
    ],
)
def test_elisions_and_spaced_ellipses_continue_a_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_a_period_before_a_spaced_ellipsis_ends_the_sentence() -> None:
    assert sentences("The vote was over. . . . The next day, talks resumed.") == [
        "The vote was over.",
        ". . . The next day, talks resumed.",
    ]
    assert sentences("Nobody came back. . . .") == ["Nobody came back. . . ."]


def test_a_period_after_a_spaced_ellipsis_ends_the_sentence() -> None:
    assert sentences("We waited for news . . . . Nobody came.") == [
        "We waited for news . . . .",
        "Nobody came.",
    ]


def test_an_unspaced_ellipsis_before_a_capital_ends_the_sentence() -> None:
    assert sentences("We waited.... Nobody came.") == ["We waited....", "Nobody came."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ferry left. (It returned an hour later.) Then the storm hit.",
            ["The ferry left.", "(It returned an hour later.)", "Then the storm hit."],
        ),
        (
            "The clerk said “closed.” Then she locked the door.",
            ["The clerk said “closed.”", "Then she locked the door."],
        ),
        (
            "The motion passed (narrowly!) Critics vowed to appeal.",
            ["The motion passed (narrowly!)", "Critics vowed to appeal."],
        ),
        (
            "Is the bridge safe? ‘Yes,’ the engineer said.",
            ["Is the bridge safe?", "‘Yes,’ the engineer said."],
        ),
    ],
)
def test_quotes_and_brackets_after_terminal_punctuation(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


HOSTILE = {
    "list markers": "1) ",
    "colon lists": ": 1. ",
    "letter markers": "a. b) (c) ",
    "bullets": "• ",
    "bullet markers": "• 1. ",
    "spaced ellipses": ". . . . ",
    "elisions": "[...] ",
    "abbreviations": "Sens. etc. St. ",
}


@pytest.mark.parametrize("unit", list(HOSTILE.values()), ids=list(HOSTILE))
def test_splitting_hostile_lists_and_ellipses_is_linear(unit: str) -> None:
    def cpu(text: str) -> float:
        started = time.process_time()
        split_sentences(text)
        return time.process_time() - started

    quarter = min(cpu(unit * 10_000) for _ in range(3))
    full = cpu(unit * 40_000)
    assert full / max(quarter, 0.02) < 10, f"{quarter:.3f}s for 1/4, {full:.3f}s for all"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The doors closed at 6:15 p.m. Counting began soon after.",
            ["The doors closed at 6:15 p.m.", "Counting began soon after."],
        ),
        ("The count resumes at 9 a.m. Friday in the hall.", None),
        ("The count resumes at 9 a.m. GMT in the hall.", None),
        ("The count resumes at 9 A.M. Eastern in the hall.", None),
        ("Ballots arrive by 10 p.m. April 2 at the latest.", None),
    ],
)
def test_a_clock_time_ends_a_sentence_unless_the_time_goes_on(text, expected) -> None:
    assert sentences(text) == (expected or [text])
