"""Explicit dates: formats, precision, year-less dates, implausible years."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.extract.dates import YearContext, find_dates, parse_dateline, parse_day
from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints

D = dt.date


def found(text: str, context: YearContext | None = None) -> list[tuple[str, dt.date, str]]:
    mentions = find_dates(text, context)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.date, m.precision) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "on Tuesday, February 18, 2025, in Riyadh",
            ("Tuesday, February 18, 2025", D(2025, 2, 18), "day"),
        ),
        ("on February 18, 2025", ("February 18, 2025", D(2025, 2, 18), "day")),
        ("on February 18th, 2025", ("February 18th, 2025", D(2025, 2, 18), "day")),
        ("on 18 February 2025", ("18 February 2025", D(2025, 2, 18), "day")),
        ("on the 18th of February, 2025", ("18th of February, 2025", D(2025, 2, 18), "day")),
        ("on Feb. 18, 2025", ("Feb. 18, 2025", D(2025, 2, 18), "day")),
        ("filed 2025-02-18 in court", ("2025-02-18", D(2025, 2, 18), "day")),
        ("in January 2025", ("January 2025", D(2025, 1, 1), "month")),
        ("in Sept. 2024", ("Sept. 2024", D(2024, 9, 1), "month")),
        ("began in 2022.", ("2022", D(2022, 1, 1), "year")),
        ("his 2024 campaign", ("2024", D(2024, 1, 1), "year")),
        ("since 1991, when", ("1991", D(1991, 1, 1), "year")),
    ],
)
def test_formats(text, expected):
    assert found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "1950 troops crossed the border",
        "a $2025 fee",
        "in the early 2000s",
        "a 14-minute briefing and 100 days",
        "the year 1850 and the year 2150",
        "last week and this month",
        "Route 2020-X",
    ],
)
def test_not_dates(text):
    assert found(text) == []


def test_impossible_day_falls_back_to_the_year():
    assert found("on February 30, 2025") == [("2025", D(2025, 1, 1), "year")]


def test_year_less_dates_take_the_published_year():
    context = YearContext(published=D(2025, 4, 15))
    assert found("on Feb. 18 and 20 March", context) == [
        ("Feb. 18", D(2025, 2, 18), "day"),
        ("20 March", D(2025, 3, 20), "day"),
    ]


def test_year_less_date_far_after_publication_is_last_year():
    context = YearContext(published=D(2025, 1, 10))
    assert found("since Dec. 20", context) == [("Dec. 20", D(2024, 12, 20), "day")]


def test_year_less_dates_take_the_most_recent_year_named():
    context = YearContext()
    assert found("on Feb. 18") == []  # no year anywhere: nothing to store
    assert found("Talks began in 2023.", context) == [("2023", D(2023, 1, 1), "year")]
    assert found("They resumed on June 5.", context) == [("June 5", D(2023, 6, 5), "day")]


def test_year_context_flows_through_an_article():
    article = parse_article(
        "Talks Resume\n\nThe first round was held in March 2024 in Vienna. "
        "A second round followed on May 3 in Geneva.",
        hints=ArticleHints(title="Talks Resume"),
    )
    assert [(d.text, d.date) for c in article.claims for d in c.dates] == [
        ("March 2024", D(2024, 3, 1)),
        ("May 3", D(2024, 5, 3)),
    ]


def test_the_published_year_wins_over_the_context():
    article = parse_article(
        "Talks Resume\n\nPublished on April 15, 2025\n\n"
        "The first round was held in 2019 in Vienna. A second round followed on May 3.",
    )
    assert article.published_on == D(2025, 4, 15)
    assert article.claims[-1].dates[0].date == D(2025, 5, 3)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published on April 15, 2025", (D(2025, 4, 15), True)),
        ("April 15, 2025 10:32 AM EDT", (D(2025, 4, 15), True)),
        ("Updated: 2025-04-16", (D(2025, 4, 16), False)),
        ("As of February 22, 2025, Trump’s bold gamble is reshaping global power.", None),
        ("Published on April 2025", None),
        ("Published: 9:15am, 7 Apr 2025", (D(2025, 4, 7), True)),
        ("Updated - April 16, 2025 09:40 pm IST - BERGEN", (D(2025, 4, 16), False)),
        ("Tue 15 Apr 2025 07.10 BST", (D(2025, 4, 15), True)),
        ("Issued on: April 15, 2025", (D(2025, 4, 15), True)),
        ("Published 15 April 2025 | Updated 16 April 2025 10:05 CET", (D(2025, 4, 15), True)),
        ("Jane Roe | April 15, 2025", None),  # (a byline's part is no date line)
        ("Tuesday's vote on April 15, 2025 was close", None),
    ],
)
def test_parse_dateline(line, expected):
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    ("byline", "author", "published_on"),
    [
        ("By Jane Roe Updated Apr 16, 2025, 9:00am EST", "Jane Roe", D(2025, 4, 16)),
        ("By Jane Roe • April 15, 2025", "Jane Roe", D(2025, 4, 15)),
        ("By Jane Roe | Published April 15, 2025", "Jane Roe", D(2025, 4, 15)),
    ],
)
def test_a_byline_with_a_date_gives_the_author_and_the_date(byline, author, published_on):
    article = parse_article(
        f"Talks Resume\n\n{byline}\n\nThe first round of talks was held in Vienna on Monday."
    )
    assert (article.author, article.published_on) == (author, published_on)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04-15T09:30:00.5+0200", D(2025, 4, 15)),
        ("april 15, 2025", D(2025, 4, 15)),
        ("APR. 15th 2025", D(2025, 4, 15)),
        ("Updated, 15th April, 2025", D(2025, 4, 15)),
        ("April. 15, 2025", D(2025, 4, 15)),
        ("Sept 15, 2025", D(2025, 9, 15)),
        ("April 15", None),  # a metadata field is read without a year to inherit
        ("April 2025", None),
        ("Foo, 2025-04-15", None),
        ("April 15, 2025 and May 1, 2025", None),
        ("February 30, 2025", None),
    ],
)
def test_parse_day_reads_a_whole_field_as_one_day(value, expected):
    assert parse_day(value) == expected
