"""Read-replica routing: API reads may go to a PostgreSQL streaming replica.

Active only when ``DATABASE_REPLICA_URL`` is set (see settings): then ``DATABASES["replica"]``
exists, ``ReplicaRouter`` is installed and ``ReplicaMiddleware`` marks which requests may read
from the replica. The design is opt-in, so everything not listed below reads the primary:

* **Which reads.** Only reads of claimtracker's own models (app ``claims``), only while a
  request to ``/api/`` with a safe method (GET, HEAD, OPTIONS) is being served, and only
  outside a transaction on the primary. Sessions, users and tokens (authentication), the
  task queue (``django_tasks_db``'s worker locks rows with ``SELECT … FOR UPDATE``), the admin,
  management commands, the importer and background tasks all read the primary, so none of
  them can act on stale data.
* **Writes and migrations** always go to ``default``; ``migrate`` never runs on the replica.
* **Read-your-writes.** A replica lags the primary (usually milliseconds, seconds under load or
  after a big import). A request with an unsafe method (POST, PUT, PATCH, DELETE) reads the
  primary throughout, so the response to a verdict shows the verdict. Afterwards the response
  sets a short-lived cookie (``REPLICA_PIN_SECONDS``, default 5 s) that keeps that client's
  reads on the primary for a while, so the editor's next page (a list, the claim again)
  also shows their change. Clients without cookies (token-authenticated scripts) get no such
  guarantee: a GET right after their write may not show it yet for as long as the lag lasts.
  Dashboards that only read accept that lag; set ``REPLICA_PIN_SECONDS`` above the replica's
  typical lag (``pg_stat_replication.replay_lag``).
* **Related objects** are read from the database their parent came from, so one response
  never mixes a replica parent with primary children.

* **A replica that is down or behind.** Before a request's reads go to the replica, the
  middleware asks ``claimtracker.replica_health`` whether it answers and is at most
  ``REPLICA_MAX_LAG_SECONDS`` behind (checked at most every ``REPLICA_CHECK_SECONDS``); if
  not, the reads go to the primary. A replica that fails during a request (it went down
  since the last check, a query cancelled by a recovery conflict) makes the view raise a
  database error: the request is safe (GET/HEAD/OPTIONS), so it is run again on the
  primary, and the replica is skipped until the next check. Keep
  ``REPLICA_MAX_LAG_SECONDS + REPLICA_CHECK_SECONDS <= REPLICA_PIN_SECONDS``: then a client
  whose pin expired reads from a replica that has its write.

Streaming responses (CSV export) are iterated after the view returns; the middleware keeps
the request's choice for their iteration too (an error while streaming cannot be retried:
the response has started).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from claimtracker import replica_health
from claimtracker.replica_health import REPLICA

REPLICA_APPS = frozenset({"claims"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PIN_COOKIE = "ct_primary_until"

# Whether the code running now may read from the replica. A ContextVar, so it is per request
# under threads (gunicorn gthread) and per task under ASGI alike; False outside requests.
_replica_reads: ContextVar[bool] = ContextVar("claimtracker_replica_reads", default=False)


@contextmanager
def replica_reads(allowed: bool = True) -> Iterator[None]:
    """Allow (or forbid) replica reads for the code inside, e.g. a read-only report job."""
    token = _replica_reads.set(allowed)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def use_primary() -> Any:
    """Read the primary inside, whatever the request: ``with use_primary(): …``."""
    return replica_reads(False)


class ReplicaRouter:
    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        instance = hints.get("instance")
        if instance is not None and instance._state.db:
            return instance._state.db  # related objects come from where their parent came
        if (
            model._meta.app_label in REPLICA_APPS
            and _replica_reads.get()
            and REPLICA in connections
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # Both aliases hold the same rows, so objects from either may be related.
        pair = {obj1._state.db or DEFAULT_DB_ALIAS, obj2._state.db or DEFAULT_DB_ALIAS}
        return True if pair <= {DEFAULT_DB_ALIAS, REPLICA} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None


class ReplicaMiddleware:
    """Decides per request whether its reads may use the replica (see the module docstring).

    Put it first in MIDDLEWARE so that session and authentication lookups, which the router
    keeps on the primary anyway, and everything after run under the decision."""

    prefixes: tuple[str, ...] = ("/api/",)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        safe = request.method in SAFE_METHODS
        allowed = (
            safe
            and request.path_info.startswith(self.prefixes)
            and not _pinned(request)
            and replica_health.replica_usable()
        )
        with replica_reads(allowed):
            response = self.get_response(request)
        if getattr(response, _RETRY_ON_PRIMARY, False):
            allowed = False
            with replica_reads(False):
                response = self.get_response(request)
        if isinstance(response, StreamingHttpResponse) and not response.is_async:
            response.streaming_content = _iterate_with(response.streaming_content, allowed)
        if not safe:
            seconds = pin_seconds()
            if seconds > 0:
                response.set_cookie(
                    PIN_COOKIE,
                    str(int(time.time()) + seconds),
                    max_age=seconds,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A database error in a view that read the replica: answer with a marker that makes
        ``__call__`` run the (safe, so repeatable) request again on the primary. Whether the
        replica or the primary failed, the primary's answer is the right one."""
        if not (_replica_reads.get() and isinstance(exception, OperationalError | InterfaceError)):
            return None
        replica_health.after_failure(exception)
        marker = HttpResponse(status=503)
        setattr(marker, _RETRY_ON_PRIMARY, True)
        return marker


# Set on the stand-in response of a request whose replica reads failed.
_RETRY_ON_PRIMARY = "_claimtracker_retry_on_primary"


def pin_seconds() -> int:
    return settings.REPLICA_PIN_SECONDS


def _pinned(request: HttpRequest) -> bool:
    """A write from this client is recent enough that the replica may not have it yet."""
    try:
        return int(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
    except ValueError:
        return False


def _iterate_with(content: Iterable[Any], allowed: bool) -> Iterator[Any]:
    # The variable is set around each step only: a generator runs in its caller's context,
    # so setting it across a ``yield`` would leak the choice into the server's code.
    iterator = iter(content)
    while True:
        token = _replica_reads.set(allowed)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            _replica_reads.reset(token)
        yield chunk
