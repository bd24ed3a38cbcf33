"""Matching fact-checks published elsewhere to claims (claims.factchecks.matching) and
attaching one as evidence (claims.editing.attach_fact_check)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import editing
from claims.factchecks.matching import claim_for_matching, fact_checks_for, same_person
from claims.matching import frequencies
from claims.models import Evidence, FactCheck
from tests.factories import build_world


def make_fc(text: str, **fields) -> FactCheck:
    fields.setdefault("url", f"https://checker.example/{FactCheck.objects.count() + 1}")
    return FactCheck.objects.create(
        key=FactCheck.key_for(fields["url"], text), claim_reviewed=text, raw={}, **fields
    )


@pytest.fixture
def world(db):
    world = build_world()
    frequencies.rebuild()
    return world


def matches(claim):
    return fact_checks_for(claim_for_matching(claim.pk))


def test_a_review_of_the_same_claim_ranks_first_with_reasons(world):
    meeting = make_fc(
        "US and Russian officials met in Riyadh on 18 February 2025.",
        publisher_name="Checker",
        claim_date=dt.date(2025, 2, 18),
        textual_rating="True",
    )
    make_fc("Heavy rain flooded Lisbon.", textual_rating="False")
    found = matches(world.met)
    assert [m.fact_check for m in found] == [meeting]
    [m] = found
    assert m.suggested_stance == "supports"
    assert m.reasons[0].startswith("similar wording (")
    assert "100% by rarity" in m.reasons[0]
    assert m.reasons[-1] == "claim dated 18 Feb 2025"  # a date the claim names
    assert 0.5 < m.score <= 1


def test_the_claimant_counts_against_the_speaker(world):
    said = make_fc("Rubio says the war must end.", claimant="Rubio", textual_rating="Mostly true")
    other = make_fc("Someone says the war must end.", claimant="Somebody Else")
    found = {m.fact_check: m for m in matches(world.quote)}
    assert found[said].same_claimant and "same claimant: Rubio" in found[said].reasons
    assert other not in found or found[other].score < found[said].score


def test_naming_the_claims_article_is_near_certain(world):
    url = world.riyadh_article.url
    named = make_fc("Analysts were quoted.", appearances=[url], rating_value=2.0)
    found = matches(world.analysts)
    assert found[0].fact_check == named and found[0].same_article
    assert found[0].score >= 0.9 and found[0].suggested_stance == "refutes"


def test_unrelated_fact_checks_are_not_matched(world):
    make_fc("The central bank raised interest rates by half a point.")
    assert matches(world.rain) == []


def test_same_person():
    assert same_person("Rubio", "Marco Rubio") and same_person("Marco Rubio", "marco rubio")
    assert not same_person("Marco Polo", "Marco Rubio") and not same_person("", "Rubio")


def test_query_count_is_pinned(world):
    for n in range(30):
        make_fc(f"Officials met in Riyadh, report {n}.", appearances=[f"https://x.example/{n}"])
    claim = claim_for_matching(world.met.pk)
    with CaptureQueriesContext(connection) as queries:
        found = fact_checks_for(claim, limit=10)
    assert len(found) == 10
    # actors, events, word frequencies (the claim's profile), the candidates
    assert len(queries) == 4, [q["sql"] for q in queries]


def test_attach_as_evidence_with_the_suggested_or_an_edited_stance(world, editor):
    fc = make_fc(
        "US and Russian officials met in Riyadh.",
        publisher_name="Checker",
        textual_rating="False",
        rating_value=1,
        best_rating=5,
        worst_rating=1,
        rating_explanation="No meeting took place.",
    )
    version = world.met.version
    evidence = editing.attach_fact_check(world.met, fc, editor=editor)
    assert (evidence.url, evidence.stance, evidence.added_by) == (fc.url, "refutes", editor)
    assert evidence.title == "Checker · False (1/5)"
    assert evidence.excerpt == (
        "Checked: “US and Russian officials met in Riyadh.” — No meeting took place."
    )
    world.met.refresh_from_db()
    assert world.met.version == version  # evidence alone does not make other forms stale
    with pytest.raises(editing.EditRefused, match="already evidence"):
        editing.attach_fact_check(world.met, fc, editor=editor, stance="context")
    other = editing.attach_fact_check(world.quote, fc, editor=editor, stance="context")
    assert other.stance == "context"
    assert Evidence.objects.count() == 2
