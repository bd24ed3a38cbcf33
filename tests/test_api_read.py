"""Read endpoints: shapes, filters, ordering, keyset pages and query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import Claim
from tests.conftest import reading_client
from tests.factories import build_many, build_world, give_verdict

VERDICTS = ["unverified", "corroborated", "contradicted", "mixed", "unverifiable"]


@pytest.fixture
def client(reader) -> APIClient:
    # The desk's view (every claim): anonymous readers see published fact-checks only,
    # which tests/test_publish.py covers.
    return reading_client(reader)


@pytest.fixture(autouse=True)
def _no_stats_cache(settings):
    # Each test sees its own data; caching itself is tested in test_api_export.py.
    settings.CLAIMTRACKER_STATS_CACHE_SECONDS = 0


@pytest.fixture
def world(db):
    return build_world()


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


# --- Claims ----------------------------------------------------------------------------------


def test_claim_detail_has_exactly_the_documented_shape(client, world, editor):
    give_verdict(world.met, verdict="corroborated", editor=editor, note="Both sides confirmed.")
    world.met.refresh_from_db()
    response = client.get(f"/api/claims/{world.met.pk}/")
    assert response.status_code == 200
    reviewed_at = world.met.reviewed_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    assert response.json() == {
        "id": world.met.pk,
        "article": {
            "id": world.riyadh_article.pk,
            "title": "Talks in Riyadh",
            "published_on": "2025-02-19",
        },
        "position": 0,
        "text": "US and Russian officials met in Riyadh on February 18, 2025.",
        "start": world.met.start,
        "end": world.met.end,
        "kind": "statement",
        "attribution": "",
        "speaker": None,
        "actors": [],
        "events": [
            {"id": world.riyadh.pk, "title": "US–Russia talks in Riyadh", "date": "2025-02-18"}
        ],
        "mentioned_dates": [{"text": "2025-02-18", "date": "2025-02-18", "precision": "day"}],
        "check_worthiness": 0.9,
        "verdict": "corroborated",
        "verdict_note": "Both sides confirmed.",
        "reviewed_at": reviewed_at,
        "version": 2,
        "assignee": None,
        "published_at": None,
    }


def test_claim_list_item_with_speaker_and_actors(client, world):
    response = client.get("/api/claims/", {"article": world.saudi_article.pk})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}  # keyset pages: no count
    first = body["results"][0]
    assert first["id"] == world.rubio_lavrov_met.pk
    assert first["actors"] == [
        {"id": world.rubio.pk, "name": "Marco Rubio", "kind": "person"},
        {"id": world.lavrov.pk, "name": "Sergey Lavrov", "kind": "person"},
    ]
    assert body["results"][1]["speaker"] == {"id": world.lavrov.pk, "name": "Sergey Lavrov"}
    assert body["results"][1]["reviewed_at"] is None
    assert body["results"][1]["check_worthiness"] == 0.7


def test_claim_list_default_order_is_article_then_position(client, world):
    assert ids(client.get("/api/claims/")) == [c.pk for c in world.claims]


def test_claim_detail_404(client, world):
    assert client.get("/api/claims/999999/").status_code == 404
    assert client.get("/api/claims/99999999999999999999999/").status_code == 404
    assert client.get("/api/claims/abc/").status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"verdict": "contradicted"}, ["sanctions"]),
        ({"verdict": "contradicted,corroborated"}, ["met", "sanctions"]),
        ({"verdict": ["contradicted", "corroborated"]}, ["met", "sanctions"]),
        ({"verdict": ["unverified,mixed", "corroborated"]}, "all but sanctions"),
        ({"kind": "quote"}, ["quote"]),
        ({"attribution": "anonymous"}, ["analysts"]),
        ({"attribution": "partial"}, ["sanctions"]),
        ({"attribution": "none"}, ["met", "rubio_lavrov_met", "rain", "runners"]),
        ({"min_check_worthiness": "0.75"}, ["met", "rubio_lavrov_met"]),
        ({"published_after": "2025-02-20"}, ["rubio_lavrov_met", "sanctions", "rain", "runners"]),
        ({"published_before": "2025-02-19"}, ["met", "quote", "analysts"]),
        (
            {"published_after": "2025-02-20", "published_before": "2025-02-20"},
            ["rubio_lavrov_met", "sanctions"],
        ),
        ({"q": "marathon"}, ["runners"]),
        ({"q": "Lisbon rain"}, ["rain"]),
    ],
)
def test_claim_filters(client, world, editor, params, expected):
    give_verdict(world.met, verdict="corroborated", editor=editor)
    give_verdict(world.sanctions, verdict="contradicted", editor=editor)
    if expected == "all but sanctions":
        expected = [n for n in ("met", "quote", "analysts", "rubio_lavrov_met", "rain", "runners")]
    response = client.get("/api/claims/", params)
    assert response.status_code == 200, response.json()
    assert ids(response) == [getattr(world, name).pk for name in expected]


def test_claim_id_filters(client, world):
    by = {
        "article": (world.lisbon_article.pk, [world.rain, world.runners]),
        "speaker": (world.rubio.pk, [world.quote]),
        # actor = said by OR named in
        "actor": (world.lavrov.pk, [world.rubio_lavrov_met, world.sanctions]),
        "event": (world.riyadh.pk, [world.met, world.rubio_lavrov_met]),
    }
    for name, (value, claims) in by.items():
        response = client.get("/api/claims/", {name: value})
        assert response.status_code == 200, (name, response.json())
        assert ids(response) == [c.pk for c in claims], name
    response = client.get("/api/claims/", {"actor": world.rubio.pk})
    assert ids(response) == [world.quote.pk, world.rubio_lavrov_met.pk]


def test_reviewed_after_filter(client, world, editor):
    give_verdict(world.sanctions, verdict="mixed", editor=editor)
    Claim.objects.filter(pk=world.sanctions.pk).update(
        reviewed_at=dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
    )
    assert ids(client.get("/api/claims/", {"reviewed_after": "2025-03-01"})) == [world.sanctions.pk]
    assert ids(client.get("/api/claims/", {"reviewed_after": "2025-03-01T13:00:00Z"})) == []


def test_full_text_search_stems_and_ands(client, world):
    # PostgreSQL: websearch_to_tsquery over the indexed tsvector (stemming: "met" ~ "meet"
    # is not guaranteed, so match on words that appear); SQLite: every word as a substring.
    assert ids(client.get("/api/claims/", {"q": "Riyadh officials"})) == [world.met.pk]
    assert ids(client.get("/api/claims/", {"q": "riyadh"})) == [
        world.met.pk,
        world.rubio_lavrov_met.pk,
    ]
    assert ids(client.get("/api/claims/", {"q": "sanctions oil"})) == [world.sanctions.pk]
    assert ids(client.get("/api/claims/", {"q": "nonexistentword"})) == []


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_full_text_search_uses_postgres_stemming(client, world):
    # "sanction" finds "sanctions" only through the english stemmer, not by substring.
    assert ids(client.get("/api/claims/", {"q": "sanction"})) == [world.sanctions.pk]
    # websearch syntax: a quoted phrase and exclusion.
    assert ids(client.get("/api/claims/", {"q": '"Russian officials"'})) == [world.met.pk]
    assert ids(client.get("/api/claims/", {"q": "riyadh -Lavrov"})) == [world.met.pk]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (
            "-check_worthiness",
            ["met", "rubio_lavrov_met", "sanctions", "quote", "runners", "rain", "analysts"],
        ),
        (
            "check_worthiness",
            ["rain", "runners", "quote", "sanctions", "rubio_lavrov_met", "met", "analysts"],
        ),
        (
            "position",
            ["met", "rubio_lavrov_met", "rain", "quote", "sanctions", "runners", "analysts"],
        ),
        (
            "-position",
            ["analysts", "quote", "sanctions", "runners", "met", "rubio_lavrov_met", "rain"],
        ),
        (
            "published_on",
            ["met", "quote", "analysts", "rubio_lavrov_met", "sanctions", "rain", "runners"],
        ),
        (
            "-published_on",
            ["rain", "runners", "rubio_lavrov_met", "sanctions", "met", "quote", "analysts"],
        ),
    ],
)
def test_claim_ordering(client, world, ordering, expected):
    assert ids(client.get("/api/claims/", {"ordering": ordering})) == [
        getattr(world, name).pk for name in expected
    ]


def test_reviewed_at_ordering_puts_unreviewed_last(client, world, editor):
    give_verdict(world.rain, verdict="mixed", editor=editor)
    give_verdict(world.quote, verdict="corroborated", editor=editor)
    Claim.objects.filter(pk=world.rain.pk).update(reviewed_at=timezone.now() - dt.timedelta(days=1))
    got = ids(client.get("/api/claims/", {"ordering": "-reviewed_at"}))
    assert got[:2] == [world.quote.pk, world.rain.pk]
    got = ids(client.get("/api/claims/", {"ordering": "reviewed_at"}))
    assert got[:2] == [world.rain.pk, world.quote.pk]
    assert len(got) == 7


@pytest.mark.parametrize(
    "ordering",
    [
        "",
        "-check_worthiness",
        "check_worthiness",
        "published_on",
        "-published_on",
        "-id",
        "reviewed_at",
        "-position",
        "-article",
    ],
)
def test_keyset_pages_walk_forward_and_back_without_gaps(client, db, ordering, editor):
    claims = build_many(articles=5, claims_per_article=3)
    # Some NULLs and ties in the sort columns, which keysets must get right.
    Claim.objects.filter(pk__in=[c.pk for c in claims[::4]]).update(check_worthiness=None)
    give_verdict(claims[3], verdict="mixed", editor=editor)
    params = {"page_size": 4, "ordering": ordering} if ordering else {"page_size": 4}
    everything = ids(client.get("/api/claims/", {**params, "page_size": 500}))
    assert sorted(everything) == sorted(c.pk for c in claims)

    pages, url = [], "/api/claims/"
    response = client.get(url, params)
    while True:
        body = response.json()
        pages.append([item["id"] for item in body["results"]])
        if not body["next"]:
            break
        response = client.get(body["next"])
    assert [pk for page in pages for pk in page] == everything
    assert [len(p) for p in pages] == [4, 4, 4, 3]

    # And back again from the last page through the `previous` links.
    back = []
    while body["previous"]:
        body = client.get(body["previous"]).json()
        back.insert(0, [item["id"] for item in body["results"]])
    assert back == pages[:-1]


def test_bad_cursor_is_400(client, world):
    for cursor in ["garbage", "eyJvIjoiYXJ0aWNsZSJ9", "e30"]:
        response = client.get("/api/claims/", {"cursor": cursor})
        assert response.status_code == 400
        assert "cursor" in response.json()
    # A cursor from another ordering is refused, not misread.
    first = client.get("/api/claims/", {"page_size": 2}).json()
    cursor = first["next"].split("cursor=")[1].split("&")[0]
    response = client.get("/api/claims/", {"cursor": cursor, "ordering": "-id"})
    assert response.status_code == 400
    assert "cursor" in response.json()


# --- Articles, actors, events ----------------------------------------------------------------


def test_article_list_and_detail(client, world, editor):
    give_verdict(world.met, verdict="corroborated", editor=editor)
    response = client.get("/api/articles/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    # Newest first (Article.Meta.ordering).
    assert [a["title"] for a in body["results"]] == [
        "Weather and sport in Lisbon",
        "Rubio and Lavrov in Saudi Arabia",
        "Talks in Riyadh",
    ]
    riyadh = body["results"][2]
    assert riyadh == {
        "id": world.riyadh_article.pk,
        "title": "Talks in Riyadh",
        "subtitle": "A first meeting",
        "publisher": "Example News",
        "author": "Jane Doe",
        "url": world.riyadh_article.url,
        "published_on": "2025-02-19",
        "section": "news",
        "title_source": "",
        "dateline_place": "",
        "dateline_agency": "",
        "claim_count": 3,
        "verdict_counts": {
            "unverified": 2,
            "corroborated": 1,
            "contradicted": 0,
            "mixed": 0,
            "unverifiable": 0,
        },
    }
    detail = client.get(f"/api/articles/{world.riyadh_article.pk}/").json()
    assert detail["body"] == world.riyadh_article.body
    assert detail["verdict_counts"] == riyadh["verdict_counts"]
    assert "raw_text" not in detail
    assert client.get("/api/articles/0/").status_code == 404


def test_article_filters(client, world):
    assert ids(client.get("/api/articles/", {"publisher": "Other Daily"})) == [
        world.saudi_article.pk
    ]
    assert ids(client.get("/api/articles/", {"q": "lisbon"})) == [world.lisbon_article.pk]
    assert ids(client.get("/api/articles/", {"published_before": "2025-02-19"})) == [
        world.riyadh_article.pk
    ]
    assert ids(client.get("/api/articles/", {"section": "news"})) == [world.riyadh_article.pk]


def test_actor_list_and_detail_counts(client, world, editor):
    give_verdict(world.sanctions, verdict="contradicted", editor=editor)
    give_verdict(world.rubio_lavrov_met, verdict="corroborated", editor=editor)
    response = client.get("/api/actors/", {"q": "lavrov"})
    assert response.status_code == 200
    (lavrov,) = response.json()["results"]
    assert lavrov == {
        "id": world.lavrov.pk,
        "name": "Sergey Lavrov",
        "kind": "person",
        "description": "Russian foreign minister",
        "wikidata_id": "",
        "wikidata_url": "",
        "aliases": [],
        "claim_counts": {
            "as_speaker": {
                "unverified": 0,
                "corroborated": 0,
                "contradicted": 1,
                "mixed": 0,
                "unverifiable": 0,
            },
            "as_mentioned": {
                "unverified": 0,
                "corroborated": 1,
                "contradicted": 1,
                "mixed": 0,
                "unverifiable": 0,
            },
        },
    }
    rubio = client.get(f"/api/actors/{world.rubio.pk}/").json()
    assert rubio["aliases"] == ["Secretary Rubio"]
    assert rubio["wikidata_url"] == "https://www.wikidata.org/wiki/Q324546"
    assert rubio["claim_counts"]["as_speaker"]["unverified"] == 1
    assert rubio["claim_counts"]["as_mentioned"] == {
        "unverified": 1,
        "corroborated": 1,
        "contradicted": 0,
        "mixed": 0,
        "unverifiable": 0,
    }
    # By alias, and by kind.
    assert ids(client.get("/api/actors/", {"q": "secretary rub"})) == [world.rubio.pk]
    orgs = ids(client.get("/api/actors/", {"kind": "organization", "q": "kremlin press"}))
    assert orgs == [world.kremlin.pk]
    assert client.get("/api/actors/", {"kind": "alien"}).status_code == 400


def test_event_list_ordered_by_date_with_participants_and_counts(client, world):
    response = client.get("/api/events/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [e["id"] for e in results] == [world.riyadh.pk, world.marathon.pk]
    riyadh = results[0]
    assert riyadh == {
        "id": world.riyadh.pk,
        "title": "US–Russia talks in Riyadh",
        "date": "2025-02-18",
        "date_precision": "day",
        "end_date": None,
        "location": "Riyadh",
        "description": "",
        "aliases": ["Riyadh talks"],
        "status": "confirmed",
        "participants": [
            {"id": world.rubio.pk, "name": "Marco Rubio", "kind": "person"},
            {"id": world.lavrov.pk, "name": "Sergey Lavrov", "kind": "person"},
        ],
        "claim_count": 2,
        "verdict_counts": {
            "unverified": 2,
            "corroborated": 0,
            "contradicted": 0,
            "mixed": 0,
            "unverifiable": 0,
        },
    }
    assert ids(client.get("/api/events/", {"status": "suggested"})) == [world.marathon.pk]
    assert ids(client.get("/api/events/", {"participant": world.lavrov.pk})) == [world.riyadh.pk]
    assert ids(client.get("/api/events/", {"date_after": "2025-03-01"})) == [world.marathon.pk]
    detail = client.get(f"/api/events/{world.marathon.pk}/").json()
    assert detail["end_date"] == "2025-03-02"
    assert detail["claim_count"] == 1


# --- Query counts ----------------------------------------------------------------------------


def count_queries(client: APIClient, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:500]
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "expected", "extra"),
    [
        # No COUNT(*). PostgreSQL: the page with its actors and events inline (json_agg);
        # SQLite: page + ONE query for actors + ONE for events. As (postgresql, other).
        ("/api/claims/", (1, 3), {}),
        # + the existence check of each id filter, + two bounded counts choosing the actor plan
        ("/api/claims/", (5, 7), {"actor": "ACTOR", "event": "EVENT", "verdict": "mixed"}),
        ("/api/claims/", (1, 3), {"ordering": "-check_worthiness"}),
        # count + page + verdict counts
        ("/api/articles/", 3, {}),
        # count + page + aliases + spoken counts + mentioned counts
        ("/api/actors/", 5, {}),
        # count + page + participants + verdict counts
        ("/api/events/", 4, {}),
        # page only
        ("/api/claimreview/", 1, {}),
        # count + groups + labels of the groups kept
        ("/api/stats/", 3, {"group_by": "speaker"}),
        ("/api/stats/", 3, {"group_by": "actor"}),
        ("/api/stats/", 3, {"group_by": "event"}),
        # count + groups
        ("/api/stats/", 2, {"group_by": "month"}),
        # groups (the total is their sum)
        ("/api/stats/", 1, {"group_by": "verdict"}),
    ],
)
def test_list_query_count_does_not_grow_with_page_size(
    client, db, editor, django_assert_max_num_queries, url, expected, extra
):
    if isinstance(expected, tuple):
        expected = expected[0] if connection.vendor == "postgresql" else expected[1]
    claims = build_many()
    for claim in claims[:12]:
        give_verdict(claim, verdict="mixed", editor=editor)
    params = {k: v for k, v in extra.items()}
    if params.get("actor") == "ACTOR":
        params["actor"] = claims[0].speaker_id
    if params.get("event") == "EVENT":
        params["event"] = claims[0].events.get().pk
    small = count_queries(client, url, {**params, "page_size": 5, "limit": 5})
    large = count_queries(client, url, {**params, "page_size": 200, "limit": 200})
    assert small == large == expected
    with django_assert_max_num_queries(expected):
        client.get(url, {**params, "page_size": 200})


def test_review_and_relation_lists_constant_queries(client, world, editor):
    for verdict in ["mixed", "corroborated", "contradicted", "mixed", "unverifiable", "mixed"]:
        world.met.refresh_from_db()
        give_verdict(
            world.met,
            verdict=verdict,
            editor=editor,
            evidence=[{"url": "https://example.org/a", "stance": "supports"}],
        )
    url = f"/api/claims/{world.met.pk}/reviews/"
    # claim exists + count + page + evidence
    assert count_queries(client, url, {"page_size": 2}) == 4
    assert count_queries(client, url, {"page_size": 200}) == 4

    from claims.models import ClaimRelation

    for other in [world.rubio_lavrov_met, world.sanctions, world.rain, world.runners]:
        ClaimRelation.objects.create(from_claim=world.met, to_claim=other, relation="corroborates")
    ClaimRelation.objects.create(from_claim=world.quote, to_claim=world.met, relation="duplicates")
    url = f"/api/claims/{world.met.pk}/relations/"
    # claim exists + count + page (joined)
    assert count_queries(client, url, {"page_size": 2}) == 3
    assert count_queries(client, url, {"page_size": 200}) == 3


@pytest.mark.parametrize("union_max", [0, 1, 10_000])
def test_actor_filter_plans_match_for_actor(client, world, monkeypatch, union_max):
    """?actor= (ClaimQuerySet.for_actor) picks a query plan by how many claims the actor has;
    every plan must return exactly the claims the actor said or is named in."""
    from django.db.models import Q

    from claims.models import claims as claim_models

    monkeypatch.setattr(claim_models, "ACTOR_UNION_MAX", union_max)
    for actor in [world.rubio, world.lavrov, world.kremlin]:
        said_or_named = Claim.objects.filter(Q(speaker=actor) | Q(actors=actor)).distinct()
        expected = list(said_or_named.order_by("article_id", "position"))
        got = ids(client.get("/api/claims/", {"actor": actor.pk}))
        assert got == [c.pk for c in expected], actor


def test_attribution_filter_names_the_parameter_on_a_bad_value(client, world):
    response = client.get("/api/claims/", {"attribution": "rumour"})
    assert response.status_code == 400
    assert "attribution" in response.json()
