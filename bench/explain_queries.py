#!/usr/bin/env python
"""EXPLAIN (ANALYZE, BUFFERS) of every query an endpoint runs, for the slow ones.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtracker_bench_1m \\
        .venv/bin/python bench/explain_queries.py [--min-ms 5] [PATH ...]

Each path is requested in-process with Django's test client (no server, no network), the
queries are captured with ``CaptureQueriesContext``, and each query slower than ``--min-ms``
is re-run under ``EXPLAIN (ANALYZE, BUFFERS)`` inside a rolled-back transaction. Prints
Markdown for bench/RESULTS.md ("Findings"). Default paths: the HTTP benchmark's endpoints.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "explain-queries-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--min-ms", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3, help="requests before capturing")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from claims.devtools import datagen
    from claims.models import Claim, ClaimRelation

    if connection.vendor != "postgresql":
        print("EXPLAIN ANALYZE needs PostgreSQL: set DATABASE_URL", file=sys.stderr)
        return 2
    actor = (
        Claim.actors.through.objects.values("actor_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["actor_id"]
    )
    related = (
        ClaimRelation.objects.values("from_claim_id")
        .annotate(n=Count("id"))
        .order_by("-n", "from_claim_id")
        .first()["from_claim_id"]
    )
    paths = args.paths or [
        "/api/claims/?verdict=contradicted",
        f"/api/claims/?actor={actor}",
        f"/api/claims/?q={datagen.RARE_TERM}",
        f"/api/claims/?q={datagen.COMMON_TERM}",
        "/api/stats/?group_by=verdict",
        "/api/stats/?group_by=speaker",
        f"/api/claims/{related}/related/",
        "/admin/claims/claim/?verdict__exact=contradicted",
    ]
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    for path in paths:
        for _ in range(args.repeat):  # warm the cache the way a running server would be
            client.get(path)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            total_ms = (time.perf_counter() - started) * 1000
        # Reads only: transaction control (BEGIN, SAVEPOINT) and writes are not explained.
        queries = [
            q
            for q in captured.captured_queries
            if "django_session" not in q["sql"]
            and q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
        ]
        db_ms = sum(float(q["time"]) * 1000 for q in captured.captured_queries)
        print(f"\n### `{path}`\n")
        print(
            f"HTTP {response.status_code}, {total_ms:.0f} ms in-process, "
            f"{len(captured.captured_queries)} queries, {db_ms:.0f} ms in the database.\n"
        )
        for query in queries:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                plan = [row[0] for row in cursor.fetchall()]
                transaction.set_rollback(True)
            execution = next((p for p in plan if p.startswith("Execution Time")), "")
            ms = float(execution.split(":")[1].split()[0]) if execution else 0.0
            if ms < args.min_ms:
                continue
            print(f"{ms:.1f} ms:\n\n```sql\n{query['sql']}\n```\n\n```\n" + "\n".join(plan))
            print("```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
