"""Which database server answered a request: for the replica drill (``.ci/replica.sh``).

Installed only when ``CLAIMTRACKER_DB_PROBE=1`` (settings; production never sets it, and the
HTTP benchmark does not either: it would measure the probe). Each response then carries

    X-Claimtracker-Databases: replica queries=2 in_recovery=true

naming every connection alias the request ran queries on, how many, and what
``pg_is_in_recovery()`` says on that same connection right after the view: ``true`` is a
hot standby, ``false`` a primary, ``n/a`` not PostgreSQL, ``error`` a connection that
failed. ``none`` when the request ran no query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

HEADER = "X-Claimtracker-Databases"


class DatabaseProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counts: Counter[str] = Counter()
        with ExitStack() as stack:
            for alias in connections:
                wrapper = _counter(counts, alias)
                stack.enter_context(connections[alias].execute_wrapper(wrapper))
            response = self.get_response(request)
        served = [
            f"{a} queries={n} in_recovery={in_recovery(a)}" for a, n in sorted(counts.items())
        ]
        response[HEADER] = "; ".join(served) or "none"
        return response


def _counter(counts: Counter[str], alias: str) -> Callable[..., Any]:
    def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any):
        counts[alias] += 1
        return execute(sql, params, many, context)

    return count


def in_recovery(alias: str) -> str:
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return "n/a"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            return "true" if cursor.fetchone()[0] else "false"
    except DatabaseError:
        return "error"
