"""The fact-check API: /api/fact-checks/ (filters, detail), /api/claims/{id}/fact-checks/
(matches, attaching as evidence), shapes checked against the OpenAPI schema, query counts
pinned, and the round trip of claimtracker's own ClaimReview output through the importer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from claims import editing
from claims.factchecks.service import import_sources, import_text
from claims.matching import frequencies
from claims.models import Evidence, FactCheck
from tests.conftest import reading_client
from tests.factories import build_world, give_verdict
from tests.test_api_schema import assert_valid, strict, validator

DATA = Path(__file__).parent / "data" / "factchecks"
pytestmark = pytest.mark.django_db


@pytest.fixture
def api(reader) -> APIClient:
    """The desk's view: anonymous readers match published fact-checks only (tested below)."""
    return reading_client(reader)


@pytest.fixture
def world(db):
    world = build_world()
    world.riyadh_article.url = "https://news.example/riyadh"  # single.jsonld's appearance
    world.riyadh_article.save()
    frequencies.rebuild()
    import_sources([str(DATA)])  # every example file; the bad ones add nothing bad
    return world


@pytest.fixture
def openapi(api) -> dict:
    return strict(api.get("/api/schema/", {"format": "json"}).json())


def urls(response) -> list[str]:
    return [item["url"] for item in response.json()["results"]]


def test_list_and_filters(api, world, openapi):
    response = api.get("/api/fact-checks/")
    assert response.status_code == 200 and response.json()["count"] == 8
    assert_valid(validator(openapi, "/api/fact-checks/"), response.json())
    assert urls(api.get("/api/fact-checks/", {"publisher": "feed check"})) == [
        "https://feed.example/checks/10",
        "https://feed.example/checks/11",
    ]
    assert urls(api.get("/api/fact-checks/", {"rating": "half TRUE"})) == [
        "https://checker.example/p/2"
    ]
    assert urls(api.get("/api/fact-checks/", {"q": "drones"})) == ["https://feed.example/checks/10"]
    matched = api.get("/api/fact-checks/", {"claim": world.met.pk})
    assert urls(matched) == ["https://factcheck.example/2025/02/riyadh-meeting"]
    bad = api.get("/api/fact-checks/", {"claim": 999999})
    assert bad.status_code == 400 and "claim" in bad.json()


def test_detail_keeps_the_claimreview_as_imported(api, world):
    fc = FactCheck.objects.get(url="https://page.example/checks/minister-quote")
    body = api.get(f"/api/fact-checks/{fc.pk}/").json()
    assert (
        body["raw"]["reviewRating"]["ratingExplanation"] == "The transcript shows no such sentence."
    )
    assert body["rating"] == {
        "text": "False",
        "value": 1.0,
        "best": 5.0,
        "worst": 1.0,
        "explanation": "The transcript shows no such sentence.",
    }
    assert body["publisher"] == {"name": "Page Checkers", "url": "https://page.example/"}
    assert body["suggested_stance"] == "refutes"
    assert api.get("/api/fact-checks/0/").status_code == 404


def test_list_query_count_is_pinned(api, world):
    with CaptureQueriesContext(connection) as queries:
        assert api.get("/api/fact-checks/", {"page_size": 100}).status_code == 200
    assert len(queries) == 2  # count, page


def test_a_claims_fact_checks(api, world, openapi):
    path = f"/api/claims/{world.met.pk}/fact-checks/"
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path)
    # the claim (with article and speaker), its actors, events, word counts, candidates
    assert len(queries) == 5, [q["sql"] for q in queries]
    body = response.json()
    assert_valid(validator(openapi, "/api/claims/{id}/fact-checks/"), body)
    [first] = body["results"]
    assert first["same_article"] and first["score"] >= 0.9
    assert first["fact_check"]["url"] == "https://factcheck.example/2025/02/riyadh-meeting"
    assert first["suggested_stance"] == "supports"
    assert api.get("/api/claims/999999/fact-checks/").status_code == 404
    assert api.get(path, {"limit": 0}).status_code == 400


def test_anonymous_readers_match_published_claims_only(world, editor):
    anonymous = APIClient()
    path = f"/api/claims/{world.met.pk}/fact-checks/"
    assert anonymous.get(path).status_code == 404  # not published: as if it did not exist
    hidden = anonymous.get("/api/fact-checks/", {"claim": world.met.pk})
    missing = anonymous.get("/api/fact-checks/", {"claim": 999999})
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json() == {"claim": [f"no claim with id {world.met.pk}"]}
    assert missing.json() == {"claim": ["no claim with id 999999"]}
    give_verdict(world.met, verdict="corroborated", editor=editor)
    editing.publish_claims([world.met], by=editor)
    [match] = anonymous.get(path).json()["results"]
    assert match["fact_check"]["url"] == "https://factcheck.example/2025/02/riyadh-meeting"
    assert urls(anonymous.get("/api/fact-checks/", {"claim": world.met.pk})) == [
        "https://factcheck.example/2025/02/riyadh-meeting"
    ]


def test_attach_as_evidence(world, editor, staff_reader):
    api = APIClient()
    fc = FactCheck.objects.get(url="https://factcheck.example/2025/02/riyadh-meeting")
    path = f"/api/claims/{world.met.pk}/fact-checks/"
    assert api.post(path, {"fact_check": fc.pk}, format="json").status_code == 401
    api.force_authenticate(staff_reader)
    assert api.post(path, {"fact_check": fc.pk}, format="json").status_code == 403
    api.force_authenticate(editor)
    response = api.post(path, {"fact_check": fc.pk, "stance": "context"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["evidence"]["stance"] == "context"
    assert response.json()["evidence"]["url"] == fc.url
    again = api.post(path, {"fact_check": fc.pk}, format="json")
    assert again.status_code == 400 and "already evidence" in again.json()["fact_check"][0]
    missing = api.post(path, {"fact_check": 999999}, format="json")
    assert missing.status_code == 400 and "No fact-check with id" in missing.json()["fact_check"][0]
    assert Evidence.objects.filter(claim=world.met).count() == 1


def test_round_trip_of_our_own_claimreview_output(api, editor):
    world = build_world()
    give_verdict(world.met, verdict="corroborated", editor=editor, note="Both sides confirmed.")
    give_verdict(world.quote, verdict="contradicted", editor=editor)
    give_verdict(world.rain, verdict="unverifiable", editor=editor)
    give_verdict(world.sanctions, verdict="mixed", editor=editor)
    # As an editor: anonymous reads may come to show published claims only.
    api.force_authenticate(editor)
    exported = api.get("/api/claimreview/").json()
    reviews = exported["results"]
    assert len(reviews) == 4
    result = import_text(json.dumps(exported), source="/api/claimreview/")
    assert (result.created, result.problems) == (4, [])

    def number(value: object) -> float | None:
        return None if value in (None, "") else float(value)  # 5, 5.0 or "5" alike

    def rating(review: dict) -> tuple:
        r = review["reviewRating"]
        return (
            r.get("alternateName", ""),
            number(r.get("ratingValue")),
            number(r.get("bestRating")),
        )

    expected = {(r["url"], r["claimReviewed"], rating(r)) for r in reviews}
    imported = {
        (fc.url, fc.claim_reviewed, (fc.textual_rating, fc.rating_value, fc.best_rating))
        for fc in FactCheck.objects.all()
    }
    assert imported == expected
    stances = dict(FactCheck.objects.values_list("claim_reviewed", "textual_rating"))
    assert stances[world.met.text] == "Corroborated"
    by_text = {fc.claim_reviewed: fc.suggested_stance for fc in FactCheck.objects.all()}
    assert by_text[world.met.text] == "supports"
    assert by_text[world.quote.text] == "refutes"
    assert by_text[world.rain.text] == "context"
    # …and the same output again is the same rows.
    assert import_text(json.dumps(reviews), source="again").unchanged == 4
