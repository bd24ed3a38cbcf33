"""SQLite, the embedded default: two writers at once queue for the write lock instead of
one failing with "database is locked" (a 500 schemathesis found with two concurrent API
writers). Every write in claimtracker runs in a transaction that reads first (set_verdict
reads the claim, then updates it); a DEFERRED transaction then has to upgrade its read
lock to a write lock while the other writer holds one, which SQLite refuses rather than
waits for. ``BEGIN IMMEDIATE`` (settings: OPTIONS["transaction_mode"]) takes the write lock
at the start, where the busy timeout makes the second writer wait."""

from __future__ import annotations

import copy
import threading
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's locking; PostgreSQL has row locks"
)


def file_database(path: str, alias: str) -> DatabaseWrapper:
    """A connection to ``path`` configured exactly as the project's SQLite database (the
    test database is in memory, where locking works differently), with a short timeout."""
    config = copy.deepcopy(connections.settings[DEFAULT_DB_ALIAS])
    config["NAME"] = path
    config["OPTIONS"]["timeout"] = 3
    return DatabaseWrapper(config, alias=alias)


def read_then_write(db: DatabaseWrapper, started: threading.Event | None) -> None:
    # What transaction.atomic does on SQLite: BEGIN (in the configured mode), then the work.
    db.ensure_connection()
    db._start_transaction_under_autocommit()
    try:
        with db.cursor() as cursor:
            cursor.execute("SELECT n FROM counter")
            (n,) = cursor.fetchone()
            cursor.execute("UPDATE counter SET n = %s", [n + 1])
        if started is not None:
            started.set()
            time.sleep(0.3)  # the other writer begins while this one holds its lock
        with db.cursor() as cursor:
            cursor.execute("COMMIT")
    except BaseException:
        with db.cursor() as cursor:
            cursor.execute("ROLLBACK")
        raise
    finally:
        db.close()


@pytest.fixture
def unblocked(django_db_blocker):
    # Our own database files, not the test database: pytest-django's guard does not apply.
    with django_db_blocker.unblock():
        yield


def test_two_writers_queue_instead_of_failing(tmp_path, unblocked):
    path = str(tmp_path / "writers.sqlite3")
    setup = file_database(path, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE counter (n integer)")
        cursor.execute("INSERT INTO counter VALUES (0)")
    setup.close()

    first_holds_lock = threading.Event()
    errors: list[BaseException] = []

    def run(alias: str, started: threading.Event | None) -> None:
        try:
            if started is None:
                assert first_holds_lock.wait(5)
            read_then_write(file_database(path, alias), started)
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=("first", first_holds_lock)),
        threading.Thread(target=run, args=("second", None)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert errors == []
    check = file_database(path, "check")
    with check.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone() == (2,)  # both increments, none lost
    check.close()
