"""Claims link to existing events, and named, dated claims suggest new ones."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.importer.events import suggested_title
from claims.importer.service import import_article
from claims.models import Actor, Claim, Event
from tests.factories import article_text, use_fake_pipeline

pytestmark = pytest.mark.django_db

RIYADH = "US and Russian officials met in Riyadh on February 18, 2025."
MEETING = "Marco Rubio met Sergei Lavrov in Riyadh on February 18, 2025."


@pytest.fixture(autouse=True)
def _fake_pipeline(monkeypatch):
    use_fake_pipeline(monkeypatch)


def _claim(text: str, sentence: str, name: str = "a.txt") -> Claim:
    result = import_article(text=text, source_name=name)
    assert result.ok, result.error
    return Claim.objects.get(article_id=result.article_id, text=sentence)


def test_claim_links_to_event_by_title_words_and_date():
    event = Event.objects.create(title="Talks in Riyadh", date=dt.date(2025, 2, 18))
    other_day = Event.objects.create(title="Talks in Riyadh", date=dt.date(2025, 3, 11))
    dismissed = Event.objects.create(
        title="Riyadh meeting", date=dt.date(2025, 2, 18), status=Event.Status.DISMISSED
    )
    claim = _claim(article_text(RIYADH), RIYADH)
    linked = set(claim.events.all())
    assert event in linked
    assert other_day not in linked and dismissed not in linked


def test_month_and_year_precision_events_match_at_their_precision():
    month = Event.objects.create(
        title="Riyadh diplomacy", date=dt.date(2025, 2, 1), date_precision=Event.Precision.MONTH
    )
    year = Event.objects.create(
        title="Riyadh process", date=dt.date(2024, 1, 1), date_precision=Event.Precision.YEAR
    )
    claim = _claim(article_text(RIYADH), RIYADH)
    assert set(claim.events.all()) == {month}
    assert year not in claim.events.all()


def test_ranged_event_matches_a_day_inside_it():
    event = Event.objects.create(
        title="Riyadh round", date=dt.date(2025, 2, 17), end_date=dt.date(2025, 2, 19)
    )
    claim = _claim(article_text(RIYADH), RIYADH)
    assert event in claim.events.all()


def test_strong_alias_match_without_a_date():
    event = Event.objects.create(
        title="US-Russia talks", date=dt.date(2025, 2, 18), aliases=["Diriyah Palace talks"]
    )
    sentence = "The Diriyah Palace talks lasted four and a half hours."
    claim = _claim(article_text(sentence), sentence)
    assert list(claim.events.all()) == [event]
    # Title words alone are not enough without a date.
    loose = "Everyone wants talks between the US and Russia to go on."
    assert not _claim(article_text(loose), loose, "b.txt").events.exists()


def test_dated_named_claim_creates_a_suggested_event_with_participants():
    claim = _claim(article_text(MEETING), MEETING)
    (event,) = claim.events.all()
    assert event.status == Event.Status.SUGGESTED
    assert event.date == dt.date(2025, 2, 18)
    assert event.date_precision == Event.Precision.DAY
    assert event.title == "Meeting in Riyadh"
    assert set(event.participants.values_list("name", flat=True)) == {
        "Marco Rubio",
        "Sergei Lavrov",
    }


def test_another_claim_joins_the_suggested_event_instead_of_duplicating_it():
    _claim(article_text(MEETING), MEETING)
    sentence = "Donald Trump said Marco Rubio did well on February 18, 2025."
    claim = _claim(article_text(sentence, title="Follow-up"), sentence, "b.txt")
    assert Event.objects.count() == 1
    event = Event.objects.get()
    assert claim in event.claims.all()
    assert set(event.participants.values_list("name", flat=True)) == {
        "Marco Rubio",
        "Sergei Lavrov",
        "Donald Trump",
    }


def test_claims_in_one_article_share_their_suggested_event():
    second = "Sergei Lavrov said the talks were useful on February 18, 2025."
    result = import_article(text=article_text(MEETING, second), source_name="a.txt")
    assert result.events_suggested == 1
    assert Event.objects.count() == 1
    assert Event.objects.get().claims.count() == 2


def test_no_suggestion_without_a_person_or_an_explicit_full_date():
    no_person = "Officials met in Riyadh on February 18, 2025."
    _claim(article_text(no_person), no_person)
    assert not Event.objects.exists()


def test_a_dismissed_suggestion_is_not_joined_again():
    Event.objects.create(
        title="Meeting in Riyadh", date=dt.date(2025, 2, 18), status=Event.Status.DISMISSED
    )
    claim = _claim(article_text(MEETING), MEETING)
    (event,) = claim.events.all()
    assert event.status == Event.Status.SUGGESTED


def test_existing_confirmed_event_wins_over_a_suggestion():
    event = Event.objects.create(title="Rubio-Lavrov meeting", date=dt.date(2025, 2, 18))
    event.participants.add(Actor.objects.create(name="Marco Rubio"))
    claim = _claim(article_text(MEETING), MEETING)
    assert list(claim.events.all()) == [event]
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Rubio met Lavrov in Riyadh on February 18, 2025.", "Meeting in Riyadh"),
        ("Talks were held at Diriyah Palace on February 18, 2025.", "Talks in Diriyah Palace"),
        (
            "Momentum carried over to Riyadh, for a 4.5-hour discussion on February 18, 2025.",
            "Discussion in Riyadh",
        ),
        ("The summit took place at the opulent Diriyah Palace.", "Summit in Diriyah Palace"),
        (
            "Witkoff traveled to Moscow to secure the release of Marc Fogel on February 11, 2025.",
            "Witkoff traveled to Moscow to secure the release…",
        ),
    ],
)
def test_suggested_titles(text, title):
    assert suggested_title(text) == title
