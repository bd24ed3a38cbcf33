"""/api/claims/ pages written by PostgreSQL (claims.api.page_json) are the JSON the Python
path (claims.api.payloads.claim_payloads) writes, value for value and key order for key
order, for the values whose text forms differ between the two: dates, timestamps with and
without microseconds, whole-number and missing floats, NULL speaker and assignee, and text
that JSON must escape. On SQLite the list takes the Python path, so the comparison holds
trivially there; on PostgreSQL it compares the two implementations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import connection

from claims.api import page_json, payloads
from claims.models import Actor, Claim, Event
from tests.conftest import reading_client
from tests.factories import make_article, make_claim

TRICKY = 'Quote " backslash \\ tab \t bell \x07 line\u2028sep and ünïcödé 🙂 said.'


@pytest.fixture
def client(reader):
    # The desk's view (every claim): anonymous readers see published fact-checks only.
    return reading_client(reader)


@pytest.fixture
def varied(db) -> list[Claim]:
    sentences = [
        "Exports fell by four percent in 2024.",
        TRICKY,
        "The ministry confirmed the figures.",
        "Nobody has checked this yet.",
    ]
    article = make_article("Tricky values", sentences, published_on=None)
    dated = make_article("Dated", ["Talks resumed on Monday."], published_on=dt.date(2025, 2, 19))
    ana = User.objects.create_user("ana")
    zed = Actor.objects.create(name="Zed Ministry", kind=Actor.Kind.ORGANIZATION)
    amy = Actor.objects.create(name="Amy Speaker")
    talks = Event.objects.create(title="Talks", date=dt.date(2025, 2, 18))
    undated = Event.objects.create(title="Undated summit")
    when = dt.datetime(2025, 3, 1, 12, 30, 5, tzinfo=dt.UTC)
    return [
        make_claim(
            article,
            sentences[0],
            0,
            actors=[zed, amy],
            events=[undated, talks],
            dates=["2024-01-01"],
            check_worthiness=1.0,
            verdict=Claim.Verdict.CONTRADICTED,
            verdict_note="Faux: «non» — 2\u2029lines",
            reviewed_at=when,
            assignee=ana,
        ),
        make_claim(
            article, sentences[1], 1, speaker=amy, check_worthiness=0.0, kind=Claim.Kind.QUOTE
        ),
        make_claim(
            article,
            sentences[2],
            2,
            check_worthiness=0.35,
            verdict=Claim.Verdict.MIXED,
            reviewed_at=when.replace(microsecond=120),
        ),
        make_claim(article, sentences[3], 3, check_worthiness=None),
        make_claim(dated, "Talks resumed on Monday.", 0, speaker=zed, check_worthiness=1e-05),
    ]


def _python_payloads(ids: list[int]) -> list[dict]:
    rows = list(payloads.claim_values(Claim.objects.filter(pk__in=ids).order_by("id")))
    return payloads.claim_payloads(rows)


def test_list_json_equals_the_python_payloads(client, varied):
    response = client.get("/api/claims/", {"ordering": "id"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    results = response.json()["results"]
    expected = _python_payloads([c.pk for c in varied])
    assert results == expected
    for got, want in zip(results, expected, strict=True):
        assert list(got) == list(want)  # the same key order
        for key in ("article", "speaker"):
            assert list(got[key] or {}) == list(want[key] or {})
        # 1.0 stays a float (PostgreSQL alone would write 1), 0.35 is not rounded.
        assert type(got["check_worthiness"]) is type(want["check_worthiness"])
    assert results[0]["reviewed_at"] == "2025-03-01T12:30:05Z"
    assert results[2]["reviewed_at"] == "2025-03-01T12:30:05.000120Z"
    assert [a["name"] for a in results[0]["actors"]] == ["Amy Speaker", "Zed Ministry"]
    assert [e["title"] for e in results[0]["events"]] == ["Talks", "Undated summit"]
    # Line and paragraph separators escaped as DRF's renderer does.
    assert "\u2028".encode() not in response.content
    assert b"\\u2028" in response.content and b"\\u2029" in response.content


def test_pages_and_filters_keep_working(client, varied):
    first = client.get("/api/claims/", {"page_size": 2, "ordering": "-check_worthiness"}).json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()
    # NULL scores last: the walk crosses from the valued rows to the NULL one.
    walked = [c["id"] for c in first["results"] + second["results"]]
    assert walked == [varied[i].pk for i in (0, 2, 4, 1)]
    assert [c["id"] for c in back["results"]] == [c["id"] for c in first["results"]]
    mixed = client.get("/api/claims/", {"verdict": "mixed"}).json()["results"]
    assert [c["id"] for c in mixed] == [varied[2].pk]
    assert client.get("/api/claims/", {"article": 10**9}).status_code == 400


def test_the_sql_path_is_postgresql_json_only(client, varied):
    assert page_json.available(Claim.objects.all()) is (connection.vendor == "postgresql")
    # The browsable API renders the same claims from the Python path.
    html = client.get("/api/claims/", HTTP_ACCEPT="text/html")
    assert html.status_code == 200
    assert b"Exports fell by four percent" in html.content
