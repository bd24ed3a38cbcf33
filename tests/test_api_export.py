"""CSV export, schema.org ClaimReview, stats, related claims, the OpenAPI schema and docs,
and bad input across the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from claims import editing
from claims.matching import RelatedCandidate, related_claims
from claims.models import Actor, Claim, ClaimRelation
from tests.conftest import reading_client
from tests.factories import build_world, give_verdict, make_article, make_claim


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client(reader) -> APIClient:
    # The desk's view (every claim): anonymous readers see published fact-checks only,
    # which tests/test_publish.py covers.
    return reading_client(reader)


@pytest.fixture(autouse=True)
def _no_stats_cache(settings):
    # Each test sees its own data; caching itself is tested in test_api_export.py.
    settings.CLAIMTRACKER_STATS_CACHE_SECONDS = 0


# --- CSV -------------------------------------------------------------------------------------


def read_csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_streams_all_filtered_claims_with_quoting(client, world, editor):
    give_verdict(
        world.sanctions, verdict="contradicted", editor=editor, note='He said "no",\nthen yes'
    )
    rows = read_csv(client.get("/api/claims/", {"format": "csv"}))
    assert [int(r["id"]) for r in rows] == [c.pk for c in world.claims]

    rows = read_csv(
        client.get("/api/claims/", {"format": "csv", "article": world.saudi_article.pk})
    )
    assert [int(r["id"]) for r in rows] == [world.rubio_lavrov_met.pk, world.sanctions.pk]
    first, second = rows
    assert first["actors"] == "Marco Rubio; Sergey Lavrov"
    assert first["events"] == "US–Russia talks in Riyadh"
    assert first["mentioned_dates"] == "2025-02-18"
    assert first["published_on"] == "2025-02-20"
    # Commas, quotes and newlines survive the round trip.
    assert second["text"] == 'Lavrov said sanctions on Russian oil, "all of them", must end.'
    assert second["verdict_note"] == 'He said "no",\nthen yes'
    assert second["speaker"] == "Sergey Lavrov"
    assert second["attribution"] == "partial"
    assert second["verdict"] == "contradicted"
    assert list(first) == [
        "id",
        "article_id",
        "article_title",
        "published_on",
        "position",
        "kind",
        "attribution",
        "speaker_id",
        "speaker",
        "actors",
        "events",
        "mentioned_dates",
        "check_worthiness",
        "verdict",
        "verdict_note",
        "reviewed_at",
        "version",
        "assignee",
        "published_at",
        "start",
        "end",
        "text",
    ]


def test_csv_is_not_paginated_and_honours_ordering(client, world):
    rows = read_csv(
        client.get(
            "/api/claims/", {"format": "csv", "page_size": 2, "ordering": "-check_worthiness"}
        )
    )
    assert [int(r["id"]) for r in rows][:3] == [
        world.met.pk,
        world.rubio_lavrov_met.pk,
        world.sanctions.pk,
    ]
    assert len(rows) == 7


def test_csv_by_accept_header_and_header_only_when_empty(client, world):
    response = client.get("/api/claims/", {"q": "nothingmatches"}, HTTP_ACCEPT="text/csv")
    text = b"".join(response.streaming_content).decode()
    assert text.splitlines() == [text.splitlines()[0]]
    assert text.startswith("id,article_id,")


def test_csv_errors_are_json(client, world):
    response = client.get("/api/claims/", {"format": "csv", "verdict": "bogus"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "verdict" in response.json()


def test_csv_chunks_keep_actors_with_their_claims(client, db, monkeypatch):
    from claims.api import csv_export

    monkeypatch.setattr(csv_export, "CHUNK", 2)  # several chunks from a few claims
    actor = Actor.objects.create(name="Chunk Speaker")
    sentences = [f"Sentence number {i} is here." for i in range(5)]
    article = make_article("Chunks", sentences)
    for i, sentence in enumerate(sentences):
        make_claim(article, sentence, i, actors=[actor] if i % 2 else [])
    rows = read_csv(client.get("/api/claims/", {"format": "csv"}))
    assert [r["actors"] for r in rows] == ["", "Chunk Speaker", "", "Chunk Speaker", ""]


# --- ClaimReview -----------------------------------------------------------------------------


@override_settings(
    CLAIMTRACKER_ORGANIZATION={"name": "Example Fact Check", "url": "https://factcheck.example/"}
)
def test_claimreview_detail_is_schema_org_json_ld(client, world, editor):
    give_verdict(world.quote, verdict="contradicted", editor=editor, note="No such quote.")
    editing.publish_claims([world.quote], by=editor)
    world.quote.refresh_from_db()
    response = client.get(f"/api/claims/{world.quote.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    doc = json.loads(response.content)  # valid JSON round trip
    assert doc == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"http://testserver{world.quote.get_public_url()}",
        "claimReviewed": "“We want the war to end,” Marco Rubio said.",
        "datePublished": world.quote.published_at.date().isoformat(),
        "reviewBody": "No such quote.",
        "author": {
            "@type": "Organization",
            "name": "Example Fact Check",
            "url": "https://factcheck.example/",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
            "name": "Contradicted",
            "alternateName": "Contradicted",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": {
                "@type": "Person",
                "name": "Marco Rubio",
                "sameAs": "https://www.wikidata.org/wiki/Q324546",
            },
            "datePublished": "2025-02-19",
            "appearance": {
                "@type": "CreativeWork",
                "headline": "Talks in Riyadh",
                "url": world.riyadh_article.url,
                "datePublished": "2025-02-19",
                "author": {"@type": "Person", "name": "Jane Doe"},
                "publisher": {"@type": "Organization", "name": "Example News"},
            },
        },
    }
    # The public page it names is real (the desk may preview it before it is published).
    assert client.get(doc["url"]).status_code == 200


def assert_json_ld_node(node: dict) -> None:
    """Every nested object of a ClaimReview carries a schema.org @type."""
    assert isinstance(node.get("@type"), str) and node["@type"]
    for value in node.values():
        if isinstance(value, dict):
            assert_json_ld_node(value)


@pytest.mark.parametrize(
    ("verdict", "rating"),
    [("corroborated", 5), ("mixed", 2), ("contradicted", 1), ("unverifiable", 3)],
)
def test_claimreview_rating_scale(client, world, editor, verdict, rating):
    give_verdict(world.met, verdict=verdict, editor=editor)
    doc = client.get(f"/api/claims/{world.met.pk}/claimreview/").json()
    assert_json_ld_node(doc)
    assert doc["reviewRating"]["ratingValue"] == rating
    assert (doc["reviewRating"]["worstRating"], doc["reviewRating"]["bestRating"]) == (1, 5)
    assert doc["reviewRating"]["alternateName"] == Claim.Verdict(verdict).label
    # No speaker: the article's author made the claim (its publisher when it has none).
    assert doc["itemReviewed"]["author"] == {"@type": "Person", "name": "Jane Doe"}
    assert "reviewBody" not in doc


def test_claimreview_unreviewed_is_404_and_absent_from_list(client, world, editor):
    assert client.get(f"/api/claims/{world.rain.pk}/claimreview/").status_code == 404
    assert client.get("/api/claims/999999/claimreview/").status_code == 404
    give_verdict(world.sanctions, verdict="mixed", editor=editor)
    give_verdict(world.rain, verdict="corroborated", editor=editor)
    give_verdict(world.quote, verdict="unverifiable", editor=editor)
    give_verdict(world.quote, verdict="unverified", editor=editor)  # back to unreviewed
    body = client.get("/api/claimreview/").json()
    assert set(body) == {"next", "previous", "results"}
    # Most recently reviewed first.
    assert [doc["url"] for doc in body["results"]] == [
        f"http://testserver{world.rain.get_public_url()}",
        f"http://testserver{world.sanctions.get_public_url()}",
    ]
    speaker = body["results"][1]["itemReviewed"]["author"]
    assert speaker == {"@type": "Person", "name": "Sergey Lavrov"}  # no Wikidata id: no sameAs
    for doc in body["results"]:
        assert doc["@context"] == "https://schema.org"
        assert_json_ld_node(doc)
    # Claim filters apply; pages are keyset pages.
    filtered = client.get("/api/claimreview/", {"article": world.lisbon_article.pk}).json()
    assert len(filtered["results"]) == 1
    paged = client.get("/api/claimreview/", {"page_size": 1}).json()
    assert len(paged["results"]) == 1
    assert client.get(paged["next"]).json()["results"][0]["claimReviewed"] == world.sanctions.text


# --- Stats -----------------------------------------------------------------------------------


def test_stats_by_verdict_lists_all_five(client, world, editor):
    give_verdict(world.sanctions, verdict="contradicted", editor=editor)
    body = client.get("/api/stats/").json()
    assert body["group_by"] == "verdict"
    assert body["total"] == 7
    assert [(r["key"], r["total"]) for r in body["results"]] == [
        ("unverified", 6),
        ("corroborated", 0),
        ("contradicted", 1),
        ("mixed", 0),
        ("unverifiable", 0),
    ]
    assert body["results"][2]["label"] == "Contradicted"
    assert body["results"][2]["verdicts"]["contradicted"] == 1


def zero(**counts: int) -> dict[str, int]:
    base = dict.fromkeys(["unverified", "corroborated", "contradicted", "mixed", "unverifiable"], 0)
    return base | counts


def test_stats_groups(client, world, editor):
    give_verdict(world.sanctions, verdict="contradicted", editor=editor)
    give_verdict(world.quote, verdict="mixed", editor=editor)

    speaker = client.get("/api/stats/", {"group_by": "speaker"}).json()
    assert speaker["results"] == [
        {"key": None, "label": "(no speaker)", "total": 5, "verdicts": zero(unverified=5)},
        {"key": world.rubio.pk, "label": "Marco Rubio", "total": 1, "verdicts": zero(mixed=1)},
        {
            "key": world.lavrov.pk,
            "label": "Sergey Lavrov",
            "total": 1,
            "verdicts": zero(contradicted=1),
        },
    ]
    actor = client.get("/api/stats/", {"group_by": "actor", "actor": world.lavrov.pk}).json()
    assert actor["total"] == 2
    assert actor["results"] == [
        {
            "key": world.lavrov.pk,
            "label": "Sergey Lavrov",
            "total": 2,
            "verdicts": zero(unverified=1, contradicted=1),
        },
        {"key": world.rubio.pk, "label": "Marco Rubio", "total": 1, "verdicts": zero(unverified=1)},
    ]
    event = client.get("/api/stats/", {"group_by": "event", "event": world.riyadh.pk}).json()
    assert event["results"] == [
        {
            "key": world.riyadh.pk,
            "label": "US–Russia talks in Riyadh",
            "total": 2,
            "verdicts": zero(unverified=2),
        }
    ]
    month = client.get("/api/stats/", {"group_by": "month"}).json()
    assert [(r["key"], r["label"], r["total"]) for r in month["results"]] == [
        ("2025-02", "2025-02", 5),
        ("2025-03", "2025-03", 2),
    ]
    article = client.get("/api/stats/", {"group_by": "article", "limit": 2}).json()
    assert article["truncated"] is True
    assert [(r["key"], r["label"], r["total"]) for r in article["results"]] == [
        (world.riyadh_article.pk, "Talks in Riyadh", 3),
        (world.saudi_article.pk, "Rubio and Lavrov in Saudi Arabia", 2),
    ]
    filtered = client.get("/api/stats/", {"group_by": "article", "verdict": "contradicted"}).json()
    assert filtered["total"] == 1
    assert filtered["results"][0]["verdicts"] == zero(contradicted=1)


def test_stats_month_limit_keeps_latest_months(client, db):
    for month in range(1, 5):
        article = make_article(
            f"Month {month}", ["A claim here."], published_on=dt.date(2024, month, 3)
        )
        make_claim(article, "A claim here.", 0)
    make_claim(make_article("Undated", ["Also a claim."]), "Also a claim.", 0)
    body = client.get("/api/stats/", {"group_by": "month", "limit": 2}).json()
    assert [r["key"] for r in body["results"]] == ["2024-03", "2024-04"]
    assert body["truncated"] is True
    body = client.get("/api/stats/", {"group_by": "month"}).json()
    assert [r["key"] for r in body["results"]] == ["2024-01", "2024-02", "2024-03", "2024-04", None]
    assert body["results"][-1]["label"] == "(undated article)"


# --- Related ---------------------------------------------------------------------------------


def test_related_ranks_shared_actor_event_date_above_unrelated(world):
    ranked = related_claims(world.met)
    assert all(isinstance(c, RelatedCandidate) for c in ranked)
    got = [c.claim.pk for c in ranked]
    own_article = {world.quote.pk, world.analysts.pk}
    assert not own_article & set(got)
    assert world.met.pk not in got
    best = ranked[0]
    assert best.claim.pk == world.rubio_lavrov_met.pk
    assert best.shared_dates == ("2025-02-18",)
    assert [e.pk for e in best.shared_events] == [world.riyadh.pk]
    assert 0 < best.score <= 1
    assert any("shared events" in r for r in best.reasons)
    assert any("shared dates: 2025-02-18" in r for r in best.reasons)
    assert any("similar wording" in r for r in best.reasons)
    # The unrelated Lisbon claims share nothing, so they rank below or not at all.
    for unrelated in (world.rain, world.runners):
        if unrelated.pk in got:
            assert got.index(unrelated.pk) > got.index(world.rubio_lavrov_met.pk)
    scores = [c.score for c in ranked]
    assert scores == sorted(scores, reverse=True)


def test_related_by_speaker_and_actor(world):
    ranked = related_claims(world.quote)  # Rubio's quote: Rubio is named in rubio_lavrov_met
    assert ranked[0].claim.pk == world.rubio_lavrov_met.pk
    assert [a.name for a in ranked[0].shared_actors] == ["Marco Rubio"]
    assert "shared actors: Marco Rubio" in ranked[0].reasons
    assert world.rain.pk not in [c.claim.pk for c in ranked]

    # The same speaker counts more than a mere mention. (Claims sharing only an actor are
    # looked for in articles published around the claim's own, as news of one story is.)
    other = make_article(
        "Rubio again",
        ["Rubio said the talks will continue."],
        published_on=dt.date(2025, 2, 25),
    )
    again = make_claim(other, "Rubio said the talks will continue.", 0, speaker=world.rubio)
    ranked = related_claims(world.quote)
    assert ranked[0].claim.pk == again.pk
    assert ranked[0].same_speaker
    assert "same speaker: Marco Rubio" in ranked[0].reasons


def test_related_excludes_already_related_and_limits(world):
    ClaimRelation.objects.create(
        from_claim=world.rubio_lavrov_met, to_claim=world.met, relation="corroborates"
    )
    got = [c.claim.pk for c in related_claims(world.met)]
    assert world.rubio_lavrov_met.pk not in got
    assert len(related_claims(world.quote, limit=1)) <= 1


def test_related_finds_text_duplicates_without_shared_metadata(world):
    copy = make_article("Copy", ["Heavy rain is expected in Lisbon this weekend, forecasters say."])
    dup = make_claim(copy, "Heavy rain is expected in Lisbon this weekend, forecasters say.", 0)
    ranked = related_claims(world.rain)
    assert ranked[0].claim.pk == dup.pk
    assert ranked[0].text_similarity >= 0.8
    assert any("possible duplicate" in r for r in ranked[0].reasons)


def test_related_endpoint(client, world):
    response = client.get(f"/api/claims/{world.met.pk}/related/", {"limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["claim"] == world.met.pk
    top = body["results"][0]
    assert top["claim"] == {
        "id": world.rubio_lavrov_met.pk,
        "text": world.rubio_lavrov_met.text,
        "article": {
            "id": world.saudi_article.pk,
            "title": "Rubio and Lavrov in Saudi Arabia",
            "published_on": "2025-02-20",
        },
        "speaker": None,
        "verdict": "unverified",
    }
    assert set(top) == {
        "claim",
        "score",
        "reasons",
        "shared_actors",
        "shared_events",
        "shared_dates",
        "text_similarity",
        "suggested_relation",
        "relation_reasons",
    }
    assert top["suggested_relation"] in {"corroborates", "contradicts", "duplicates"}
    assert top["shared_events"] == [
        {"id": world.riyadh.pk, "title": "US–Russia talks in Riyadh", "date": "2025-02-18"}
    ]
    assert top["shared_dates"] == ["2025-02-18"]
    assert 0 < top["score"] <= 1
    assert client.get("/api/claims/999999/related/").status_code == 404
    assert client.get(f"/api/claims/{world.met.pk}/related/", {"limit": 0}).status_code == 400
    assert client.get(f"/api/claims/{world.met.pk}/related/", {"limit": 101}).status_code == 400


def test_related_query_count_is_bounded(world, django_assert_max_num_queries):
    # Features 4, relations 1, sources <= 5 (+ on PostgreSQL the full-text query's
    # transaction: savepoint, lexeme check, SET LOCAL, release), candidates 3, winners 1.
    with django_assert_max_num_queries(18):
        related_claims(world.met)


# --- OpenAPI and docs ------------------------------------------------------------------------


def test_openapi_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in [
        "/api/claims/",
        "/api/claims/{id}/verdict/",
        "/api/claims/{id}/reviews/",
        "/api/claims/{id}/relations/",
        "/api/claims/{id}/relations/{relation_id}/",
        "/api/claims/{id}/related/",
        "/api/claims/{id}/claimreview/",
        "/api/claimreview/",
        "/api/stats/",
        "/api/actors/{id}/",
        "/api/events/",
        "/api/articles/{id}/",
        "/api/relations/{id}/",
        "/api/auth/token/",
    ]:
        assert f"  {path}:" in text, path
    for param in [
        "min_check_worthiness",
        "published_after",
        "reviewed_after",
        "cursor",
        "group_by",
    ]:
        assert f"name: {param}" in text, param


def test_schema_and_swagger_ui_served_without_cdn(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"openapi: 3" in response.content
    html = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "cdn" not in html.lower()


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "params", "param"),
    [
        ("/api/claims/", {"verdict": "true"}, "verdict"),
        ("/api/claims/", {"verdict": "mixed,nonsense"}, "verdict"),
        ("/api/claims/", {"kind": "rumour"}, "kind"),
        ("/api/claims/", {"article": "abc"}, "article"),
        ("/api/claims/", {"article": "999999"}, "article"),
        ("/api/claims/", {"article": "99999999999999999999999"}, "article"),
        ("/api/claims/", {"speaker": "-1"}, "speaker"),
        ("/api/claims/", {"actor": "1.5"}, "actor"),
        ("/api/claims/", {"event": "999999"}, "event"),
        ("/api/claims/", {"published_after": "2025-13-01"}, "published_after"),
        ("/api/claims/", {"published_before": "yesterday"}, "published_before"),
        ("/api/claims/", {"reviewed_after": "2025-02-30T10:00"}, "reviewed_after"),
        ("/api/claims/", {"min_check_worthiness": "high"}, "min_check_worthiness"),
        ("/api/claims/", {"min_check_worthiness": "1.5"}, "min_check_worthiness"),
        ("/api/claims/", {"min_check_worthiness": "NaN"}, "min_check_worthiness"),
        ("/api/claims/", {"q": "x" * 201}, "q"),
        ("/api/claims/", {"q": "nul\x00byte"}, "q"),
        ("/api/claims/", {"ordering": "text"}, "ordering"),
        ("/api/claims/", {"page_size": "501"}, "page_size"),
        ("/api/claims/", {"page_size": "0"}, "page_size"),
        ("/api/claims/", {"page_size": "ten"}, "page_size"),
        ("/api/articles/", {"page_size": "501"}, "page_size"),
        ("/api/articles/", {"published_after": "2025-02-31"}, "published_after"),
        ("/api/actors/", {"page_size": "1000"}, "page_size"),
        ("/api/events/", {"status": "maybe"}, "status"),
        ("/api/events/", {"participant": "x"}, "participant"),
        ("/api/claimreview/", {"page_size": "501"}, "page_size"),
        ("/api/claimreview/", {"verdict": "nope"}, "verdict"),
        ("/api/stats/", {"group_by": "colour"}, "group_by"),
        ("/api/stats/", {"limit": "0"}, "limit"),
        ("/api/stats/", {"limit": "501"}, "limit"),
        ("/api/stats/", {"verdict": "nope"}, "verdict"),
        ("/api/stats/", {"published_after": "soon"}, "published_after"),
    ],
)
def test_bad_query_parameters_are_400_naming_them(client, world, url, params, param):
    response = client.get(url, params)
    assert response.status_code == 400, response.content
    assert param in response.json(), response.json()


def test_bad_page_size_on_nested_lists(client, world):
    for url in [f"/api/claims/{world.met.pk}/reviews/", f"/api/claims/{world.met.pk}/relations/"]:
        response = client.get(url, {"page_size": 501})
        assert response.status_code == 400
        assert "page_size" in response.json()


def test_missing_objects_are_404(client, world):
    for url in [
        "/api/articles/999999/",
        "/api/actors/999999/",
        "/api/events/999999/",
        "/api/claims/999999/relations/",
        "/api/claims/999999/reviews/",
        "/api/claims/999999/related/",
    ]:
        assert client.get(url).status_code == 404, url


def test_page_number_lists_past_the_end_are_404(client, world):
    assert client.get("/api/articles/", {"page": 99}).status_code == 404


@pytest.mark.parametrize(
    "ordering", ["", "-check_worthiness", "check_worthiness", "-reviewed_at", "-published_on"]
)
def test_csv_chunks_follow_the_ordering_like_the_json_list(
    client, world, editor, monkeypatch, ordering
):
    from claims.api import csv_export

    monkeypatch.setattr(csv_export, "CHUNK", 2)  # chunk boundaries inside and across NULLs
    give_verdict(world.rain, verdict="mixed", editor=editor)
    give_verdict(world.quote, verdict="mixed", editor=editor)
    params = {"ordering": ordering} if ordering else {}
    json_ids = [c["id"] for c in client.get("/api/claims/", params).json()["results"]]
    rows = read_csv(client.get("/api/claims/", {**params, "format": "csv"}))
    assert [int(r["id"]) for r in rows] == json_ids
    assert len(json_ids) == 7


def test_ids_past_bigint_are_404_not_500(world, editor):
    client = APIClient()
    client.force_authenticate(editor)
    big = "9" * 25  # would overflow PostgreSQL's bigint if it reached the database
    for method, url in [
        ("get", f"/api/claims/{big}/"),
        ("get", f"/api/claims/{big}/reviews/"),
        ("get", f"/api/claims/{big}/relations/"),
        ("get", f"/api/claims/{big}/related/"),
        ("get", f"/api/claims/{big}/claimreview/"),
        ("post", f"/api/claims/{big}/verdict/"),
        ("post", f"/api/claims/{big}/relations/"),
        ("delete", f"/api/claims/{world.met.pk}/relations/{big}/"),
        ("delete", f"/api/relations/{big}/"),
        ("get", f"/api/articles/{big}/"),
        ("get", f"/api/actors/{big}/"),
        ("get", f"/api/events/{big}/"),
    ]:
        data = {"verdict": "mixed", "version": 1} if method == "post" else None
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == 404, (method, url, response.status_code)


def test_stats_are_cached_per_query(client, world, editor, settings, django_assert_num_queries):
    from django.core.cache import cache

    cache.clear()
    settings.CLAIMTRACKER_STATS_CACHE_SECONDS = 60
    # Caching is opt-in, and only for live aggregates: unfiltered verdict/speaker counts come
    # from the trigger-kept counters and are never stale.
    first = client.get("/api/stats/", {"group_by": "actor"}).json()
    unfiltered = client.get("/api/stats/", {"group_by": "speaker"}).json()
    give_verdict(world.sanctions, verdict="contradicted", editor=editor)
    with django_assert_num_queries(0):  # the same question: the stored answer
        again = client.get("/api/stats/", {"group_by": "actor"}).json()
    assert again == first
    assert client.get("/api/stats/", {"group_by": "speaker"}).json() != unfiltered
    # Another question (another filter, another order of the same parameters is the same).
    fresh = client.get("/api/stats/", {"group_by": "speaker", "verdict": "contradicted"}).json()
    assert fresh["total"] == 1
    # Invalid queries are never stored: still a 400 the second time.
    for _ in range(2):
        assert client.get("/api/stats/", {"group_by": "speaker", "verdict": "x"}).status_code == 400
    settings.CLAIMTRACKER_STATS_CACHE_SECONDS = 0
    assert client.get("/api/stats/").json()["total"] == 7
    cache.clear()
