"""The pure text pipeline on the three seed articles (no database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints, KnownActor, ParsedArticle, ParsedClaim

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# What the importer passes: the gazetteer's countries and organisations.
KNOWN = (
    KnownActor("Russia", "country", ("Russian Federation",)),
    KnownActor("Ukraine", "country"),
    KnownActor("United States", "country", ("U.S.", "USA", "U.S.A.", "America")),
    KnownActor("China", "country"),
    KnownActor("Saudi Arabia", "country"),
    KnownActor("Kremlin", "organization", ("Moscow Kremlin",)),
    KnownActor("White House", "organization"),
    KnownActor("NATO", "organization", ("North Atlantic Treaty Organization",)),
    KnownActor("European Union", "organization", ("EU", "E.U.")),
)


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def desperate() -> ParsedArticle:
    return parse_article(_seed("000"), known_actors=KNOWN)


@pytest.fixture(scope="module")
def carnegie() -> ParsedArticle:
    return parse_article(_seed("001"), known_actors=KNOWN)


@pytest.fixture(scope="module")
def pivot() -> ParsedArticle:
    return parse_article(_seed("002"), known_actors=KNOWN)


@pytest.fixture(scope="module")
def all_seeds(desperate, carnegie, pivot) -> list[ParsedArticle]:
    return [desperate, carnegie, pivot]


def _claim(article: ParsedArticle, fragment: str) -> ParsedClaim:
    found = [c for c in article.claims if fragment in c.text]
    assert len(found) == 1, f"{fragment!r} is in {len(found)} claims"
    return found[0]


# --- Metadata --------------------------------------------------------------------------------


def test_titles(desperate, carnegie, pivot):
    assert desperate.title == "Desperate Putin Begs Trump to Save His War"
    assert carnegie.title == "Russia Is Playing Along With Trump’s Hopes for a Rapprochement"
    assert pivot.title == "The secret behind Donald Trump’s abrupt pivot to Russia"


def test_carnegie_metadata(carnegie):
    assert carnegie.published_on == dt.date(2025, 4, 15)
    assert carnegie.publisher == "Carnegie"
    assert carnegie.section == "commentary"
    assert carnegie.subtitle == "In doing so, Putin hopes to undo the post-Cold War order."


def test_metadata_not_in_the_text_is_left_empty(desperate, pivot):
    for article in (desperate, pivot):
        assert article.published_on is None
        assert article.publisher == ""
        assert article.section == "news"
        assert article.language == "en"


def test_hints_override_detection():
    article = parse_article(
        _seed("001"),
        hints=ArticleHints(title="Other title", publisher="Carnegie Endowment", section="analysis"),
    )
    assert article.title == "Other title"
    assert article.publisher == "Carnegie Endowment"
    assert article.section == "analysis"
    assert article.published_on == dt.date(2025, 4, 15)  # not hinted: still detected


# --- Body and boilerplate --------------------------------------------------------------------


def test_body_starts_at_the_title_and_drops_furniture(desperate, carnegie, pivot):
    assert desperate.body.startswith(desperate.title + "\n\n")
    assert carnegie.body.startswith(carnegie.title + "\n\n")
    assert pivot.body.startswith(pivot.title + "\n\n")
    for junk in (
        "Scroll to Top",
        "Trump and Putin on a blue background",
        "(Photos by Getty Images)",
        "Free ⭐ Premium Posts",
        "Published on April 15, 2025",
        "This piece is part of a Carnegie series",
        "Read more from this series",
        "does not take institutional positions",
    ):
        for article in (desperate, carnegie, pivot):
            assert junk not in article.body
    assert "\ncommentary\n" not in "\n" + carnegie.body + "\n"
    # The title repeated over the lead image is gone; the first one stays.
    assert pivot.body.count(pivot.title) == 1


def test_headings_stay_in_the_body_but_are_not_claims(pivot):
    headings = [
        "A Rapid Push for Peace—or Power?",
        "A Strategic Gamble with High Stakes",
        "A Divided Response at Home",
        "What Does America Gain?",
        "A New World Order?",
    ]
    skipped = {pivot.body[s.start : s.end]: s.reason for s in pivot.skipped}
    for heading in headings:
        assert f"\n\n{heading}\n\n" in pivot.body
        assert skipped[heading] == "heading"
        assert not any(heading in c.text for c in pivot.claims)


def test_no_boilerplate_title_or_heading_among_claims(all_seeds):
    for article in all_seeds:
        texts = [c.text for c in article.claims]
        assert article.title not in texts
        for text in texts:
            assert "Scroll to Top" not in text
            assert "Getty Images" not in text
            assert text != "commentary"
            assert "This piece is part of" not in text
            assert "Read more" not in text
            assert not text.endswith("?")  # standalone questions are skipped


def test_claim_counts(desperate, carnegie, pivot):
    assert len(desperate.claims) == 15
    assert len(carnegie.claims) == 39
    assert len(pivot.claims) == 58


def test_offsets_and_order(all_seeds):
    for article in all_seeds:
        previous_end = 0
        for claim in article.claims:
            assert article.body[claim.start : claim.end] == claim.text
            assert claim.text == claim.text.strip()
            assert claim.start >= previous_end
            previous_end = claim.end
            paragraphs = article.body.split("\n\n")
            assert claim.text in paragraphs[claim.paragraph]


def test_subtitle_and_closing_question_are_skipped(carnegie, pivot):
    reasons = {carnegie.body[s.start : s.end]: s.reason for s in carnegie.skipped}
    assert reasons[carnegie.subtitle] == "subtitle"
    questions = [pivot.body[s.start : s.end] for s in pivot.skipped if s.reason == "question"]
    assert questions == [
        "And for the United States, the question looms: Can Trump’s deal-making instincts "
        "deliver a stable outcome, or will they unravel decades of strategic alliances?"
    ]


# --- Quotes and speakers ---------------------------------------------------------------------


def test_quote_with_attribution_is_one_claim(pivot):
    claim = _claim(pivot, "Vladimir Putin started this war.")
    assert claim.text == "“Vladimir Putin started this war. He’s a gangster,” Kennedy asserted."
    assert claim.kind == "quote"
    assert claim.speaker == "John Kennedy"
    assert claim.speaker_role == "Senator (Louisiana)"
    bergmann = _claim(pivot, "What concessions is Russia making?")
    assert bergmann.text.startswith("Max Bergmann of the Center")
    assert bergmann.text.endswith("What do we get out of this?”")


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("“I think the Russians want to see the war end, I really do,” he told", "Donald Trump"),
        ("“They’ve taken a lot of territory,” he said", "Donald Trump"),
        ("ending the war “at any cost,”", "Andrea Kendall-Taylor"),
        ("“Putin could extract concessions", "Andrea Kendall-Taylor"),
        ("“exactly the wrong message”", "Jason Crow"),
        ("“It was a show of good faith from Putin,” Witkoff remarked", "Steve Witkoff"),
        ("“They’re willing to engage in a serious process", "Marco Rubio"),
        ("“Vladimir Putin started this war.", "John Kennedy"),
        ("“How are you going to end the war", "JD Vance"),
        ("“come to the table”", "Mike Waltz"),
        ("“Trump needed to break the inertia", "Andrew Bishop"),
        ("“He’s repeating Russian talking points", "John Bolton"),
        ("“What concessions is Russia making?", "Max Bergmann"),
        ("“We had Russia on the run", "William Pomeranz"),
    ],
)
def test_quote_speakers_in_seed_002(pivot, fragment, speaker):
    claim = _claim(pivot, fragment)
    assert claim.kind == "quote"
    assert claim.speaker == speaker


def test_every_quote_in_seed_002_has_a_speaker(pivot):
    quotes = [c for c in pivot.claims if c.kind == "quote"]
    assert len(quotes) == 14
    assert all(c.speaker for c in quotes)


def test_scare_quotes_are_not_quotes(pivot):
    for fragment in ("branding him a “dictator”", "a “peace through strength” doctrine"):
        assert _claim(pivot, fragment).kind == "statement"


def test_reported_statements_and_unnamed_sources(desperate, pivot):
    assert _claim(pivot, "Bolton believes the shift").speaker == "John Bolton"
    assert _claim(pivot, "William Pomeranz of the Wilson Center argue").speaker == (
        "William Pomeranz"
    )
    assert _claim(desperate, "Analysts say this step").speaker is None
    assert _claim(desperate, "Sources confirm that Kirill Dmitriev").speaker is None
    assert _claim(pivot, "a move that critics argue").speaker is None


# --- People and actors -----------------------------------------------------------------------


def test_people_and_roles(pivot):
    expected = {
        "Donald Trump": "US President",
        "Vladimir Putin": "Russian President",
        "Scott Bessent": "Treasury Secretary",
        "Keith Kellogg": "retired General",
        "Volodymyr Zelenskyy": "Ukrainian President",
        "Joe Biden": "Trump’s predecessor",
        "Marco Rubio": "US Secretary of State",
        "John Kennedy": "Senator (Louisiana)",
        "JD Vance": "Vice President",
        "Mike Waltz": "National Security Adviser",
        "John Bolton": "Former National Security Adviser",
        "John Thune": "Senate Majority Leader",
        "Steve Witkoff": "Trump’s special envoy",
        "Marc Fogel": "American teacher",
        "Anja Manuel": "former State Department official",
        "Jason Crow": "Democratic Representative (Colorado)",
        "Rick Scott": "Senator (Florida)",
    }
    for name, role in expected.items():
        assert pivot.people.get(name) == role, name
    assert pivot.people["Andrea Kendall-Taylor"].startswith("transatlantic security expert")
    assert "Max Bergmann" in pivot.people
    assert "Andrew Bishop" in pivot.people
    assert "William Pomeranz" in pivot.people


def test_people_in_the_other_seeds(desperate, carnegie):
    assert set(desperate.people) == {"Vladimir Putin", "Kirill Dmitriev", "Donald Trump"}
    assert desperate.people["Kirill Dmitriev"].startswith("close associate of Putin")
    assert set(carnegie.people) == {"Donald Trump", "Vladimir Putin"}


def test_no_bogus_people(all_seeds):
    bogus = {
        "Moscow",
        "Scroll",
        "Goldman Sachs",
        "Harvard-Stanford",
        "Air Force One",
        "Saudi Arabia",
        "North Korea",
        "Diriyah Palace",
        "Wilson Center",
        "Signum Global Advisors",
        "Cold War",
        "Can Trump",
        "Kyiv",
        "Washington",
        "The",
    }
    for article in all_seeds:
        assert not bogus & set(article.people)
        for claim in article.claims:
            for mention in claim.mentions:
                assert claim.text[mention.start : mention.end] == mention.text
                if mention.kind == "person":
                    assert mention.name in article.people
                    assert len(mention.name.split()) >= 2, mention


def test_surnames_and_possessives_resolve(desperate, pivot):
    dmitriev = _claim(desperate, "Dmitriev arrives in Washington")
    assert [(m.text, m.name) for m in dmitriev.mentions] == [("Dmitriev", "Kirill Dmitriev")]
    names = {(m.text, m.name) for m in _claim(pivot, "Initially, Trump’s team").mentions}
    assert names == {
        ("Trump’s", "Donald Trump"),
        ("Putin’s", "Vladimir Putin"),
        ("Zelenskyy’s", "Volodymyr Zelenskyy"),
    }


def test_known_actors_by_alias(desperate, pivot):
    mentions = _claim(desperate, "Sources confirm").mentions
    assert ("U.S.", "United States", "country") in {(m.text, m.name, m.kind) for m in mentions}
    last = _claim(pivot, "for NATO and the EU")
    assert {(m.text, m.name) for m in last.mentions} == {
        ("Ukraine", "Ukraine"),
        ("NATO", "NATO"),
        ("EU", "European Union"),
    }
    # Places are not actors unless the caller knows them as such.
    assert not any(m.text.startswith("Moscow") for c in pivot.claims for m in c.mentions)


def test_role_mention_spans(pivot):
    claim = _claim(pivot, "sent Treasury Secretary Scott Bessent")
    spans = {m.text: (m.name, m.role) for m in claim.mentions}
    assert spans["Treasury Secretary Scott Bessent"] == ("Scott Bessent", "Treasury Secretary")
    assert spans["retired General Keith Kellogg"] == ("Keith Kellogg", "retired General")
    assert spans["Russian President Vladimir Putin"] == ("Vladimir Putin", "Russian President")


# --- Dates and worthiness --------------------------------------------------------------------


def test_dates_in_seed_002(pivot):
    riyadh = _claim(pivot, "Diriyah Palace")
    assert [(d.text, d.date, d.precision) for d in riyadh.dates] == [
        ("Tuesday, February 18, 2025", dt.date(2025, 2, 18), "day")
    ]
    campaign = _claim(pivot, "Throughout his 2024 campaign")
    assert [(d.text, d.date, d.precision) for d in campaign.dates] == [
        ("2024", dt.date(2024, 1, 1), "year"),
        ("January 2025", dt.date(2025, 1, 1), "month"),
    ]
    invasion = _claim(pivot, "full-scale invasion of Ukraine began in 2022")
    assert [d.text for d in invasion.dates] == ["2022"]


def test_worthiness_is_in_range_with_reasons(all_seeds):
    for article in all_seeds:
        for claim in article.claims:
            assert 0.0 <= claim.check_worthiness <= 1.0
            assert claim.check_worthiness == round(claim.check_worthiness, 3)
    # The learned model's reasons name its strongest signals for and against.
    riyadh = _claim(all_seeds[2], "Diriyah Palace")
    assert {"for: number", "for: date"} <= {r.split(" (")[0] for r in riyadh.check_reasons}
    analysts = _claim(all_seeds[0], "Analysts say this step")
    assert riyadh.check_worthiness >= 0.5 > analysts.check_worthiness


def test_parsing_is_deterministic(pivot):
    again = parse_article(_seed("002"), known_actors=KNOWN)
    assert again == pivot
