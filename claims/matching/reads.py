"""The ranking's raw reads: the connection they use, the tables they name, and model
instances built from their rows as the ORM builds them.

The ranking runs on every request for a claim's related claims; building a QuerySet, and
compiling it, costs more app CPU than the small indexed statements it issues (0.2-0.5 ms
each). Its queries are therefore written as SQL once, here and in ``candidates``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DEFERRED, Model

from claims.models import Actor, Article, Claim, Event, WordCount

ACTORS = Actor._meta.db_table
ARTICLES = Article._meta.db_table
CLAIMS = Claim._meta.db_table
EVENTS = Event._meta.db_table
WORD_COUNTS = WordCount._meta.db_table
CLAIM_ACTORS = Claim.actors.through._meta.db_table
CLAIM_EVENTS = Claim.events.through._meta.db_table


def read_connection() -> BaseDatabaseWrapper:
    """Where the ORM reads claims (a replica for API reads, when one is configured), so the
    raw queries read the same database as the rest of the request."""
    return connections[router.db_for_read(Claim)]


def placeholders(values: Collection[object]) -> str:
    """``IN (%s, …)`` for ``values`` (SQLite has no ``= ANY(array)``)."""
    return "IN (" + ", ".join(["%s"] * len(values)) + ")"


def fetch(db: BaseDatabaseWrapper, sql: str, params: Sequence[object]) -> list[tuple]:
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def instance(model: type[Model], db: str, **values: object) -> Any:
    """An instance of ``model`` with ``values`` loaded and every other field deferred, as
    a QuerySet with ``only()`` makes it (``from_db``)."""
    fields = model._meta.concrete_fields
    return model.from_db(
        db,
        [f.attname for f in fields if f.attname in values],
        [values.get(f.attname, DEFERRED) for f in fields],
    )
