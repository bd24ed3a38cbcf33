"""Fill the database with realistic synthetic data, fast, for load tests.

    python manage.py generate_data --articles 20000 --claims 1000000 --actors 5000 \\
        --events 2000 --reviews 100000 --relations 20000 --seed 1 --truncate

PostgreSQL: rows stream in with ``COPY``; with ``--truncate`` (or when adding at least as many
claims as there are) the big tables' secondary indexes and foreign keys are dropped first and
rebuilt after the load — all in one transaction, so a failure leaves the database as it was,
and rebuilding the foreign keys re-validates every reference. Other databases (SQLite): the
same rows through ``bulk_create``, limited to small sizes.

What the data looks like: ``claims/datagen.py`` and bench/README.md ("Data set").
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import os
import queue
import threading
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count, Max

from claims import datagen
from claims.models import Actor, ActorAlias, Claim, ClaimRelation

# bulk_create is ~50x slower than COPY; beyond this a SQLite run would take many minutes.
ORM_MAX_CLAIMS = 100_000
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


class Command(BaseCommand):
    help = "Generate realistic synthetic articles, claims, actors, events, reviews, relations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=200)
        parser.add_argument("--claims", type=int, default=5000)
        parser.add_argument("--actors", type=int, default=300, help="new actors to create")
        parser.add_argument("--events", type=int, default=100)
        parser.add_argument("--reviews", type=int, default=500)
        parser.add_argument("--relations", type=int, default=200)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--truncate",
            action="store_true",
            help="empty every claims table first (reloading the gazetteer actors, as a fresh "
            "migrate would); without it, rows are added to what is there",
        )
        parser.add_argument("--batch-articles", type=int, default=500, help=argparse_hidden())

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = datagen.Sizes(
            articles=options["articles"],
            claims=options["claims"],
            actors=options["actors"],
            events=options["events"],
            reviews=options["reviews"],
            relations=options["relations"],
        )
        for name in ("articles", "claims", "actors", "events", "reviews", "relations"):
            if getattr(sizes, name) < 0:
                raise CommandError(f"--{name} must be zero or more")
        if sizes.claims and not sizes.articles:
            raise CommandError("claims need articles: give --articles 1 or more")
        alias = DEFAULT_DB_ALIAS  # the gazetteer reload writes where the router says: default
        connection = connections[alias]
        postgres = connection.vendor == "postgresql"
        if not postgres:
            if sizes.claims > ORM_MAX_CLAIMS:
                raise CommandError(
                    f"{connection.vendor} has no COPY: generate_data uses bulk_create there and "
                    f"allows at most {ORM_MAX_CLAIMS:,} claims. Use PostgreSQL "
                    "(DATABASE_URL=postgres://…) for large data sets."
                )
            self.stderr.write(
                self.style.WARNING(
                    f"{connection.vendor}: no COPY, falling back to bulk_create (slow; "
                    "PostgreSQL is the database for large data sets)"
                )
            )
        datagen.check_columns()
        timings = datagen.Timings()
        started = time.perf_counter()
        cpu_started = time.process_time()
        backend = _backend_cpu(connection) if postgres else None
        with transaction.atomic(using=alias):
            if options["truncate"]:
                self._truncate(connection, timings)
            start = self._start(alias)
            if sizes.actors == 0 and not start.existing_actors:
                raise CommandError("there are no actors: give --actors 1 or more")
            # Drop-and-rebuild pays off once the load at least doubles the claims.
            bulk = postgres and (options["truncate"] or start.ids["claims_claim"] <= sizes.claims)
            saved: dict[str, list[tuple[str, str]]] = {}
            if postgres:
                writer: Any = datagen.PostgresCopyWriter(
                    connection, timings, freeze=options["truncate"]
                )
                with connection.cursor() as cursor:
                    # Index builds sort in memory; the load commits once, so no fsync waits.
                    cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
                    cursor.execute("SET LOCAL synchronous_commit = off")
                    # Foreground GIN pending-list merges sort in work_mem.
                    cursor.execute("SET LOCAL work_mem = '256MB'")
                    # lz4 compresses article bodies ~10x faster than the default pglz.
                    cursor.execute(
                        "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
                        "WHERE name = 'default_toast_compression'"
                    )
                    if cursor.fetchone()[0]:
                        cursor.execute("SET LOCAL default_toast_compression = 'lz4'")
                if bulk:
                    saved = self._drop_secondary(connection)
            else:
                writer = datagen.OrmWriter(timings)
            generator = datagen.Generator(sizes, start, seed=options["seed"])
            self._load(generator, writer, timings, options["batch_articles"])
            if postgres:
                self._rebuild(connection, saved, timings)
            self._reset_sequences(connection, timings)
            if postgres:
                took = time.perf_counter()
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE " + ", ".join(datagen.COLUMNS))
                timings.add("all tables", "analyze", time.perf_counter() - took)
        total = time.perf_counter() - started
        self._report(timings, total, postgres)
        # CPU seconds barely depend on what else the machine runs, unlike the wall time.
        cpu = f"CPU: Python {time.process_time() - cpu_started:.1f} s"
        if backend is not None and (used := _backend_cpu(connection, backend.pid)):
            cpu += f", database backend {used.seconds - backend.seconds:.1f} s"
            cpu += " (parallel index-build workers not counted)"
        self.stdout.write(cpu)
        self._hints(alias)

    # -- steps -----------------------------------------------------------------------------

    def _truncate(self, connection: Any, timings: datagen.Timings) -> None:
        took = time.perf_counter()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # TRUNCATE refuses while deferred foreign-key checks are pending (earlier
                # writes in the same transaction): run them now, then defer again.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"TRUNCATE {', '.join(datagen.COLUMNS)} RESTART IDENTITY")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            else:
                for table in reversed(datagen.TABLE_ORDER):
                    cursor.execute(f"DELETE FROM {table}")
        # The gazetteer actors come back, so the database is as a fresh migrate leaves it;
        # the migration's loader is reused so the two can never disagree.
        gazetteer = importlib.import_module("claims.migrations.0004_gazetteer")
        from django.apps import apps

        gazetteer.load(apps, None)
        timings.add("all tables", "truncate", time.perf_counter() - took)

    def _start(self, alias: str) -> datagen.Start:
        from django.contrib.auth.models import Group, User

        models = datagen._models_by_table()
        ids = {
            table: (model.objects.using(alias).aggregate(m=Max("id"))["m"] or 0) + 1
            for table, model in models.items()
        }
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
        actors = Actor.objects.using(alias)
        taken = set(actors.values_list("normalized_name", flat=True))
        taken |= set(ActorAlias.objects.using(alias).values_list("normalized", flat=True))
        return datagen.Start(
            ids=ids,
            existing_actors=list(actors.order_by("pk").values_list("pk", "name", "kind")),
            taken_names=frozenset(taken),
            taken_wikidata=frozenset(
                actors.exclude(wikidata_id="").values_list("wikidata_id", flat=True)
            ),
            editor_ids=editors,
        )

    def _load(
        self,
        generator: datagen.Generator,
        writer: Any,
        timings: datagen.Timings,
        batch_articles: int,
    ) -> None:
        """Generate in a thread while this one writes: the database parses, checks and
        indexes one batch (on the other core) while Python builds the next."""
        batches: queue.Queue[datagen.Batch | BaseException | None] = queue.Queue(maxsize=2)
        stop = threading.Event()

        def produce() -> None:
            try:
                batches.put(self._timed(timings, generator.actors))
                batches.put(self._timed(timings, generator.events))
                articles = generator.articles(batch_articles=batch_articles)
                while not stop.is_set():
                    batch = self._timed(timings, lambda: next(articles, None))
                    if batch is None:
                        break
                    batches.put(batch)
                batches.put(self._timed(timings, generator.relations))
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

    @staticmethod
    def _timed(timings: datagen.Timings, step: Any) -> Any:
        took = time.perf_counter()
        value = step()
        timings.add("all tables", "generate (Python)", time.perf_counter() - took)
        return value

    def _drop_secondary(self, connection: Any) -> dict[str, list[tuple[str, str]]]:
        """Drop the big tables' foreign keys and non-constraint indexes; returns
        {table: [(kind, SQL to recreate)]} for ``_rebuild``."""
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
                for name, _ in fks:
                    cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
                for name, _ in indexes:
                    cursor.execute(f'DROP INDEX "{name}"')
                saved[table] = [("index", sql) for _, sql in indexes] + [
                    ("foreign key", f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
                    for name, definition in fks
                ]
        return saved

    def _rebuild(
        self,
        connection: Any,
        saved: dict[str, list[tuple[str, str]]],
        timings: datagen.Timings,
    ) -> None:
        with connection.cursor() as cursor:
            # Rows COPY added to a GIN index wait in its pending list, which every search
            # scans linearly until (auto)vacuum merges it: merge now.
            took = time.perf_counter()
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
                "WHERE am.amname = 'gin' AND i.indrelid = ANY(%s::regclass[])",
                [list(datagen.COLUMNS)],
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

    def _reset_sequences(self, connection: Any, timings: datagen.Timings) -> None:
        """Point every id sequence past the ids COPY wrote (setval over
        pg_get_serial_sequence; nothing to do on SQLite)."""
        took = time.perf_counter()
        statements = connection.ops.sequence_reset_sql(
            no_style(), list(datagen._models_by_table().values())
        )
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        timings.add("all tables", "reset sequences", time.perf_counter() - took)

    # -- output ----------------------------------------------------------------------------

    def _report(self, timings: datagen.Timings, total: float, postgres: bool) -> None:
        write_step = "copy" if postgres else "write"
        self.stdout.write(f"{'table':<28} {'rows':>10} {'step':<18} {'seconds':>8} {'rows/s':>11}")
        for (table, step), seconds in sorted(
            timings.seconds.items(), key=lambda item: (item[0][0] == "all tables", item[0])
        ):
            rows = timings.rows.get(table, 0)
            rate = f"{rows / seconds:,.0f}" if step == write_step and seconds > 0 else ""
            shown = f"{rows:,}" if step == write_step else ""
            self.stdout.write(f"{table:<28} {shown:>10} {step:<18} {seconds:8.2f} {rate:>11}")
        claims = timings.rows["claims_claim"]
        rate = f" ({claims / total:,.0f} claims/s end to end)" if total > 0 else ""
        # Python generation overlaps the writes (a thread), so the steps add up to more.
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        self.stdout.write(self.style.SUCCESS(f"done in {total:.1f} s{rate}; load {load}"))

    def _hints(self, alias: str) -> None:
        """What a benchmark needs to know about this data set: frequent actors, a claim with
        relations, how often the documented search terms occur."""
        claims = Claim.objects.using(alias)
        through = Claim.actors.through.objects.using(alias)
        top = list(
            through.values("actor_id").annotate(n=Count("id")).order_by("-n", "actor_id")[:3]
        )
        names = dict(
            Actor.objects.using(alias)
            .filter(pk__in=[t["actor_id"] for t in top])
            .values_list("pk", "name")
        )
        for row in top:
            self.stdout.write(
                f"frequent actor: id={row['actor_id']} {names[row['actor_id']]!r} "
                f"mentioned in {row['n']:,} claims"
            )
        speaker = (
            claims.exclude(speaker=None)
            .values("speaker_id")
            .annotate(n=Count("id"))
            .order_by("-n", "speaker_id")
            .first()
        )
        if speaker:
            self.stdout.write(
                f"most frequent speaker: id={speaker['speaker_id']} ({speaker['n']:,} claims)"
            )
        related = (
            ClaimRelation.objects.using(alias)
            .values("from_claim_id")
            .annotate(n=Count("id"))
            .order_by("-n", "from_claim_id")
            .first()
        )
        if related:
            self.stdout.write(
                f"claim with relations: id={related['from_claim_id']} ({related['n']} outgoing)"
            )
        total = claims.count()
        for label, term in (("common", datagen.COMMON_TERM), ("rare", datagen.RARE_TERM)):
            n = claims.search(term).count()
            share = f"{100 * n / total:.3f} %" if total else "-"
            self.stdout.write(f"search term ({label}): {term!r} in {n:,} claims ({share})")


@dataclasses.dataclass
class _Cpu:
    pid: int
    seconds: float


def _backend_cpu(connection: Any, pid: int | None = None) -> _Cpu | None:
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
    return _Cpu(pid, ticks / os.sysconf("SC_CLK_TCK"))


def argparse_hidden() -> str:
    import argparse

    return argparse.SUPPRESS
