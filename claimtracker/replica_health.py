"""Whether the read replica may serve reads right now: it answers, and it is not further
behind the primary than ``REPLICA_MAX_LAG_SECONDS``.

``ReplicaMiddleware`` asks before routing a request's reads to the replica; when the answer
is no, the reads go to the primary, so a replica that is down or lagging costs the primary
some load instead of costing clients errors or stale pages. The answer is measured on the
replica (its own replay position and time) at most every ``REPLICA_CHECK_SECONDS`` per
process and remembered in between, so a request normally pays nothing for it; a replica
that stops answering mid-request is probed again at once (``after_failure``) and skipped
until the next check.

Lag is "how old is the newest transaction it has replayed" while it has received WAL it
has not replayed yet, and 0 when it has replayed everything it received: an idle primary
sends nothing, and a replica that has everything is current however old its last
transaction is. Not detected here: a replica cut off from its primary (it has replayed all
it received, so it reports 0); ``pg_stat_wal_receiver`` on the replica shows that. After a
restart the receive position starts at a segment boundary behind the replayed one: that is
"nothing waiting" too (``<=``, not ``=``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"

# Seconds of replay lag on a PostgreSQL hot standby; 0 on a server that is not in recovery
# (the test mirror, a promoted replica).
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0)
END
"""


@dataclass
class _State:
    usable: bool = True
    checked_at: float = float("-inf")  # time.monotonic() of the last answer
    reason: str = ""


_state = _State()
# One thread of a process probes at a time; the others use the last answer meanwhile.
_probing = threading.Lock()


def replica_usable() -> bool:
    """The last answer while it is fresh, else a new probe's."""
    if time.monotonic() - _state.checked_at < settings.REPLICA_CHECK_SECONDS:
        return _state.usable
    if not _probing.acquire(blocking=False):
        return _state.usable
    try:
        _record(*probe())
    finally:
        _probing.release()
    return _state.usable


def after_failure(error: BaseException) -> None:
    """A database error in a request that read the replica (the middleware runs it again on
    the primary). Probe now: a replica that went down is skipped from the next request on,
    one that answers (the error was elsewhere, or a query was cancelled by a recovery
    conflict) stays in use."""
    logger.warning("a read on the replica failed (%s); the request ran again on the primary", error)
    _record(*probe())


def reset() -> None:
    """Forget the last answer (tests; the next request probes again)."""
    _state.usable, _state.checked_at, _state.reason = True, float("-inf"), ""


def probe() -> tuple[bool, str]:
    """(usable, why not) from one query on the replica connection of this thread."""
    try:
        lag = replica_lag()
    except DatabaseError as exc:
        _close_quietly()
        return False, f"unreachable: {exc}".strip()
    if lag > settings.REPLICA_MAX_LAG_SECONDS:
        return False, f"{lag:.1f} s behind the primary"
    return True, ""


def replica_lag() -> float:
    connection = connections[REPLICA]
    if connection.errors_occurred:
        _close_quietly()  # a connection broken by the last failure reconnects here
    if connection.vendor != "postgresql":
        connection.ensure_connection()
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute(LAG_SQL)
        (lag,) = cursor.fetchone()
    return float(lag)


def _close_quietly() -> None:
    with contextlib.suppress(DatabaseError):
        connections[REPLICA].close()


def _record(usable: bool, reason: str) -> None:
    if usable != _state.usable:
        if usable:
            logger.warning("read replica usable again: API reads go to it")
        else:
            logger.warning("read replica not used (%s): API reads go to the primary", reason)
    _state.usable, _state.reason, _state.checked_at = usable, reason, time.monotonic()
