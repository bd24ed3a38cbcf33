#!/usr/bin/env python
"""CPU per request: what each endpoint costs the app worker and its PostgreSQL backend.

    .venv/bin/python bench/cpu_per_request.py \\
        --database-url postgres://postgres@127.0.0.1:5432/claimtracker_bench_1m \\
        --requests 300 --rounds 5 --only api-verdict,related

wrk's requests/s on this shared 2-core machine follow the other processes' load more than
the code. This measures what the capacity ratio of ``bench/http_load.py`` estimates, without
the noise: one gunicorn sync worker (the same production settings and data as
``http_load.py``), requests one at a time over one keep-alive connection, and the CPU
seconds (user + system, ``/proc/<pid>/stat``) of the worker process and of the PostgreSQL
backend serving its persistent connection before and after each batch. Other processes'
load does not enter a process's own CPU time. Rounds interleave the endpoints; the report
gives each endpoint's median ms of CPU per request (app + database) and the capacity ratio
to its plain ``.values()`` baseline (baseline CPU ÷ endpoint CPU: the share of the
baseline's requests/s the endpoint can serve on the same cores).

``--env NAME=VALUE`` (repeatable) sets extra server settings, to compare configurations
(e.g. ``--env DATABASE_SERVER_SIDE_BINDING=1``) in the same data set.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from http_load import HOST, Endpoint, data_facts, endpoint_list, gunicorn, server_env

TICKS = os.sysconf("SC_CLK_TCK")


def main() -> int:
    args = parse_args()
    env = server_env(args)
    # One backend for the whole run: CONN_MAX_AGE is a connection's lifetime, and at 60 s the
    # worker would reconnect mid-run (a new backend pid). The reconnect is amortised over
    # thousands of requests either way.
    env["CONN_MAX_AGE"] = "3600"
    for pair in args.env:
        name, _, value = pair.partition("=")
        env[name] = value
    facts = data_facts(env)
    endpoints = endpoint_list(facts, "", args.only)
    endpoints = [e for e in endpoints if not e.cookie]  # the admin needs a session: not here
    needed = {e.baseline for e in endpoints} | set(args.only.split(","))
    endpoints = [e for e in endpoints if e.name in needed]  # plain-actor costs ~90 ms
    print(f"# {facts['claims']:,} claims; extra env {args.env or 'none'}", flush=True)
    results: dict[str, list[tuple[float, float]]] = {e.name: [] for e in endpoints}
    with gunicorn(env, args) as server:
        worker = worker_pid(server.pid)
        connection = http.client.HTTPConnection(HOST, args.port, timeout=60)
        for endpoint in endpoints:  # warm: imports, plans, caches, the persistent connection
            batch(connection, endpoint, 20)
        backend = backend_pid(args.database_url)
        for round_no in range(1, args.rounds + 1):
            for endpoint in endpoints:
                app0, db0 = cpu_seconds(worker), cpu_seconds(backend)
                batch(connection, endpoint, args.requests)
                app = (cpu_seconds(worker) - app0) / args.requests * 1000
                db = (cpu_seconds(backend) - db0) / args.requests * 1000
                results[endpoint.name].append((app, db))
                print(f"round {round_no} {endpoint.name:<14} app {app:6.2f} ms db {db:6.2f} ms")
    print(report(endpoints, results))
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--requests", type=int, default=300, help="per endpoint per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="api-verdict", help="comma-separated endpoint names")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server")
    args = parser.parse_args()
    args.workers, args.worker_class, args.threads = 1, "sync", 1
    if urlsplit(args.database_url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("the bench database must be on 127.0.0.1")
    if not 1 <= args.requests <= 5000 or not 1 <= args.rounds <= 15:
        parser.error("--requests must be 1-5000 and --rounds 1-15: the bench stays bounded")
    return args


def batch(connection: http.client.HTTPConnection, endpoint: Endpoint, count: int) -> None:
    for _ in range(count):
        connection.request("GET", endpoint.path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{endpoint.name}: HTTP {response.status}")


def worker_pid(master: int) -> int:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if len(children) == 1:
            return int(children[0])
        time.sleep(0.2)
    raise SystemExit("expected exactly one gunicorn worker")


def backend_pid(database_url: str) -> int:
    """The one client backend connected to the bench database other than this query's."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        ).fetchall()
    if len(rows) != 1:
        raise SystemExit(f"expected one backend on the bench database, found {len(rows)}")
    return rows[0][0]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def report(endpoints: list[Endpoint], results: dict[str, list[tuple[float, float]]]) -> str:
    total = {name: statistics.median(a + d for a, d in runs) for name, runs in results.items()}
    lines = [
        "",
        "| endpoint | app ms | db ms | total ms | capacity ratio to its baseline |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for endpoint in endpoints:
        runs = results[endpoint.name]
        app = statistics.median(a for a, _ in runs)
        db = statistics.median(d for _, d in runs)
        base = total.get(endpoint.baseline or "")
        ratio = f"{base / total[endpoint.name]:.2f}" if base else ""
        lines.append(
            f"| {endpoint.name} | {app:.2f} | {db:.2f} | {total[endpoint.name]:.2f} | {ratio} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
