"""Read-replica routing: which database alias each operation uses.

The "replica" alias points at the test database itself (what ``"TEST": {"MIRROR":
"default"}`` does when ``DATABASE_REPLICA_URL`` is set), so the assertions are about routing,
made with ``queryset.db``, the router's methods and the queries each connection ran.
"""

from __future__ import annotations

import copy
import os
import re
import socket
import subprocess
import sys

import pytest
from django.contrib.auth.models import User
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from claims.devtools.db_probe import HEADER
from claims.models import Actor, Claim
from claimtracker import replica_health
from claimtracker.routers import PIN_COOKIE, REPLICA, ReplicaRouter, replica_reads, use_primary

# Real queries on both connections, so rows must be committed; and outside a test's
# transaction, as the router keeps reads inside a transaction on the primary.
on_both = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", REPLICA]
)


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """A "replica" alias on the test database, as settings makes one from
    DATABASE_REPLICA_URL (a test mirror of default), unless the run already has it."""
    added = REPLICA not in connections
    if added:
        default = connections["default"].settings_dict
        mirror = copy.deepcopy(default)
        mirror["TEST"] = {**default.get("TEST", {}), "MIRROR": "default"}
        connections.settings[REPLICA] = mirror
    yield
    if added:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


@pytest.fixture
def replica(settings):
    replica_health.reset()  # a process-wide memory of the last check
    settings.DATABASE_ROUTERS = ["claimtracker.routers.ReplicaRouter"]
    settings.MIDDLEWARE = ["claimtracker.routers.ReplicaMiddleware", *settings.MIDDLEWARE]


def claims_queries(captured: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if "claims_" in q["sql"]]


@on_both
def test_reads_outside_a_request_use_the_primary(replica):
    # Management commands, the importer, tasks: no request marked them, so no stale reads.
    assert Claim.objects.all().db == "default"


@on_both
def test_claims_reads_go_to_the_replica_when_allowed(replica):
    with replica_reads():
        assert Claim.objects.all().db == REPLICA
        assert Actor.objects.filter(kind="person").db == REPLICA
        # Authentication and the task queue always read the primary.
        assert User.objects.all().db == "default"
        assert DBTaskResult.objects.all().db == "default"
        with use_primary():
            assert Claim.objects.all().db == "default"
        with transaction.atomic():
            # Read-modify-write inside a transaction must see the primary's rows.
            assert Claim.objects.all().db == "default"


@on_both
def test_writes_and_migrations_go_to_the_primary(replica, article):
    with replica_reads():
        assert router.db_for_write(Claim) == "default"
        claim = Claim.objects.create(
            article=article, position=0, text=article.body[:15], start=0, end=15
        )
    assert claim._state.db == "default"
    assert router.allow_migrate("default", "claims") is True
    assert router.allow_migrate(REPLICA, "claims") is False
    assert router.allow_migrate(REPLICA, "auth") is False


def test_related_objects_come_from_their_parents_database():
    claim = Claim(pk=1)
    claim._state.db = REPLICA
    assert ReplicaRouter().db_for_read(Actor, instance=claim) == REPLICA
    claim._state.db = "default"
    with replica_reads():
        assert ReplicaRouter().db_for_read(Actor, instance=claim) == "default"
    assert ReplicaRouter().allow_relation(claim, Actor(pk=1)) is True


@pytest.fixture
def captured(replica):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as secondary,
    ):
        yield primary, secondary


@on_both
def test_api_get_reads_the_replica(client, claims, captured, reader):
    client.force_login(reader)  # the desk: every claim, published or not
    primary, secondary = captured
    response = client.get("/api/claims/", {"verdict": "unverified"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3
    assert claims_queries(secondary)
    assert claims_queries(primary) == []


@on_both
def test_streamed_csv_reads_the_replica_while_streaming(client, claims, captured, reader):
    client.force_login(reader)  # the desk: every claim, published or not
    primary, secondary = captured
    response = client.get("/api/claims/", {"format": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert claims[0].text.encode() in body
    assert claims_queries(secondary)
    assert claims_queries(primary) == []


@on_both
def test_post_reads_and_writes_the_primary_then_pins_the_client(client, claims, editor, captured):
    primary, secondary = captured
    client.force_login(editor)
    claim = claims[0]
    response = client.post(
        f"/api/claims/{claim.pk}/verdict/",
        {"verdict": "contradicted", "version": claim.version},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert claims_queries(secondary) == []
    assert claims_queries(primary)
    assert PIN_COOKIE in response.cookies
    # The editor's next read must show the verdict: it stays on the primary for a while.
    secondary.initial_queries = len(secondary.connection.queries_log)
    response = client.get(f"/api/claims/{claim.pk}/")
    assert response.json()["verdict"] == "contradicted"
    assert claims_queries(secondary) == []


@on_both
def test_expired_pin_reads_the_replica_again(client, claims, captured):
    primary, secondary = captured
    client.cookies[PIN_COOKIE] = "1"  # long past
    assert client.get("/api/claims/").status_code == 200
    assert claims_queries(secondary)
    assert claims_queries(primary) == []


@on_both
def test_admin_reads_the_primary(client, claims, superuser, captured):
    primary, secondary = captured
    client.force_login(superuser)
    response = client.get("/admin/claims/claim/", {"verdict__exact": "unverified"})
    assert response.status_code == 200
    assert claims_queries(secondary) == []
    assert claims_queries(primary)


def _settings(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_REPLICA_URL"}}
    clean.update(env, DEBUG="1", DJANGO_SETTINGS_MODULE="claimtracker.settings")
    code = (
        "from claimtracker import settings as s; "
        "print(sorted(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', []), s.MIDDLEWARE[0], "
        "s.DATABASES.get('replica', {}).get('TEST'), s.DATABASES.get('replica', {}).get('HOST'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_settings_route_only_when_a_replica_url_is_set():
    assert _settings() == ("['default'] [] django.middleware.security.SecurityMiddleware None None")
    assert _settings(DATABASE_REPLICA_URL="postgres://u@standby.example.org:5432/claims") == (
        "['default', 'replica'] ['claimtracker.routers.ReplicaRouter'] "
        "claimtracker.routers.ReplicaMiddleware {'MIRROR': 'default'} standby.example.org"
    )


# --- A replica that is down or behind: reads fall back to the primary -----------------------


@pytest.fixture
def check_every_request(settings):
    settings.REPLICA_CHECK_SECONDS = 0


@on_both
def test_the_lag_query_runs_on_the_replica_connection(replica):
    # The mirror is no hot standby (and SQLite has no WAL to replay): nothing to wait for.
    assert replica_health.replica_lag() == 0.0
    assert replica_health.probe() == (True, "")


@on_both
def test_a_replica_behind_the_bound_leaves_reads_on_the_primary(
    client, claims, captured, check_every_request, settings, monkeypatch, caplog, reader
):
    client.force_login(reader)  # the desk: every claim, published or not
    primary, secondary = captured
    settings.REPLICA_MAX_LAG_SECONDS = 3
    monkeypatch.setattr(replica_health, "replica_lag", lambda: 3.5)
    response = client.get("/api/claims/", {"verdict": "unverified"})
    assert len(response.json()["results"]) == 3
    assert claims_queries(secondary) == []
    assert claims_queries(primary)
    assert "3.5 s behind the primary" in caplog.text
    # Caught up: the next check sends reads back to the replica.
    monkeypatch.setattr(replica_health, "replica_lag", lambda: 0.2)
    primary.initial_queries = len(primary.connection.queries_log)
    assert client.get("/api/claims/").status_code == 200
    assert claims_queries(secondary)
    assert claims_queries(primary) == []


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def replica_down(replica):
    """The replica alias pointed at a server that is not there (a port nobody listens on; for
    SQLite a file in a directory that does not exist)."""
    saved = connections.settings[REPLICA]
    broken = copy.deepcopy(connections[REPLICA].settings_dict)
    if broken["ENGINE"].endswith("sqlite3"):
        broken["NAME"] = "/nonexistent-claimtracker-dir/replica.sqlite3"
    else:
        broken["HOST"], broken["PORT"] = "127.0.0.1", str(_closed_port())
    _swap_replica(broken)
    yield
    _swap_replica(saved)


def _swap_replica(settings_dict: dict) -> None:
    connections[REPLICA].close()
    del connections[REPLICA]
    connections.settings[REPLICA] = settings_dict


@on_both
def test_a_replica_that_is_down_leaves_reads_on_the_primary(
    client, claims, check_every_request, replica_down, caplog, reader
):
    client.force_login(reader)  # the desk: every claim, published or not
    with CaptureQueriesContext(connections["default"]) as primary:
        response = client.get("/api/claims/", {"verdict": "unverified"})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 3
    assert claims_queries(primary)
    assert "read replica not used (unreachable" in caplog.text


@on_both
def test_a_replica_failing_mid_request_is_retried_on_the_primary(
    client, claims, replica, settings, caplog, reader
):
    client.force_login(reader)  # the desk: every claim, published or not
    # The last check said "usable" and is still fresh, then the replica went away: the
    # request's read fails on it, the request runs again on the primary.
    settings.REPLICA_CHECK_SECONDS = 3600
    assert replica_health.replica_usable()
    saved = connections.settings[REPLICA]
    broken = copy.deepcopy(connections[REPLICA].settings_dict)
    broken["NAME"] = "/nonexistent-claimtracker-dir/replica.sqlite3"
    if not broken["ENGINE"].endswith("sqlite3"):
        broken["HOST"], broken["PORT"] = "127.0.0.1", str(_closed_port())
    _swap_replica(broken)
    try:
        with CaptureQueriesContext(connections["default"]) as primary:
            response = client.get(f"/api/claims/{claims[1].pk}/")
    finally:
        _swap_replica(saved)
    assert response.status_code == 200
    assert response.json()["speaker"]["name"] == "Marco Rubio"
    assert claims_queries(primary)
    assert "the request ran again on the primary" in caplog.text
    assert not replica_health.replica_usable()  # skipped until the next check


@on_both
def test_writes_are_never_retried(client, claims, editor, replica_down):
    # A POST never reads the replica, so a replica that is down changes nothing for it.
    client.force_login(editor)
    response = client.post(
        f"/api/claims/{claims[0].pk}/verdict/",
        {"verdict": "mixed", "version": claims[0].version},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Claim.objects.get(pk=claims[0].pk).reviews.count() == 1


@on_both
def test_the_drill_header_names_the_database_that_answered(client, claims, replica, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "claims.devtools.db_probe.DatabaseProbeMiddleware"]
    expected = "n/a" if connections["default"].vendor == "sqlite" else "false"  # no standby
    response = client.get("/api/claims/")
    assert re.fullmatch(rf"replica queries=\d+ in_recovery={expected}", response[HEADER])
    response = client.get("/admin/login/")
    assert response[HEADER] == "none"
