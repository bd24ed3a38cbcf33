"""Check-worthiness: deterministic, bounded, and ordered the way an editor would expect."""

from __future__ import annotations

from claims.extract.pipeline import parse_article
from claims.extract.types import ArticleHints
from claims.extract.worthiness import ClaimFeatures, score


def test_reasons_and_bounds():
    value, reasons = score(
        ClaimFeatures(
            text="Russia fired 120 missiles at Kyiv on February 18, the most since 2022.",
            has_date=True,
            actor_count=2,
            has_speaker=True,
            is_quote=True,
        )
    )
    assert reasons == [
        "number",
        "date",
        "named actor",
        "several actors",
        "attribution",
        "quote",
        "comparative/superlative",
    ]
    assert value == 0.95
    value, reasons = score(ClaimFeatures(text="It failed because 2 of 3 talks were the worst."))
    assert reasons == ["number", "comparative/superlative", "causal"]
    assert value == 0.55


def test_hedges_opinions_and_questions_lower_the_score():
    value, reasons = score(
        ClaimFeatures(text="This desperate and reckless plan may perhaps fail?", is_question=True)
    )
    assert reasons == [
        "hedge: may",
        "hedge: perhaps",
        "opinion word: desperate",
        "opinion word: reckless",
        "question",
    ]
    assert value == 0.0  # clamped: 0.3 - 0.2 - 0.2 - 0.3 < 0


def test_dates_alone_do_not_count_as_numbers():
    text = "The summit took place on February 18, 2025."
    _, reasons = score(ClaimFeatures(text=text, has_date=True, date_spans=((25, 43),)))
    assert "number" not in reasons and "date" in reasons
    _, reasons = score(ClaimFeatures(text="Three ministers resigned.", actor_count=0))
    assert reasons[0] == "number"


def test_score_is_deterministic_and_rounded():
    features = ClaimFeatures(text="Officials said 40% of the aid arrived.", unnamed_source=True)
    first = score(features)
    assert all(score(features) == first for _ in range(5))
    assert first[0] == round(first[0], 3)
    assert "unnamed source" in first[1]


def test_ordering_in_an_article():
    article = parse_article(
        "Marco Rubio, the secretary of state, met Russian officials in Riyadh on "
        "February 18, 2025, for a 4.5-hour discussion. "
        "The atmosphere was perhaps desperate and chaotic. "
        "Analysts say it may work.",
        hints=ArticleHints(title="Talks"),
    )
    concrete, opinion, hedged = (c.check_worthiness for c in article.claims)
    assert concrete > hedged > opinion
    assert {"number", "date", "named actor"} <= set(article.claims[0].check_reasons)
