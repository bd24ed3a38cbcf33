"""The database side of ``generate_data``: where ids start, emptying the tables, a
generator thread feeding the writer, and (PostgreSQL) dropping the big tables' secondary
indexes and foreign keys for the load and rebuilding them after."""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.color import no_style
from django.db.models import Max

from claims.devtools.datagen.generator import Generator
from claims.devtools.datagen.shapes import Batch, Start
from claims.devtools.datagen.tables import COLUMNS, TABLE_ORDER, models_by_table
from claims.devtools.datagen.writers import Timings
from claims.models import Actor, ActorAlias

# Tables big enough that dropping their secondary indexes and foreign keys for the load and
# rebuilding them after is faster than maintaining them row by row.
BULK_TABLES = (
    "claims_article",
    "claims_claim",
    "claims_claim_actors",
    "claims_claim_events",
    "claims_review",
    "claims_evidence",
    "claims_claimrelation",
)
EDITORS = 8

T = TypeVar("T")


def truncate(connection: Any, timings: Timings) -> None:
    """Empty every claims table and reload the gazetteer actors, as a fresh migrate leaves it."""
    took = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = [*_referencing_tables(), *COLUMNS]
            with _no_pending_checks(cursor):
                cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY")
        else:
            for table in [*_referencing_tables(), *reversed(TABLE_ORDER)]:
                cursor.execute(f"DELETE FROM {table}")
    # The migration's loader is reused so the two can never disagree.
    gazetteer = importlib.import_module("claims.migrations.0004_gazetteer")
    from django.apps import apps

    gazetteer.load(apps, None)
    timings.add("all tables", "truncate", time.perf_counter() - took)


def _referencing_tables() -> list[str]:
    """Tables the generator does not fill whose rows point at rows it replaces (a feed's
    entries name their imported articles): emptied with them, or the truncate would fail on
    their foreign keys. (Counters without a constraint, kept by triggers, are left to them.)"""
    from django.apps import apps

    generated = set(COLUMNS)
    found: list[str] = []
    for model in apps.get_app_config("claims").get_models():
        table = model._meta.db_table
        points_in = any(
            field.related_model is not None and field.related_model._meta.db_table in generated
            for field in model._meta.concrete_fields
            if (field.many_to_one or field.one_to_one) and field.db_constraint
        )
        if table not in generated and points_in:
            found.append(table)
    return found


def start(alias: str) -> Start:
    """First free ids, the actors already stored, and the generated editors' ids."""
    ids = {
        table: (model.objects.using(alias).aggregate(m=Max("id"))["m"] or 0) + 1
        for table, model in models_by_table().items()
    }
    actors = Actor.objects.using(alias)
    taken = set(actors.values_list("normalized_name", flat=True))
    taken |= set(ActorAlias.objects.using(alias).values_list("normalized", flat=True))
    return Start(
        ids=ids,
        existing_actors=list(actors.order_by("pk").values_list("pk", "name", "kind")),
        taken_names=frozenset(taken),
        taken_wikidata=frozenset(
            actors.exclude(wikidata_id="").values_list("wikidata_id", flat=True)
        ),
        editor_ids=_editors(alias),
    )


def _editors(alias: str) -> list[int]:
    from django.contrib.auth.models import Group, User

    editors = []
    group = Group.objects.using(alias).filter(name="Editors").first()
    for i in range(1, EDITORS + 1):
        user, created = User.objects.using(alias).get_or_create(
            username=f"datagen-editor-{i}", defaults={"is_staff": True}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            if group:
                user.groups.add(group)
        editors.append(user.pk)
    return editors


def tune_session(connection: Any) -> None:
    """PostgreSQL settings for this load's transaction only."""
    with connection.cursor() as cursor:
        # Index builds sort in memory; the load commits once, so no fsync waits.
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        cursor.execute("SET LOCAL synchronous_commit = off")
        # Foreground GIN pending-list merges sort in work_mem.
        cursor.execute("SET LOCAL work_mem = '256MB'")
        # lz4 compresses article bodies ~10x faster than the default pglz.
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL default_toast_compression = 'lz4'")


def load(generator: Generator, writer: Any, timings: Timings, batch_articles: int) -> None:
    """Generate in a thread while this one writes: the database parses, checks and
    indexes one batch (on the other core) while Python builds the next."""
    batches: queue.Queue[Batch | BaseException | None] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def produce() -> None:
        try:
            batches.put(_timed(timings, generator.actors))
            batches.put(_timed(timings, generator.events))
            articles = generator.articles(batch_articles=batch_articles)
            while not stop.is_set():
                batch = _timed(timings, lambda: next(articles, None))
                if batch is None:
                    break
                batches.put(batch)
            batches.put(_timed(timings, generator.relations))
            batches.put(None)
        except BaseException as exc:  # handed to the writer, which re-raises it
            batches.put(exc)

    producer = threading.Thread(target=produce, name="generate_data", daemon=True)
    producer.start()
    try:
        while (item := batches.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            writer.write(item)
    finally:
        stop.set()
        while producer.is_alive():  # unblock a producer waiting on a full queue
            with contextlib.suppress(queue.Empty):
                batches.get_nowait()
            producer.join(0.05)


def _timed(timings: Timings, step: Callable[[], T]) -> T:
    took = time.perf_counter()
    value = step()
    timings.add("all tables", "generate (Python)", time.perf_counter() - took)
    return value


def drop_secondary(connection: Any) -> dict[str, list[tuple[str, str]]]:
    """Drop the big tables' foreign keys and non-constraint indexes; returns
    {table: [(kind, SQL to recreate)]} for ``rebuild``."""
    saved: dict[str, list[tuple[str, str]]] = {}
    with connection.cursor() as cursor:
        for table in BULK_TABLES:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
                [table],
            )
            fks = cursor.fetchall()
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid) "
                "ORDER BY i.relname",
                [table],
            )
            # GIN (full-text) indexes stay: their cost is to_tsvector per row, serial in
            # PostgreSQL 15's index build; maintained during COPY it runs in the
            # database backend while Python generates the next batch, on the other core.
            indexes = [(n, sql) for n, sql in cursor.fetchall() if " USING gin " not in sql]
            with _no_pending_checks(cursor):
                for name, _ in fks:
                    cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
            saved[table] = [("index", sql) for _, sql in indexes] + [
                ("foreign key", f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                for name, definition in fks
            ]
    return saved


def rebuild(connection: Any, saved: dict[str, list[tuple[str, str]]], timings: Timings) -> None:
    """Merge the GIN pending lists, then recreate what ``drop_secondary`` dropped."""
    with connection.cursor() as cursor:
        # Rows COPY added to a GIN index wait in its pending list, which every search
        # scans linearly until (auto)vacuum merges it: merge now.
        took = time.perf_counter()
        cursor.execute(
            "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
            "WHERE am.amname = 'gin' AND i.indrelid = ANY(%s::regclass[])",
            [list(COLUMNS)],
        )
        timings.add("claims_claim", "full-text index", time.perf_counter() - took)
        for table, statements in saved.items():
            for kind, sql in statements:
                took = time.perf_counter()
                cursor.execute(sql)
                step = (
                    "full-text index"
                    if "to_tsvector" in sql
                    else {"index": "indexes"}.get(kind, "foreign keys")
                )
                timings.add(table, step, time.perf_counter() - took)


# The triggers that keep claims_claim_lists (migration 0013) as links change.
LIST_TRIGGERS = tuple(
    (table, f"{table}_lists_{op}")
    for table in ("claims_claim_actors", "claims_claim_events")
    for op in ("insert", "update", "delete")
)


@contextlib.contextmanager
def claim_lists(connection: Any, first_claim: int, timings: Timings) -> Iterator[None]:
    """PostgreSQL: the link triggers off for the load (they would refresh each batch's
    claims through link tables whose indexes ``drop_secondary`` dropped), then the lists of
    the claims from ``first_claim`` on written in one statement. In the load's transaction:
    if it fails, the triggers were never off."""
    with connection.cursor() as cursor:
        _alter_triggers(cursor, "DISABLE")
        yield
        _alter_triggers(cursor, "ENABLE")
        took = time.perf_counter()
        cursor.execute(
            "SELECT claims_claim_lists_write(ARRAY("
            "SELECT claim_id FROM claims_claim_actors WHERE claim_id >= %s UNION "
            "SELECT claim_id FROM claims_claim_events WHERE claim_id >= %s))",
            [first_claim, first_claim],
        )
        cursor.execute("ANALYZE claims_claim_lists")
        timings.add("claims_claim", "actor and event lists", time.perf_counter() - took)


def _alter_triggers(cursor: Any, action: str) -> None:
    with _no_pending_checks(cursor):
        for table, trigger in LIST_TRIGGERS:
            cursor.execute(f"ALTER TABLE {table} {action} TRIGGER {trigger}")


@contextlib.contextmanager
def _no_pending_checks(cursor: Any) -> Iterator[None]:
    """TRUNCATE and ALTER TABLE refuse while deferred foreign-key checks are pending (earlier
    writes in the same transaction, as a test's or a caller's): run them now, then defer
    again."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def reset_sequences(connection: Any, timings: Timings) -> None:
    """Point every id sequence past the ids COPY wrote (setval over
    pg_get_serial_sequence; nothing to do on SQLite)."""
    took = time.perf_counter()
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_by_table().values()))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    timings.add("all tables", "reset sequences", time.perf_counter() - took)


def analyze(connection: Any, timings: Timings) -> None:
    took = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(COLUMNS))
    timings.add("all tables", "analyze", time.perf_counter() - took)


@dataclasses.dataclass
class BackendCpu:
    pid: int
    seconds: float


def backend_cpu(connection: Any, pid: int | None = None) -> BackendCpu | None:
    """CPU time of this connection's PostgreSQL backend, when it runs on this machine."""
    if pid is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None  # a remote server, or not Linux
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    return BackendCpu(pid, ticks / os.sysconf("SC_CLK_TCK"))
