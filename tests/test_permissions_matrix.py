"""Who may change fact-check data: every write endpoint of the API and every write view and
action of the admin, for every kind of caller, as tables.

The lists of endpoints are derived from the URL resolver and the admin registry, and compared
with the tables here: a new write endpoint, admin action or admin view without a row here
fails ``test_every_*_is_in_the_matrix`` until someone decides who may use it.

API callers: anonymous; a token of a plain user, of a staff user outside Editors, of an
editor and of a superuser; an editor's session with and without the CSRF token. Admin
callers: anonymous, a non-staff user in Editors, staff outside Editors, an editor, a
superuser. Refused callers get 401/403 (the admin sends the logged-out to its login) and the
database is unchanged; allowed callers are never refused. Tokens can be revoked, and the
write and token-auth throttles hold on every endpoint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token
from rest_framework.permissions import SAFE_METHODS
from rest_framework.test import APIClient

from claims import editing
from claims.models import ClaimRelation, Evidence, FactCheck, Feed, Review
from tests.factories import World, build_world, give_verdict

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    cache.clear()  # throttle history lives in the cache
    yield
    cache.clear()


def snapshot() -> dict[str, Any]:
    """Every claims table (row counts and a digest of the rows) and the tokens."""
    state: dict[str, Any] = {"tokens": sorted(Token.objects.values_list("key", flat=True))}
    for model in apps.get_app_config("claims").get_models(include_auto_created=True):
        rows = list(model.objects.order_by("pk").values_list())
        state[model._meta.db_table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state


# --- API: the endpoints ---------------------------------------------------------------------


def api_write_endpoints() -> set[tuple[str, str]]:
    """(URL name, method) of every DRF view that accepts an unsafe method."""
    found: set[tuple[str, str]] = set()

    def walk(patterns: list[Any]) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
                continue
            assert isinstance(pattern, URLPattern)
            view_class = getattr(pattern.callback, "cls", None)
            if view_class is None:
                continue  # not a DRF view (the admin has its own table below)
            actions = getattr(pattern.callback, "actions", None)
            methods = (
                list(actions)
                if actions
                else [m for m in view_class.http_method_names if hasattr(view_class, m)]
            )
            for method in methods:
                if method.upper() not in SAFE_METHODS:
                    found.add((pattern.name, method.upper()))

    walk(get_resolver().url_patterns)
    return found


def post_verdict(client: APIClient, w: World) -> Any:
    w.quote.refresh_from_db()
    return client.post(
        f"/api/claims/{w.quote.pk}/verdict/",
        {"verdict": "mixed", "note": "matrix", "version": w.quote.version},
        format="json",
    )


def post_relation(client: APIClient, w: World) -> Any:
    return client.post(
        f"/api/claims/{w.quote.pk}/relations/",
        {"to_claim": w.sanctions.pk, "relation": "contradicts"},
        format="json",
    )


def post_assign(client: APIClient, w: World) -> Any:
    editor = User.objects.get(username="editor")  # every caller's world has the editor
    return client.post(
        f"/api/claims/{w.quote.pk}/assign/", {"assignee": editor.username}, format="json"
    )


def _relation(w: World) -> ClaimRelation:
    relation, _ = ClaimRelation.objects.get_or_create(
        from_claim=w.quote, to_claim=w.rain, relation="duplicates"
    )
    return relation


def delete_nested_relation(client: APIClient, w: World) -> Any:
    return client.delete(f"/api/claims/{w.quote.pk}/relations/{_relation(w).pk}/")


def delete_relation(client: APIClient, w: World) -> Any:
    return client.delete(f"/api/relations/{_relation(w).pk}/")


def post_publish(client: APIClient, w: World) -> Any:
    return client.post(f"/api/claims/{w.runners.pk}/publish/")


def delete_publish(client: APIClient, w: World) -> Any:
    return client.delete(f"/api/claims/{w.runners.pk}/publish/")


def prepare(endpoint: tuple[str, str], w: World) -> None:
    """What must exist before the call (and before the snapshot): the relation a DELETE
    removes, the verdict a claim needs to be published, the publication to take back, the
    fact-check to attach."""
    if endpoint[1] == "DELETE":
        _relation(w)
    if endpoint == ("claim-fact-checks", "POST"):
        a_fact_check()
    if endpoint[0] == "claim-publish":
        editor = User.objects.get(username="editor")
        give_verdict(w.runners, verdict="corroborated", editor=editor)
        if endpoint[1] == "DELETE":
            editing.publish_claims([w.runners], by=editor)


def post_import(client: APIClient, w: World) -> Any:
    # Pasted text: a URL would need a server (tests/test_import_urls.py has one).
    text = "Title: Matrix\n\nThe minister said exports rose by 4% last year."
    return client.post("/api/articles/import/", {"text": text}, format="json")


def a_fact_check() -> FactCheck:
    url = "https://checker.example/matrix"
    fc, _ = FactCheck.objects.get_or_create(
        key=FactCheck.key_for(url, "Exports rose."),
        defaults={"url": url, "claim_reviewed": "Exports rose.", "raw": {}},
    )
    return fc


def post_fact_check(client: APIClient, w: World) -> Any:
    fc = a_fact_check()
    # A claim it is not attached to yet: attaching it twice is refused (a 400).
    attached = set(Evidence.objects.filter(url=fc.url).values_list("claim_id", flat=True))
    claim = next(c for c in w.claims if c.pk not in attached)
    return client.post(f"/api/claims/{claim.pk}/fact-checks/", {"fact_check": fc.pk}, format="json")


# (URL name, method) -> how to call it. Each must be a real write when allowed.
API_WRITES: dict[tuple[str, str], Callable[[APIClient, World], Any]] = {
    ("claim-verdict", "POST"): post_verdict,
    ("article-import", "POST"): post_import,
    ("claim-assign", "POST"): post_assign,
    ("claim-publish", "POST"): post_publish,
    ("claim-publish", "DELETE"): delete_publish,
    ("claim-relations", "POST"): post_relation,
    ("claim-fact-checks", "POST"): post_fact_check,
    ("claim-relation-detail", "DELETE"): delete_nested_relation,
    ("relation-detail", "DELETE"): delete_relation,
}
# The token endpoint is the login itself: anyone may POST credentials, any logged-in user may
# DELETE (revoke) their own token. Tested on its own below.
API_TOKEN = {("auth-token", "POST"), ("auth-token", "DELETE")}


def test_every_api_write_endpoint_is_in_the_matrix():
    assert api_write_endpoints() == set(API_WRITES) | API_TOKEN


# --- API: the callers ------------------------------------------------------------------------


@dataclass
class Caller:
    client: APIClient
    user: User | None


def token_client(user: User) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def session_client(user: User, *, csrf: bool) -> APIClient:
    """A browser: session cookie, and CSRF checked as in production."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    client.get(reverse("admin:index"))  # sets the csrftoken cookie, as any admin page does
    if csrf:
        client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    return client


@pytest.fixture
def plain_user(db) -> User:
    return User.objects.create_user("plain", password="pw-plain-123")


def make_caller(role: str, request: pytest.FixtureRequest) -> Caller:
    if role == "anonymous":
        return Caller(APIClient(), None)
    fixture = {
        "plain user token": "plain_user",
        "staff non-editor token": "staff_reader",
        "editor token": "editor",
        "editor session": "editor",
        "editor session without CSRF token": "editor",
        "superuser token": "superuser",
    }[role]
    user = request.getfixturevalue(fixture)
    if role.startswith("editor session"):
        return Caller(session_client(user, csrf="without" not in role), user)
    return Caller(token_client(user), user)


API_ROLES = {
    "anonymous": 401,
    "plain user token": 403,
    "staff non-editor token": 403,
    "editor session without CSRF token": 403,
    "editor token": None,  # allowed
    "editor session": None,
    "superuser token": None,
}


@pytest.mark.parametrize("endpoint", list(API_WRITES), ids="{0[0]} {0[1]}".format)
@pytest.mark.parametrize("role", list(API_ROLES))
def test_api_write_matrix(endpoint, role, request, editor):
    world = build_world()
    caller = make_caller(role, request)
    call = API_WRITES[endpoint]
    prepare(endpoint, world)  # the row to delete exists before the snapshot
    before = snapshot()
    response = call(caller.client, world)
    refused = API_ROLES[role]
    if refused is None:
        assert response.status_code in (200, 201, 204), (role, response.status_code, response.data)
        assert snapshot() != before
    else:
        assert response.status_code == refused, (role, response.status_code)
        if refused == 401:
            assert response["WWW-Authenticate"] == "Token"
        assert snapshot() == before


@pytest.mark.parametrize("role", [r for r in API_ROLES if r != "anonymous"])
def test_token_delete_revokes_only_the_callers_token(role, request, superuser):
    caller = make_caller(role, request)
    bystander = Token.objects.get_or_create(user=superuser)[0].key
    if caller.user == superuser:
        bystander = None
    Token.objects.get_or_create(user=caller.user)
    response = caller.client.delete("/api/auth/token/")
    if "without CSRF" in role:
        assert response.status_code == 403
        assert Token.objects.filter(user=caller.user).exists()
        return
    assert response.status_code == 204
    assert not Token.objects.filter(user=caller.user).exists()
    if bystander:
        assert Token.objects.filter(key=bystander).exists()


def test_token_delete_anonymous_is_401():
    assert APIClient().delete("/api/auth/token/").status_code == 401


def test_token_post_gives_tokens_only_to_active_users_with_the_password(editor):
    client = APIClient()
    good = {"username": "editor", "password": "pw-editor-123"}
    assert client.post("/api/auth/token/", good).status_code == 200
    assert client.post("/api/auth/token/", {**good, "password": "nope"}).status_code == 400
    editor.is_active = False
    editor.save()
    assert client.post("/api/auth/token/", good).status_code == 400


# --- Tokens: revocation and what a token is worth --------------------------------------------


@pytest.mark.parametrize("endpoint", list(API_WRITES), ids="{0[0]} {0[1]}".format)
def test_revoked_token_is_401_on_every_write(endpoint, editor):
    world = build_world()
    client = token_client(editor)
    assert client.delete("/api/auth/token/").status_code == 204
    prepare(endpoint, world)
    before = snapshot()
    response = API_WRITES[endpoint](client, world)
    assert response.status_code == 401
    assert snapshot() == before
    assert client.get("/api/claims/").status_code == 401  # a bad token is never anonymous


def test_token_revoked_in_the_admin_is_401(client: Client, editor, superuser):
    world = build_world()
    api = token_client(editor)
    assert post_verdict(api, world).status_code == 201
    client.force_login(superuser)
    # The per-token delete page: the changelist's bulk delete cannot select TokenProxy rows
    # (their checkbox value is the user id, the queryset filters on the key).
    url = reverse("admin:authtoken_tokenproxy_delete", args=[editor.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Token.objects.filter(user=editor).exists()
    assert post_verdict(api, world).status_code == 401


def test_token_of_a_deactivated_user_is_401(editor):
    world = build_world()
    api = token_client(editor)
    editor.is_active = False
    editor.save()
    assert post_verdict(api, world).status_code == 401


def test_token_of_someone_removed_from_editors_is_403_at_once(editor):
    world = build_world()
    api = token_client(editor)
    assert post_verdict(api, world).status_code == 201
    editor.groups.remove(Group.objects.get(name="Editors"))
    assert post_verdict(api, world).status_code == 403


@pytest.mark.parametrize(
    "header",
    ["Bearer {key}", "Token", "Token {key} extra", "Token {key}x", "token{key}", "Basic {key}"],
)
def test_malformed_authorization_never_authenticates(header, editor):
    world = build_world()
    key = Token.objects.create(user=editor).key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header.format(key=key))
    before = snapshot()
    assert post_verdict(client, world).status_code in (401, 403)
    assert snapshot() == before


# --- Throttling ------------------------------------------------------------------------------


@pytest.fixture
def tight_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"writes": "2/min", "token_auth": "3/min"},
    }


@pytest.mark.parametrize("endpoint", list(API_WRITES), ids="{0[0]} {0[1]}".format)
def test_every_write_endpoint_is_throttled_per_user(endpoint, tight_rates, editor, superuser):
    world = build_world()
    prepare(endpoint, world)
    client = token_client(editor)
    codes = []
    for _ in range(3):
        ClaimRelation.objects.all().delete()  # each call can succeed on its own
        codes.append(API_WRITES[endpoint](client, world).status_code)
    assert codes[:2] != [429, 429] and codes[2] == 429, codes
    # Another editor has their own allowance; reads are never throttled.
    ClaimRelation.objects.all().delete()
    assert API_WRITES[endpoint](token_client(superuser), world).status_code in (200, 201, 204)
    assert client.get("/api/claims/").status_code == 200


def test_token_auth_is_throttled_per_client_whatever_the_username(tight_rates, editor):
    client = APIClient()
    attempts = [
        client.post("/api/auth/token/", {"username": name, "password": "guess"}).status_code
        for name in ["editor", "root", "admin"]
    ]
    assert attempts == [400, 400, 400]
    # Over the limit even the right password is refused: guessing cannot go on.
    right = client.post("/api/auth/token/", {"username": "editor", "password": "pw-editor-123"})
    assert right.status_code == 429
    assert "Retry-After" in right
    # Another address is counted separately.
    other = APIClient(REMOTE_ADDR="192.0.2.7")
    ok = other.post("/api/auth/token/", {"username": "editor", "password": "pw-editor-123"})
    assert ok.status_code == 200


def test_token_revocation_shares_the_token_auth_throttle(tight_rates, editor):
    client = token_client(editor)
    codes = [client.delete("/api/auth/token/").status_code for _ in range(4)]
    assert codes[0] == 204 and codes[-1] in (401, 429)


# --- Admin: the write views and actions ------------------------------------------------------

CLAIMS_MODELS = [
    "article",
    "claim",
    "actor",
    "event",
    "review",
    "evidence",
    "claimrelation",
    "feed",
    "factcheck",
]
DEFAULT_VIEWS = {"changelist", "add", "history", "delete", "change"}


def admin_actions() -> set[tuple[str, str]]:
    found = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label == "claims":
            for _, name, _ in model_admin._get_base_actions():
                found.add((model._meta.model_name, name))
    return found


def admin_custom_views() -> set[str]:
    found = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "claims":
            continue
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            name = getattr(pattern, "name", None)
            if name and name.removeprefix(prefix) not in DEFAULT_VIEWS:
                found.add(name)
    return found


def registered_claims_models() -> set[str]:
    return {m._meta.model_name for m in admin.site._registry if m._meta.app_label == "claims"}


@pytest.fixture
def objects(editor, superuser) -> dict[str, Any]:
    world = build_world()
    give_verdict(
        world.met,
        verdict="corroborated",
        editor=editor,
        evidence=[{"url": "https://example.org/given-with-verdict", "stance": "supports"}],
    )
    free = Evidence.objects.create(claim=world.quote, url="https://example.org/free")
    relation = ClaimRelation.objects.create(
        from_claim=world.quote, to_claim=world.rain, relation="duplicates"
    )
    return {
        "world": world,
        "article": world.lisbon_article,  # nothing reviewed: deletable by a superuser
        "claim": world.rain,
        "actor": world.kremlin,
        "event": world.marathon,
        "review": Review.objects.get(),
        "evidence": free,
        "reviewed evidence": Evidence.objects.get(review__isnull=False),
        "claimrelation": relation,
        # Loopback: polling it is refused at once (CLAIMTRACKER_ALLOW_PRIVATE_URLS is off).
        "feed": Feed.objects.create(url="http://127.0.0.1:9/feed.xml"),
        "factcheck": a_fact_check(),
        "other actor": world.lavrov,
        "related claim": world.quote,
    }


def do_action(client: Client, o: dict, model: str, action: str, pks: list[int] | None = None):
    data = {
        "action": action,
        ACTION_CHECKBOX_NAME: pks or [o[model].pk],
        "index": 0,
        "post": "yes",  # confirm deletions
    }
    if action == "publish_selected":  # met has a verdict: a real write
        data[ACTION_CHECKBOX_NAME] = [o["world"].met.pk]
    if action == "assign_to":
        data.update(apply="1", assignee=User.objects.get(username="editor").pk)
    if action == "merge_actors":
        data[ACTION_CHECKBOX_NAME] = [o["actor"].pk, o["other actor"].pk]
        data.update(apply="1", keep=o["other actor"].pk)
    return client.post(reverse(f"admin:claims_{model}_changelist"), data)


def do_view(client: Client, o: dict, name: str):
    w: World = o["world"]
    if name == "claims_article_import":
        return client.post(reverse("admin:" + name), {"text": "Title: T\n\nOne claim is here."})
    if name == "claims_article_reimport":
        return client.post(reverse("admin:" + name, args=[w.riyadh_article.pk]))
    if name == "claims_claim_relate":
        data = {"to_claim": w.sanctions.pk, "relation": "contradicts"}
        return client.post(reverse("admin:" + name, args=[w.met.pk]), data)
    if name == "claims_claim_unrelate":
        data = {"relation_id": o["claimrelation"].pk}
        return client.post(reverse("admin:" + name, args=[w.quote.pk]), data)
    if name == "claims_claim_split":
        return client.post(reverse("admin:" + name, args=[w.met.pk]), {"at_custom": 10})
    if name == "claims_claim_merge":
        return client.post(reverse("admin:" + name, args=[w.quote.pk]))
    if name == "claims_claim_attach_fact_check":
        data = {"fact_check": o["factcheck"].pk}
        return client.post(reverse("admin:" + name, args=[w.met.pk]), data)
    if name == "claims_factcheck_import":
        document = '{"@type": "ClaimReview", "url": "https://x.example/1", "claimReviewed": "X"}'
        upload = SimpleUploadedFile("one.jsonld", document.encode())
        return client.post(reverse("admin:" + name), {"files": [upload]})
    if name == "claims_claim_publish":  # met has a verdict (the objects fixture)
        return client.post(reverse("admin:" + name, args=[w.met.pk]), {"action": "publish"})
    raise AssertionError(f"no request for admin view {name}")


def do_default(client: Client, o: dict, view: str, model: str):
    if view == "add":
        return client.post(reverse(f"admin:claims_{model}_add"), {})
    if view == "change":
        return client.post(reverse(f"admin:claims_{model}_change", args=[o[model].pk]), {})
    return client.post(reverse(f"admin:claims_{model}_delete", args=[o[model].pk]), {"post": "yes"})


# What an editor and a superuser may do; everyone else is refused everything.
EDITOR_ACTIONS = {
    ("article", "reimport_articles"),
    *(("claim", f"set_{v}") for v in ["unverified", "corroborated", "contradicted", "mixed"]),
    ("claim", "set_unverifiable"),
    ("claim", "assign_to"),
    ("claim", "publish_selected"),
    ("claim", "unpublish_selected"),
    ("actor", "merge_actors"),
    ("event", "confirm_events"),
    ("event", "dismiss_events"),
    ("evidence", "delete_selected"),  # evidence not given with a verdict
    ("claimrelation", "delete_selected"),
    ("feed", "poll_now"),
    ("feed", "delete_selected"),  # unfollowing a feed: its articles stay
    ("factcheck", "delete_selected"),  # imported data; evidence attached from it stays
}
SUPERUSER_ACTIONS = EDITOR_ACTIONS | {
    ("article", "delete_selected"),
    ("claim", "delete_selected"),
    ("actor", "delete_selected"),
    ("event", "delete_selected"),
}  # nobody deletes reviews, not even a superuser
ADMIN_VIEWS = {
    "claims_article_import",
    "claims_article_reimport",
    "claims_claim_relate",
    "claims_claim_unrelate",
    "claims_claim_split",
    "claims_claim_merge",
    "claims_claim_attach_fact_check",
    "claims_factcheck_import",
    "claims_claim_publish",
}
EDITOR_DEFAULTS = (
    {("add", m) for m in ["article", "claim", "actor", "event", "evidence", "claimrelation"]}
    | {("change", m) for m in ["article", "claim", "actor", "event", "evidence"]}
    | {
        ("delete", "evidence"),
        ("delete", "claimrelation"),
    }
    | {(view, "feed") for view in ["add", "change", "delete"]}
    | {("change", "factcheck"), ("delete", "factcheck")}  # change: read-only, nothing saved
)
SUPERUSER_DEFAULTS = {
    (view, model)
    for view in ["add", "change", "delete"]
    for model in CLAIMS_MODELS
    if model != "review"
} - {("add", "factcheck")}  # fact-checks are imported, never typed in
ALL_ACTIONS = SUPERUSER_ACTIONS | {("review", "delete_selected")}
ALL_DEFAULTS = {(v, m) for v in ["add", "change", "delete"] for m in CLAIMS_MODELS}


def test_every_admin_action_and_view_is_in_the_matrix():
    assert registered_claims_models() == set(CLAIMS_MODELS)
    assert admin_actions() == ALL_ACTIONS
    assert admin_custom_views() == ADMIN_VIEWS


ADMIN_TARGETS = (
    [("action", m, a) for m, a in sorted(ALL_ACTIONS)]
    + [("view", "", name) for name in sorted(ADMIN_VIEWS)]
    + [("default", m, v) for v, m in sorted(ALL_DEFAULTS)]
)


def perform(client: Client, o: dict, target: tuple[str, str, str]):
    kind, model, name = target
    if kind == "action":
        return do_action(client, o, model, name)
    if kind == "view":
        return do_view(client, o, name)
    return do_default(client, o, name, model)


def allowed(role: str, target: tuple[str, str, str]) -> bool:
    kind, model, name = target
    if kind == "view":
        return role in ("editor", "superuser")
    actions, defaults = {
        "editor": (EDITOR_ACTIONS, EDITOR_DEFAULTS),
        "superuser": (SUPERUSER_ACTIONS, SUPERUSER_DEFAULTS),
    }.get(role, (set(), set()))
    return (model, name) in actions if kind == "action" else (name, model) in defaults


@pytest.fixture
def outsider(db) -> User:
    """Has the editor permissions but is not staff: the admin is closed to them."""
    user = User.objects.create_user("outsider", password="pw-outsider-1")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def target_id(target: tuple[str, str, str]) -> str:
    return " ".join(part for part in target if part)


@pytest.mark.parametrize("target", ADMIN_TARGETS, ids=target_id)
def test_admin_matrix(target, objects, outsider, staff_reader, editor, superuser):
    """Anonymous and non-staff go to the login page, staff outside Editors get 403, and
    nothing changes; editors and superusers get what the tables say. Each caller's request
    runs in a savepoint rolled back afterwards, so all five see the same data."""
    callers: dict[str, User | None] = {
        "anonymous": None,
        "outsider": outsider,
        "staff reader": staff_reader,
        "editor": editor,
        "superuser": superuser,
    }
    for role, user in callers.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        with transaction.atomic():
            before = snapshot()
            response = perform(client, objects, target)
            code = response.status_code
            if role in ("anonymous", "outsider"):
                assert code == 302 and "/admin/login/" in response["Location"], (role, code)
            elif allowed(role, target):
                assert code in (200, 302), (role, code)
                assert code == 200 or "/admin/login/" not in response["Location"], role
            else:
                assert code == 403, (role, code)
            if not allowed(role, target):
                assert snapshot() == before, f"{role} was refused but something changed"
            transaction.set_rollback(True)


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_evidence_given_with_a_verdict_cannot_be_changed_or_deleted(role, objects, request):
    """It is part of the verdict history: not through its page, nor the bulk delete."""
    client = Client()
    client.force_login(request.getfixturevalue(role))
    given = objects["reviewed evidence"]
    before = snapshot()
    change = client.post(reverse("admin:claims_evidence_change", args=[given.pk]), {"url": ""})
    assert change.status_code == 403
    delete = client.post(reverse("admin:claims_evidence_delete", args=[given.pk]), {"post": "yes"})
    assert delete.status_code == 403
    # The bulk delete's confirmation page says it cannot; confirming anyway is refused.
    page = client.post(
        reverse("admin:claims_evidence_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [given.pk], "index": 0},
    )
    assert page.status_code == 200 and "Cannot delete evidence" in page.content.decode()
    bulk = do_action(client, objects, "evidence", "delete_selected", pks=[given.pk])
    assert bulk.status_code == 403
    assert snapshot() == before
