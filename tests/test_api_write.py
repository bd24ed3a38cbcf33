"""Write endpoints, permissions, tokens, throttling and CLAIMTRACKER_PUBLIC_READ."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims import editing
from claims.models import Claim, ClaimRelation, ClaimRelationQuerySet, Evidence, Review
from tests.factories import build_world, give_verdict


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()  # throttle history lives in the cache
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def client() -> APIClient:
    return APIClient()


def as_user(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


# --- Verdicts --------------------------------------------------------------------------------


def test_verdict_writes_review_evidence_and_claim(world, editor):
    response = as_user(editor).post(
        f"/api/claims/{world.sanctions.pk}/verdict/",
        {
            "verdict": "contradicted",
            "note": "Lavrov said no such thing.",
            "evidence": [
                {
                    "url": "https://example.org/transcript",
                    "title": "Transcript",
                    "excerpt": "…",
                    "stance": "refutes",
                },
                {"excerpt": "A second source says otherwise."},
            ],
            "version": 1,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["claim"]["verdict"] == "contradicted"
    assert body["claim"]["version"] == 2
    assert body["claim"]["verdict_note"] == "Lavrov said no such thing."
    assert body["review"]["editor"] == "editor"
    assert body["review"]["previous_verdict"] == "unverified"
    assert {e["stance"] for e in body["review"]["evidence"]} == {"refutes", "context"}

    claim = Claim.objects.get(pk=world.sanctions.pk)
    assert (claim.verdict, claim.version, claim.reviewed_by) == ("contradicted", 2, editor)
    review = Review.objects.get(claim=claim)
    assert review.editor == editor
    assert Evidence.objects.filter(review=review, claim=claim, added_by=editor).count() == 2


def test_stale_version_is_409_with_current_claim_and_writes_nothing(world, editor, superuser):
    give_verdict(world.sanctions, verdict="mixed", editor=superuser, note="first")
    reviews = Review.objects.count()
    evidence = Evidence.objects.count()
    before = Claim.objects.filter(pk=world.sanctions.pk).values().get()

    response = as_user(editor).post(
        f"/api/claims/{world.sanctions.pk}/verdict/",
        {
            "verdict": "contradicted",
            "note": "second",
            "evidence": [{"url": "https://example.org/x"}],
            "version": 1,
        },
        format="json",
    )
    assert response.status_code == 409
    body = response.json()
    assert "version" in body["detail"]
    assert body["claim"]["id"] == world.sanctions.pk
    assert body["claim"]["version"] == 2
    assert body["claim"]["verdict"] == "mixed"
    assert body["claim"]["verdict_note"] == "first"
    assert Review.objects.count() == reviews
    assert Evidence.objects.count() == evidence
    assert Claim.objects.filter(pk=world.sanctions.pk).values().get() == before


def test_reviews_history_newest_first(world, editor, superuser):
    give_verdict(world.quote, verdict="mixed", editor=editor, note="one")
    give_verdict(
        world.quote,
        verdict="corroborated",
        editor=superuser,
        note="two",
        evidence=[{"url": "https://example.org/video", "title": "Video", "stance": "supports"}],
    )
    editing.publish_claims([world.quote], by=editor)  # the history is public once published
    response = APIClient().get(f"/api/claims/{world.quote.pk}/reviews/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    newest, oldest = body["results"]
    assert (newest["verdict"], newest["previous_verdict"], newest["editor"], newest["note"]) == (
        "corroborated",
        "mixed",
        "root",
        "two",
    )
    assert (oldest["verdict"], oldest["previous_verdict"], oldest["editor"]) == (
        "mixed",
        "unverified",
        "editor",
    )
    assert set(newest) == {
        "id",
        "verdict",
        "previous_verdict",
        "note",
        "editor",
        "created_at",
        "evidence",
    }
    (item,) = newest["evidence"]
    assert item["url"] == "https://example.org/video"
    assert item["stance"] == "supports"
    assert oldest["evidence"] == []
    assert APIClient().get("/api/claims/999999/reviews/").status_code == 404


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"verdict": "true", "version": 1}, "verdict"),
        ({"verdict": "mixed"}, "version"),
        ({"verdict": "mixed", "version": "one"}, "version"),
        ({"verdict": "mixed", "version": 0}, "version"),
        ({"verdict": "mixed", "version": 1, "evidence": [{"title": "no url"}]}, "evidence"),
        ({"verdict": "mixed", "version": 1, "evidence": [{"url": "not a url"}]}, "evidence"),
        (
            {
                "verdict": "mixed",
                "version": 1,
                "evidence": [{"url": "https://a.b/", "stance": "?"}],
            },
            "evidence",
        ),
        ({"verdict": "mixed", "version": 1, "evidence": "https://a.b/"}, "evidence"),
    ],
)
def test_verdict_bad_input_is_400_naming_the_field(world, editor, payload, field):
    response = as_user(editor).post(
        f"/api/claims/{world.quote.pk}/verdict/", payload, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert Review.objects.count() == 0


def test_invalid_json_is_400(world, editor):
    response = as_user(editor).post(
        f"/api/claims/{world.quote.pk}/verdict/",
        data='{"verdict": "mixed", "version": ',
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
    response = as_user(editor).post(
        f"/api/claims/{world.quote.pk}/verdict/", data="[1, 2]", content_type="application/json"
    )
    assert response.status_code == 400


def test_verdict_on_missing_claim_is_404(world, editor):
    response = as_user(editor).post(
        "/api/claims/999999/verdict/", {"verdict": "mixed", "version": 1}, format="json"
    )
    assert response.status_code == 404


# --- Relations -------------------------------------------------------------------------------


def test_relations_both_directions(world, editor):
    client = as_user(editor)
    response = client.post(
        f"/api/claims/{world.met.pk}/relations/",
        {"to_claim": world.rubio_lavrov_met.pk, "relation": "corroborates", "note": "same meeting"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["direction"] == "outgoing"
    assert created["other_claim"] == {
        "id": world.rubio_lavrov_met.pk,
        "text": world.rubio_lavrov_met.text,
        "article": {"id": world.saudi_article.pk, "title": "Rubio and Lavrov in Saudi Arabia"},
    }
    assert created["created_by"] == "editor"
    ClaimRelation.objects.create(
        from_claim=world.sanctions, to_claim=world.met, relation="contradicts"
    )

    items = client.get(f"/api/claims/{world.met.pk}/relations/").json()["results"]
    assert [(i["direction"], i["relation"], i["other_claim"]["id"]) for i in items] == [
        ("incoming", "contradicts", world.sanctions.pk),
        ("outgoing", "corroborates", world.rubio_lavrov_met.pk),
    ]
    # Seen from the other end, the same relation is incoming.
    other = client.get(f"/api/claims/{world.rubio_lavrov_met.pk}/relations/").json()["results"]
    assert [(i["id"], i["direction"]) for i in other] == [(created["id"], "incoming")]
    assert other[0]["other_claim"]["id"] == world.met.pk


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"to_claim": "SELF", "relation": "duplicates"}, "to_claim"),
        ({"to_claim": 999999, "relation": "duplicates"}, "to_claim"),
        ({"to_claim": "abc", "relation": "duplicates"}, "to_claim"),
        ({"to_claim": 10**30, "relation": "duplicates"}, "to_claim"),
        ({"to_claim": "OTHER", "relation": "agrees"}, "relation"),
        ({"relation": "duplicates"}, "to_claim"),
        ({"to_claim": "OTHER", "relation": "corroborates"}, "to_claim"),  # exists already
        ({"to_claim": "REVERSE", "relation": "contradicts"}, "to_claim"),  # exists reversed
    ],
)
def test_relation_bad_input_is_400_naming_the_field(world, editor, payload, field):
    ClaimRelation.objects.create(
        from_claim=world.met, to_claim=world.rubio_lavrov_met, relation="corroborates"
    )
    ClaimRelation.objects.create(
        from_claim=world.sanctions, to_claim=world.met, relation="contradicts"
    )
    swap = {"SELF": world.met.pk, "OTHER": world.rubio_lavrov_met.pk, "REVERSE": world.sanctions.pk}
    payload = {k: swap.get(v, v) if isinstance(v, str) else v for k, v in payload.items()}
    response = as_user(editor).post(
        f"/api/claims/{world.met.pk}/relations/", payload, format="json"
    )
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert ClaimRelation.objects.count() == 2


@pytest.mark.parametrize("meanwhile", [False, True], ids=["linked-before", "linked-meanwhile"])
def test_relating_the_other_way_round_answers_with_the_existing_relation(
    world, editor, monkeypatch, meanwhile
):
    """B → A when A → B exists is the same link: a 400 naming the existing relation, nothing
    written. ``meanwhile``: the other editor's link lands between the view's check and its
    insert, so only the database's constraint sees it; still a 400, never a 500."""
    theirs = ClaimRelation.objects.create(
        from_claim=world.rubio_lavrov_met, to_claim=world.met, relation="corroborates", note="n"
    )
    if meanwhile:
        between = ClaimRelationQuerySet.between
        calls: list[int] = []

        def misses_the_first_time(self, one, other):
            calls.append(1)
            found = between(self, one, other)
            return found.none() if len(calls) == 1 else found

        monkeypatch.setattr(ClaimRelationQuerySet, "between", misses_the_first_time)
    response = as_user(editor).post(
        f"/api/claims/{world.met.pk}/relations/",
        {"to_claim": world.rubio_lavrov_met.pk, "relation": "corroborates"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert f"(relation {theirs.pk})" in response.json()["to_claim"][0]
    if meanwhile:
        assert len(calls) == 2  # the insert was tried and refused by the database
    assert list(ClaimRelation.objects.values_list("pk", "note")) == [(theirs.pk, "n")]


def test_delete_relation_both_urls(world, editor):
    one = ClaimRelation.objects.create(
        from_claim=world.met, to_claim=world.rain, relation="duplicates"
    )
    two = ClaimRelation.objects.create(
        from_claim=world.rain, to_claim=world.met, relation="contradicts"
    )
    client = as_user(editor)
    # Not a relation of this claim: 404, and nothing deleted.
    assert client.delete(f"/api/claims/{world.quote.pk}/relations/{one.pk}/").status_code == 404
    # From either end.
    assert client.delete(f"/api/claims/{world.rain.pk}/relations/{one.pk}/").status_code == 204
    assert client.delete(f"/api/relations/{two.pk}/").status_code == 204
    assert not ClaimRelation.objects.exists()
    assert client.delete(f"/api/relations/{two.pk}/").status_code == 404


# --- Permissions -----------------------------------------------------------------------------


WRITES = ["verdict", "relation", "delete_nested", "delete_flat"]


def do_write(client: APIClient, world, which: str):
    if which == "verdict":
        world.quote.refresh_from_db()
        return client.post(
            f"/api/claims/{world.quote.pk}/verdict/",
            {"verdict": "mixed", "version": world.quote.version},
            format="json",
        )
    if which == "relation":
        ClaimRelation.objects.filter(from_claim=world.quote).delete()
        return client.post(
            f"/api/claims/{world.quote.pk}/relations/",
            {"to_claim": world.sanctions.pk, "relation": "contradicts"},
            format="json",
        )
    relation, _ = ClaimRelation.objects.get_or_create(
        from_claim=world.quote, to_claim=world.rain, relation="duplicates"
    )
    if which == "delete_nested":
        return client.delete(f"/api/claims/{world.quote.pk}/relations/{relation.pk}/")
    return client.delete(f"/api/relations/{relation.pk}/")


@pytest.mark.parametrize("which", WRITES)
def test_write_permissions(world, which, editor, staff_reader, superuser):
    anonymous = do_write(APIClient(), world, which)
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == "Token"
    assert do_write(as_user(staff_reader), world, which).status_code == 403
    assert do_write(as_user(editor), world, which).status_code in (201, 204)
    assert do_write(as_user(superuser), world, which).status_code in (201, 204)


def test_session_login_works_for_writes(world, editor):
    client = APIClient()
    client.login(username="editor", password="pw-editor-123")
    assert do_write(client, world, "verdict").status_code == 201


# --- Tokens ----------------------------------------------------------------------------------


def test_token_obtain_use_and_revoke(world, editor):
    client = APIClient()
    bad = client.post("/api/auth/token/", {"username": "editor", "password": "wrong"})
    assert bad.status_code == 400
    response = client.post(
        "/api/auth/token/", {"username": "editor", "password": "pw-editor-123"}, format="json"
    )
    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(user=editor).key == key

    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert do_write(client, world, "verdict").status_code == 201

    assert client.delete("/api/auth/token/").status_code == 204
    assert not Token.objects.filter(user=editor).exists()
    # The revoked token no longer authenticates anything.
    assert do_write(client, world, "verdict").status_code == 401
    assert client.delete("/api/auth/token/").status_code == 401


def test_token_created_by_command_works(world, editor):
    from django.core.management import call_command

    call_command("drf_create_token", "editor", verbosity=0)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=editor).key}")
    assert do_write(client, world, "relation").status_code == 201


def test_token_endpoint_is_throttled(db, editor, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"writes": "100/min", "token_auth": "2/min"},
    }
    client = APIClient()
    codes = [
        client.post("/api/auth/token/", {"username": "editor", "password": "x"}).status_code
        for _ in range(3)
    ]
    assert codes == [400, 400, 429]


# --- Throttling and public read --------------------------------------------------------------


def test_writes_are_throttled_reads_are_not(world, editor, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"writes": "2/min", "token_auth": "10/min"},
    }
    client = as_user(editor)
    assert do_write(client, world, "verdict").status_code == 201
    assert do_write(client, world, "relation").status_code == 201
    throttled = do_write(client, world, "verdict")
    assert throttled.status_code == 429
    assert "Retry-After" in throttled
    for _ in range(5):
        assert client.get("/api/claims/").status_code == 200


def test_public_read_off_needs_login(world, editor, settings):
    settings.CLAIMTRACKER_PUBLIC_READ = False
    for url in ["/api/claims/", f"/api/claims/{world.met.pk}/", "/api/articles/", "/api/stats/"]:
        assert APIClient().get(url).status_code == 401, url
    token = Token.objects.create(user=editor)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/claims/").status_code == 200
    # Getting a token must stay possible, or nobody could log in.
    response = APIClient().post(
        "/api/auth/token/", {"username": "editor", "password": "pw-editor-123"}
    )
    assert response.status_code == 200


def test_public_read_on_by_default(world):
    assert APIClient().get("/api/claims/").status_code == 200
    assert APIClient().get("/api/actors/").status_code == 200


def test_cors_headers_for_allowed_origin(world, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://dashboard.example"]
    response = APIClient().get("/api/claims/", HTTP_ORIGIN="https://dashboard.example")
    assert response["Access-Control-Allow-Origin"] == "https://dashboard.example"
    response = APIClient().get("/api/claims/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in response
