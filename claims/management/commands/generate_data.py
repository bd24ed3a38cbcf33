"""Fill the database with realistic synthetic data, fast, for load tests.

    python manage.py generate_data --articles 20000 --claims 1000000 --actors 5000 \\
        --events 2000 --reviews 100000 --relations 20000 --seed 1 --truncate

PostgreSQL: rows stream in with ``COPY``; with ``--truncate`` (or when adding at least as many
claims as there are) the big tables' secondary indexes and foreign keys are dropped first and
rebuilt after the load — all in one transaction, so a failure leaves the database as it was,
and rebuilding the foreign keys re-validates every reference. Other databases (SQLite): the
same rows through ``bulk_create``, limited to small sizes.

What the data looks like: ``claims/devtools/datagen/`` and bench/README.md ("Data set").
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count

from claims.devtools import datagen
from claims.devtools.datagen import load
from claims.matching import frequencies
from claims.models import Actor, Claim, ClaimRelation

# bulk_create is ~50x slower than COPY; beyond this a SQLite run would take many minutes.
ORM_MAX_CLAIMS = 100_000
SIZE_OPTIONS = ("articles", "claims", "actors", "events", "reviews", "relations")


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
        parser.add_argument("--batch-articles", type=int, default=500, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = datagen.Sizes(**{name: options[name] for name in SIZE_OPTIONS})
        for name in SIZE_OPTIONS:
            if getattr(sizes, name) < 0:
                raise CommandError(f"--{name} must be zero or more")
        if sizes.claims and not sizes.articles:
            raise CommandError("claims need articles: give --articles 1 or more")
        alias = DEFAULT_DB_ALIAS  # the gazetteer reload writes where the router says: default
        connection = connections[alias]
        postgres = connection.vendor == "postgresql"
        if not postgres:
            self._check_orm_size(connection, sizes)
        datagen.check_columns()
        timings = datagen.Timings()
        started = time.perf_counter()
        cpu_started = time.process_time()
        backend = load.backend_cpu(connection) if postgres else None
        with transaction.atomic(using=alias):
            self._generate(connection, alias, sizes, timings, options)
        total = time.perf_counter() - started
        self._report(timings, total, postgres)
        # CPU seconds barely depend on what else the machine runs, unlike the wall time.
        cpu = f"CPU: Python {time.process_time() - cpu_started:.1f} s"
        if backend is not None and (used := load.backend_cpu(connection, backend.pid)):
            cpu += f", database backend {used.seconds - backend.seconds:.1f} s"
            cpu += " (parallel index-build workers not counted)"
        self.stdout.write(cpu)
        # Related-claim matching weighs words by how many claims contain them; COPY bypassed
        # the importer that keeps those counts, so recount (about a minute per million).
        counted = time.perf_counter()
        frequencies.rebuild()
        self.stdout.write(
            f"word counts (WordCount) rebuilt in {time.perf_counter() - counted:.1f} s"
        )
        self._hints(alias)

    def _check_orm_size(self, connection: Any, sizes: datagen.Sizes) -> None:
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

    def _generate(
        self,
        connection: Any,
        alias: str,
        sizes: datagen.Sizes,
        timings: datagen.Timings,
        options: dict[str, Any],
    ) -> None:
        """The whole load, inside the caller's transaction."""
        postgres = connection.vendor == "postgresql"
        if options["truncate"]:
            load.truncate(connection, timings)
        start = load.start(alias)
        if sizes.actors == 0 and not start.existing_actors:
            raise CommandError("there are no actors: give --actors 1 or more")
        # Drop-and-rebuild pays off once the load at least doubles the claims.
        bulk = postgres and (options["truncate"] or start.ids["claims_claim"] <= sizes.claims)
        saved: dict[str, list[tuple[str, str]]] = {}
        if postgres:
            writer: Any = datagen.PostgresCopyWriter(
                connection, timings, freeze=options["truncate"]
            )
            load.tune_session(connection)
            if bulk:
                saved = load.drop_secondary(connection)
        else:
            writer = datagen.OrmWriter(timings)
        generator = datagen.Generator(sizes, start, seed=options["seed"])
        if postgres:
            with load.claim_lists(connection, start.ids["claims_claim"], timings):
                load.load(generator, writer, timings, options["batch_articles"])
                load.rebuild(connection, saved, timings)
                # Before the lists are written: without statistics on the fresh tables the
                # planner reads all events for each claim (over 10 minutes at 1M claims, 22 s
                # with them).
                load.analyze(connection, timings)
        else:
            load.load(generator, writer, timings, options["batch_articles"])
        load.reset_sequences(connection, timings)

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
