#!/usr/bin/env python
"""HTTP load benchmark: gunicorn + wrk against a generated data set, on 127.0.0.1 only.

    .venv/bin/python bench/http_load.py \\
        --database-url postgres://postgres@127.0.0.1:5432/claimtracker_bench_1m \\
        --workers 2 --duration 10 --runs 3

Starts ``gunicorn claimtracker.wsgi`` with production settings (DEBUG off, CONN_MAX_AGE=60,
no HTTPS redirect) plus the baseline views (``CLAIMTRACKER_BENCH_VIEWS=1``), then for each
endpoint runs ``wrk`` for a fixed duration at a fixed number of connections, ``--runs`` times
(rounds interleave the endpoints, so a burst of load elsewhere on the machine hits them
alike), and reports the median requests/s, p50/p95/p99 latency (exact, from wrk's Lua
``done`` hook), non-2xx responses and socket errors, the largest worker RSS seen (``ps``,
sampled through each run), and each endpoint's throughput as a ratio to the plain
``.values()`` baseline. Every endpoint is also timed sequentially (one request at a time:
the service time, without queueing). Everything is bounded: fixed durations, timeouts on
every subprocess, gunicorn stopped at the end. Needs ``wrk`` (``apt-get install -y wrk``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only host this script ever sends a request to
LUA = Path(__file__).resolve().parent / "wrk_report.lua"

# Targets from issue 7 (2 cores, PostgreSQL, 1M claims, 16 connections).
TARGETS = {
    "api-verdict": "≥ 0.8× plain req/s, p99 < 100 ms",
    "api-actor": "≥ 0.8× plain req/s, p99 < 100 ms",
    "api-q-rare": "p95 < 100 ms",
    "api-q-common": "p95 < 100 ms",
    "stats-verdict": "p50 < 50 ms",
    "stats-speaker": "p50 < 50 ms",
    "related": "p95 < 200 ms",
    "admin-list": "< 300 ms server time",
}


@dataclass
class Endpoint:
    name: str
    path: str
    baseline: str | None = None  # the endpoint its req/s is divided by
    cookie: str = ""
    runs: list[dict[str, Any]] = field(default_factory=list)


def main() -> int:
    args = parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk", file=sys.stderr)
        return 2
    db_host = urlsplit(args.database_url).hostname
    if db_host not in ("127.0.0.1", "localhost"):
        print("refusing: the bench database must be on 127.0.0.1", file=sys.stderr)
        return 2
    env = server_env(args)
    facts = data_facts(env)
    cookie = admin_session(env)
    endpoints = endpoint_list(facts, cookie, args.only)
    print(f"# {describe_machine()}", flush=True)
    print(f"# data: {facts['claims']:,} claims; {json.dumps(facts)}", flush=True)
    with gunicorn(env, args) as server:
        base = f"http://{HOST}:{args.port}"
        for endpoint in endpoints:
            check(base, endpoint)
        for endpoint in endpoints:  # warm caches and connections, not recorded
            wrk(base, endpoint, duration=min(3, args.duration), connections=args.connections)
        for round_no in range(1, args.runs + 1):
            for endpoint in endpoints:
                result = wrk(base, endpoint, args.duration, args.connections, server.pid)
                endpoint.runs.append(result)
                print(
                    f"round {round_no} {endpoint.name:<14} {result['rps']:8.1f} req/s "
                    f"p50 {result['p50_ms']:7.1f} ms p99 {result['p99_ms']:7.1f} ms "
                    f"errors {result['non2xx'] + result['socket_errors']} "
                    f"rss {result['max_worker_rss_mb']:.0f} MB",
                    flush=True,
                )
        # Every endpoint one request at a time too: its service time without queueing. At
        # 16 connections on two sync workers, 14 requests wait: latency there is ~8x this.
        sequential = {e.name: sequential_times(base, e, args.sequential) for e in endpoints}
    report = summarize(endpoints, sequential, args, facts)
    print(report)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "args": vars(args) | {"database_url": args.database_url},
                    "machine": describe_machine(),
                    "facts": facts,
                    "endpoints": {e.name: {"path": e.path, "runs": e.runs} for e in endpoints},
                    "sequential": sequential,
                },
                indent=2,
            )
        )
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3, help="runs per endpoint (median)")
    parser.add_argument("--sequential", type=int, default=30, help="one-at-a-time requests")
    parser.add_argument("--only", default="", help="comma-separated endpoint names")
    parser.add_argument("--json", default="", help="also write the raw runs here")
    args = parser.parse_args()
    if not 1 <= args.duration <= 120 or not 1 <= args.runs <= 9:
        parser.error("--duration must be 1-120 s and --runs 1-9: the bench stays bounded")
    return args


def server_env(args: argparse.Namespace) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_REPLICA_URL"}
    env.update(
        DEBUG="0",
        # One per bench run, never a real key: sessions made here die with the run.
        SECRET_KEY="bench-" + secrets.token_urlsafe(48),
        ALLOWED_HOSTS=HOST,
        CONN_MAX_AGE="60",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=args.database_url,
        CLAIMTRACKER_BENCH_VIEWS="1",
        DJANGO_SETTINGS_MODULE="claimtracker.settings",
        PYTHONPATH=str(ROOT),
    )
    return env


def django_script(env: dict[str, str], code: str) -> Any:
    """Run ``code`` with Django set up against the bench database; it prints one JSON."""
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"setup script failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def data_facts(env: dict[str, str]) -> dict[str, Any]:
    """Ids the endpoints need: the most-mentioned actor, a claim with relations."""
    return django_script(
        env,
        """
import json
from django.db.models import Count
from claims.devtools import datagen
from claims.models import Claim, ClaimRelation
through = Claim.actors.through.objects
actor = through.values("actor_id").annotate(n=Count("id")).order_by("-n").first()
rel = (ClaimRelation.objects.values("from_claim_id").annotate(n=Count("id"))
       .order_by("-n", "from_claim_id").first())
print(json.dumps({
    "claims": Claim.objects.count(),
    "actor": actor["actor_id"], "actor_mentions": actor["n"],
    "related_claim": rel["from_claim_id"] if rel else Claim.objects.order_by("pk").first().pk,
    "rare": datagen.RARE_TERM, "common": datagen.COMMON_TERM,
}))
""",
    )


def admin_session(env: dict[str, str]) -> str:
    """A logged-in admin session cookie for the admin benchmark (user ``bench-admin``, no
    usable password: the session is made directly, valid for this run's SECRET_KEY)."""
    value = django_script(
        env,
        """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
user, _ = User.objects.get_or_create(username="bench-admin",
                                     defaults={"is_staff": True, "is_superuser": True})
user.set_unusable_password(); user.save()
store = SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
print(json.dumps(store.session_key))
""",
    )
    return f"sessionid={value}"


def endpoint_list(facts: dict[str, Any], cookie: str, only: str) -> list[Endpoint]:
    actor, claim = facts["actor"], facts["related_claim"]
    endpoints = [
        Endpoint("hello", "/bench/hello/"),
        Endpoint("plain-verdict", "/bench/claims/?verdict=contradicted"),
        Endpoint("plain-actor", f"/bench/claims/?actor={actor}"),
        Endpoint("api-verdict", "/api/claims/?verdict=contradicted", "plain-verdict"),
        Endpoint("api-actor", f"/api/claims/?actor={actor}", "plain-actor"),
        Endpoint("api-q-rare", f"/api/claims/?q={facts['rare']}", "plain-verdict"),
        Endpoint("api-q-common", f"/api/claims/?q={facts['common']}", "plain-verdict"),
        Endpoint("stats-verdict", "/api/stats/?group_by=verdict", "plain-verdict"),
        Endpoint("stats-speaker", "/api/stats/?group_by=speaker", "plain-verdict"),
        Endpoint("related", f"/api/claims/{claim}/related/", "plain-verdict"),
        Endpoint(
            "admin-list",
            "/admin/claims/claim/?verdict__exact=contradicted",
            "plain-verdict",
            cookie=cookie,
        ),
    ]
    if only:
        wanted = set(only.split(",")) | {"plain-verdict", "plain-actor"}
        endpoints = [e for e in endpoints if e.name in wanted]
    return endpoints


class Server:
    def __init__(self, process: subprocess.Popen[bytes]):
        self.process = process
        self.pid = process.pid


@contextlib.contextmanager
def gunicorn(env: dict[str, str], args: argparse.Namespace) -> Any:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "claimtracker.wsgi",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--threads",
        str(args.threads),
        "--bind",
        f"{HOST}:{args.port}",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{args.port}/bench/hello/", timeout=5):
                    break
            except OSError:  # refused, reset or timed out while gunicorn boots
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("gunicorn did not start") from None
                time.sleep(0.3)
        yield Server(process)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def check(base: str, endpoint: Endpoint) -> None:
    """One request first: a 302 to the login page would otherwise count as a success."""
    request = urllib.request.Request(base + endpoint.path, headers={"Cookie": endpoint.cookie})
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 200 or "/login/" in response.url:
            raise SystemExit(f"{endpoint.name}: {response.status} {response.url}")


def drain(base: str) -> None:
    """Wait until requests the previous run left queued are served: wrk stops sending at the
    end of its duration, but gunicorn still works through its backlog, which would otherwise
    count against the next endpoint. A request queued behind them returns when they are done.
    """
    with urllib.request.urlopen(base + "/bench/hello/", timeout=120) as response:
        response.read()


def worker_rss_mb(master: int) -> list[float]:
    result = subprocess.run(
        ["ps", "-o", "rss=", "--ppid", str(master)],
        capture_output=True,
        text=True,
        timeout=5,
        check=False,
    )
    return [int(line) / 1024 for line in result.stdout.split()]


def wrk(
    base: str,
    endpoint: Endpoint,
    duration: int,
    connections: int,
    master: int | None = None,
) -> dict[str, Any]:
    drain(base)
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "-s", str(LUA)]
    command += ["--timeout", "10s"]
    if endpoint.cookie:
        command += ["-H", f"Cookie: {endpoint.cookie}"]
    command.append(base + endpoint.path)
    peak: list[float] = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while master and not stop.wait(0.5):
            peak[0] = max([peak[0], *worker_rss_mb(master)])

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=duration + 30, check=True
        )
    finally:
        stop.set()
        sampler.join()
    line = next(x for x in result.stdout.splitlines() if x.startswith("JSON "))
    data = json.loads(line[5:])
    data["max_worker_rss_mb"] = peak[0]
    return data


def sequential_times(base: str, endpoint: Endpoint, count: int) -> dict[str, float]:
    """One request at a time: response time without queueing (≈ server time)."""
    times = []
    for _ in range(count):
        request = urllib.request.Request(base + endpoint.path, headers={"Cookie": endpoint.cookie})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
        "max_ms": times[-1],
    }


def median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def summarize(
    endpoints: list[Endpoint],
    sequential: dict[str, dict[str, float]],
    args: argparse.Namespace,
    facts: dict[str, Any],
) -> str:
    by_name = {e.name: e for e in endpoints}
    lines = [
        "",
        f"Medians of {args.runs} runs × {args.duration} s, {args.connections} connections, "
        f"gunicorn {args.workers} {args.worker_class} workers × {args.threads} threads; "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "| endpoint | path | req/s | ×plain | p50 ms | p95 ms | p99 ms | non-2xx | "
        "max worker RSS MB | alone p50 / p95 ms | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for e in endpoints:
        rps = median(e.runs, "rps")
        ratio = ""
        if e.baseline and e.baseline in by_name and median(by_name[e.baseline].runs, "rps"):
            ratio = f"{rps / median(by_name[e.baseline].runs, 'rps'):.2f}"
        errors = sum(run["non2xx"] + run["socket_errors"] for run in e.runs)
        times = sequential.get(e.name)
        alone = f"{times['p50_ms']:.1f} / {times['p95_ms']:.1f}" if times else ""
        lines.append(
            f"| {e.name} | `{e.path}` | {rps:.0f} | {ratio} | {median(e.runs, 'p50_ms'):.1f} | "
            f"{median(e.runs, 'p95_ms'):.1f} | {median(e.runs, 'p99_ms'):.1f} | {errors} | "
            f"{max(run['max_worker_rss_mb'] for run in e.runs):.0f} | {alone} | "
            f"{TARGETS.get(e.name, '')} |"
        )
    lines.append(
        f'\n"alone": {args.sequential} requests one at a time after the wrk runs (no '
        "queueing: the service time)."
    )
    return "\n".join(lines)


def describe_machine() -> str:
    def out(command: list[str]) -> str:
        try:
            return subprocess.run(
                command, capture_output=True, text=True, timeout=10, check=False
            ).stdout.strip()
        except OSError:
            return "?"

    model = next(
        (x.split(":", 1)[1].strip() for x in out(["lscpu"]).splitlines() if "Model name" in x),
        "?",
    )
    mem_kb = next(
        (
            int(x.split()[1])
            for x in Path("/proc/meminfo").read_text().splitlines()
            if "MemTotal" in x
        ),
        0,
    )
    load = Path("/proc/loadavg").read_text().split()[:3]
    return (
        f"{out(['nproc'])} CPUs ({model}), {mem_kb / 1024 / 1024:.0f} GB RAM, "
        f"load {' '.join(load)} at start"
    )


if __name__ == "__main__":
    sys.exit(main())
