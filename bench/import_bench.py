#!/usr/bin/env python
"""Import throughput benchmark: N synthetic articles through the whole importer.

    python bench/import_bench.py --articles 2000 --database-url postgres://postgres@127.0.0.1:5432/x

Each run gets a fresh throwaway database (PostgreSQL: ``claimtracker_bench``, or
``--bench-db``, on the given server, dropped and re-created — never the database named in
the URL; SQLite: a temporary file), migrated, then the same N files are imported as
``manage.py import_articles`` would (files → formats → pipeline → service, one batch).
Reported: articles/s, claims/s, and the share of time in parsing vs database writes; the
median of ``--runs`` runs (default 3).

``--stub-pipeline`` swaps the text pipeline for a regex splitter to measure the database
side alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "claimtracker_bench"

# --- Synthetic articles ----------------------------------------------------------------------

PEOPLE = [
    ("Donald Trump", "US President"),
    ("Vladimir Putin", "Russian President"),
    ("Marco Rubio", "Secretary of State"),
    ("Sergei Lavrov", "Russian Foreign Minister"),
    ("Volodymyr Zelenskyy", "Ukrainian President"),
    ("Emmanuel Macron", "French President"),
    ("Keir Starmer", "British Prime Minister"),
    ("Steve Witkoff", "special envoy"),
    ("Kirill Dmitriev", "head of the Russian Direct Investment Fund"),
    ("Scott Bessent", "Treasury Secretary"),
    ("Mike Waltz", "National Security Adviser"),
    ("Xi Jinping", "Chinese President"),
]
# Generated people, one surname each (as in real news, where a surname usually means one
# person): the importer creates them as they first appear.
_FIRST_NAMES = (
    "Anna Boris Clara David Elena Farid Greta Hugo Irina Jonas Katya Luis Maria Nikolai Olga "
    "Pavel Quentin Rosa Stefan Tamara Umar Vera Wiktor Yana Zoran"
)
_SURNAMES = (
    "Petrova Novak Keller Moreau Haddad Lindqvist Rossi Kowalski Ivanenko Sato Brandt Okafor "
    "Varga Dimitrov Costa Nielsen Horvat Yilmaz Fischer Laurent Castillo Bergstrom Mancini "
    "Sokolova Tanaka Kovacs Ferreira Jansen Popescu Marchetti Weber Duarte Lindgren Hashemi "
    "Bianchi Nowak Romero Schulz Andersen Petrovic"
)
FIRST, LAST = _FIRST_NAMES.split(), _SURNAMES.split()
GENERATED = [f"{FIRST[i % len(FIRST)]} {last}" for i, last in enumerate(LAST)]
ROLES = ["an economist", "a senior diplomat", "a defence analyst", "an energy trader", "a senator"]
COUNTRIES = ["Russia", "Ukraine", "China", "Germany", "France", "Poland", "Hungary", "Iran"]
ORGS = ["Rosneft", "Lukoil", "Gazprom", "NATO", "the European Union", "the IMF", "Goldman Sachs"]
CITIES = ["Riyadh", "Budapest", "Istanbul", "Geneva", "Warsaw", "Brussels", "Kyiv", "Moscow"]
THINGS = ["tanks", "drones", "artillery shells", "barrels of oil", "tonnes of grain", "troops"]
MONTHS = [dt.date(2025, m, 1).strftime("%B") for m in range(1, 13)]
QUOTES = [
    "We want the war to end",
    "Nobody will accept these terms",
    "The sanctions are working",
    "This is a historic opportunity",
    "The talks were constructive",
    "We will not give up our territory",
]


def _date(rng: random.Random) -> str:
    day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
    return f"{day:%B} {day.day}, {day.year}"


def _person(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.6:
        return rng.choice(PEOPLE)
    return rng.choice(GENERATED), rng.choice(ROLES)


def _generated_sentence(rng: random.Random) -> str:
    name, role = _person(rng)
    other, _ = _person(rng)
    n = rng.randrange(2, 900)
    pick = rng.randrange(7)
    if pick == 0:
        return (
            f"{name}, {role}, said on {_date(rng)} that {rng.choice(COUNTRIES)} "
            f"would send {n} {rng.choice(THINGS)} to the front."
        )
    if pick == 1:
        return f"“{rng.choice(QUOTES)},” {name} told reporters in {rng.choice(CITIES)}."
    if pick == 2:
        return (
            f"{rng.choice(COUNTRIES)}’s economy grew {n / 100:.1f}% in {rng.choice(MONTHS)} "
            f"2025, according to {rng.choice(ORGS)}."
        )
    if pick == 3:
        return f"{name} met {other} in {rng.choice(CITIES)} on {_date(rng)}."
    if pick == 4:
        return (
            f"Sanctions on {rng.choice(ORGS)} have cost {rng.choice(COUNTRIES)} "
            f"${n} billion since {rng.randrange(2014, 2025)}."
        )
    if pick == 5:
        return (
            f"{rng.choice(ORGS)} reported a {n % 60}% drop in exports to "
            f"{rng.choice(COUNTRIES)} in {rng.choice(MONTHS)}."
        )
    return f"According to {name}, {n} people were evacuated from {rng.choice(CITIES)} last week."


def seed_sentences() -> list[str]:
    """Real news sentences from seeds/: the pipeline's work on them is representative."""
    sentences = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            for s in re.findall(r"[A-Z“][^.!?]*[.!?][”]?", para):
                if 40 <= len(s) <= 300:
                    sentences.append(s.strip())
    return sentences


def make_articles(n: int, directory: Path, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    material = seed_sentences()
    paths = []
    for i in range(n):
        paragraphs = []
        for _ in range(8):
            para = [
                rng.choice(material)
                if material and rng.random() < 0.4
                else _generated_sentence(rng)
                for _ in range(3)
            ]
            paragraphs.append(" ".join(para))
        day = dt.date(2025, 1, 1) + dt.timedelta(days=i % 300)
        text = (
            f"Title: Synthetic report {i}: {rng.choice(COUNTRIES)} and {rng.choice(ORGS)}\n"
            f"URL: https://bench.example.org/{i}\n"
            f"Published: {day.isoformat()}\n"
            f"Publisher: Bench Wire\n"
            f"\n" + "\n\n".join(paragraphs) + "\n"
        )
        path = directory / f"{i:05}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# --- Database set-up -------------------------------------------------------------------------


def bench_url(url: str | None, name: str = BENCH_DB) -> tuple[str, str | None]:
    """(URL of the throwaway database, admin URL to create/drop it with, or None: SQLite)."""
    if not url or url.startswith("sqlite"):
        path = Path(tempfile.mkdtemp(prefix="ct-bench-")) / "bench.sqlite3"
        return f"sqlite:///{path}", None
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit(f"unsupported database URL: {url}")
    if parts.path == f"/{name}":
        raise SystemExit(f"the throwaway database must not be the one in the URL: {name}")
    bench = urlunsplit(parts._replace(path=f"/{name}"))
    admin = urlunsplit(parts._replace(path="/postgres", scheme="postgresql"))
    return bench, admin


def recreate_pg(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_pg(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- A stand-in pipeline for --stub-pipeline -------------------------------------------------


def install_stub_pipeline() -> None:
    from claims.extract.types import ActorMention, DateMention, ParsedArticle, ParsedClaim
    from claims.importer import parsing

    names = {name: role for name, role in PEOPLE}
    name_re = re.compile("|".join(re.escape(n) for n in names))
    date_re = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})")
    sentence_re = re.compile(r"[^\s][^\n]*?[.!?][”]?(?=\s|$)")

    def parse(text, *, hints, known_actors):
        body = text.strip("\n")
        claims = []
        for index, para in enumerate(re.finditer(r"[^\n]+", body)):
            for m in sentence_re.finditer(para.group(0)):
                s = m.group(0)
                start = para.start() + m.start()
                mentions = [
                    ActorMention(
                        x.group(0), x.start(), x.end(), x.group(0), "person", names[x.group(0)]
                    )
                    for x in name_re.finditer(s)
                ]
                dates = [
                    DateMention(
                        d.group(0),
                        d.start(),
                        d.end(),
                        dt.date(int(d.group(3)), MONTHS.index(d.group(1)) + 1, int(d.group(2))),
                        "day",
                    )
                    for d in date_re.finditer(s)
                ]
                claims.append(
                    ParsedClaim(
                        text=s,
                        start=start,
                        end=start + len(s),
                        paragraph=index,
                        mentions=mentions,
                        dates=dates,
                        check_worthiness=0.5,
                    )
                )
        return ParsedArticle(title=hints.title or "", body=body, claims=claims)

    parsing.parse_here = parse


# --- Running ---------------------------------------------------------------------------------


def _backend_cpu(pid: int | None) -> float:
    """CPU seconds used so far by a PostgreSQL backend on this machine (0 if unreadable)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def run_once(files: list[Path], jobs: int) -> dict:
    import resource

    from django.core.management import call_command
    from django.db import connection

    from claims.importer.service import import_paths

    call_command("migrate", verbosity=0)
    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
    cpu_main = time.process_time()
    cpu_workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_pg = _backend_cpu(backend)
    started = time.perf_counter()
    # As manage.py import_articles runs a batch.
    results = import_paths(files, jobs=jobs, durable=False)
    seconds = time.perf_counter() - started
    cpu_main = time.process_time() - cpu_main
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers have exited by now
    cpu_workers = (children.ru_utime + children.ru_stime) - (
        cpu_workers.ru_utime + cpu_workers.ru_stime
    )
    cpu_pg = _backend_cpu(backend) - cpu_pg
    failed = [r for r in results if r.status == "failed"]
    claims = sum(r.claim_count for r in results if r.status == "created")
    parse = sum(r.parse_seconds for r in results)
    db = sum(r.db_seconds for r in results)
    again_started = time.perf_counter()
    again = import_paths(files, jobs=jobs, durable=False)
    again_seconds = time.perf_counter() - again_started
    assert all(r.status == "unchanged" for r in again), "re-import was not unchanged"
    connection.close()
    # What the same work would take on an idle machine: the main process and its database
    # backend take turns (a serial chain), and all CPU work shares the cores.
    cores = os.cpu_count() or 1
    idle_seconds = max(cpu_main + cpu_pg, (cpu_main + cpu_pg + cpu_workers) / cores)
    return {
        "articles": len(results) - len(failed),
        "failed": len(failed),
        "first_failure": f"{failed[0].source_name}: {failed[0].error}" if failed else "",
        "claims": claims,
        "seconds": seconds,
        "articles_per_s": (len(results) - len(failed)) / seconds,
        "claims_per_s": claims / seconds,
        # Parsing may run in several workers at once, so the shares are of the work done,
        # not of the wall time.
        "parse_seconds": parse,
        "db_seconds": db,
        "parse_share": parse / (parse + db),
        "db_share": db / (parse + db),
        "cpu_main_seconds": cpu_main,
        "cpu_workers_seconds": cpu_workers,
        "cpu_postgres_seconds": cpu_pg,
        "idle_claims_per_s": claims / idle_seconds if idle_seconds else 0.0,
        "load_average": os.getloadavg()[0],
        "reimport_articles_per_s": len(again) / again_seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="server to benchmark on (default: $DATABASE_URL, else SQLite in a temp file)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(4, os.cpu_count() or 1),
        help="parsing worker processes, as import_articles --jobs (default: CPUs, at most 4)",
    )
    parser.add_argument(
        "--bench-db",
        default=BENCH_DB,
        help=f"throwaway PostgreSQL database, dropped and re-created (default: {BENCH_DB}); "
        "one per person when several benchmark on one server",
    )
    parser.add_argument("--stub-pipeline", action="store_true", help="database side only")
    parser.add_argument("--json", action="store_true", help="print the medians as JSON")
    args = parser.parse_args()

    url, admin_url = bench_url(args.database_url, args.bench_db)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")  # dev secret key; DEBUG's query log is off below
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")
    sys.path.insert(0, str(ROOT))
    if admin_url:
        recreate_pg(admin_url, args.bench_db)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = False  # the query log would skew a write benchmark
    if args.stub_pipeline:
        install_stub_pipeline()

    runs = []
    with tempfile.TemporaryDirectory(prefix="ct-bench-articles-") as tmp:
        files = make_articles(args.articles, Path(tmp))
        for i in range(args.runs):
            if i:  # a fresh database for every run
                connection.close()
                if admin_url:
                    recreate_pg(admin_url, args.bench_db)
                else:
                    Path(url.removeprefix("sqlite:///")).unlink()
            run = run_once(files, args.jobs)
            runs.append(run)
            print(
                f"run {i + 1}: {run['articles']} articles, {run['claims']} claims in "
                f"{run['seconds']:.1f} s = {run['articles_per_s']:.0f} articles/s, "
                f"{run['claims_per_s']:.0f} claims/s (parse {run['parse_share']:.0%}, "
                f"database {run['db_share']:.0%}); re-import "
                f"{run['reimport_articles_per_s']:.0f} articles/s; idle-machine estimate "
                f"{run['idle_claims_per_s']:.0f} claims/s (load {run['load_average']:.1f})"
                + (
                    f"; {run['failed']} failed, e.g. {run['first_failure']}"
                    if run["failed"]
                    else ""
                ),
                file=sys.stderr,
            )
    connection.close()
    if admin_url:
        drop_pg(admin_url, args.bench_db)

    median = {
        key: statistics.median(r[key] for r in runs)
        for key in runs[0]
        if isinstance(runs[0][key], int | float)
    }
    backend = "PostgreSQL" if admin_url else "SQLite"
    if args.json:
        print(json.dumps({"backend": backend, "runs": runs, "median": median}, indent=2))
        return
    print(
        f"{backend}, {args.articles} articles, --jobs {args.jobs}, median of {len(runs)} runs"
        f"{' (stub pipeline)' if args.stub_pipeline else ''} on {platform.machine()} "
        f"with {os.cpu_count()} CPUs:\n"
        f"  {median['claims']:.0f} claims, {median['seconds']:.1f} s\n"
        f"  {median['articles_per_s']:.0f} articles/s, {median['claims_per_s']:.0f} claims/s\n"
        f"  work: parsing {median['parse_share']:.0%} ({median['parse_seconds']:.1f} s over "
        f"{args.jobs if args.jobs > 1 else 1} process(es)), database writes "
        f"{median['db_share']:.0%} ({median['db_seconds']:.1f} s)\n"
        f"  CPU: importer {median['cpu_main_seconds']:.1f} s, parsing workers "
        f"{median['cpu_workers_seconds']:.1f} s, PostgreSQL backend "
        f"{median['cpu_postgres_seconds']:.1f} s -> on an idle machine about "
        f"{median['idle_claims_per_s']:.0f} claims/s (load average during runs "
        f"{median['load_average']:.1f})\n"
        f"  re-import (all unchanged): {median['reimport_articles_per_s']:.0f} articles/s"
    )


if __name__ == "__main__":
    main()
