"""The ranking's raw reads: the connection they use, the tables they name, and model
instances built from their rows as the ORM builds them.

The ranking runs on every request for a claim's related claims; building a QuerySet, and
compiling it, costs more app CPU than the small indexed statements it issues (0.2-0.5 ms
each). Its queries are therefore written as SQL once, here and in ``candidates``.
"""

from __future__ import annotations

import json
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

# ``ClaimQuerySet.published`` as SQL on a claim aliased ``c``: what anonymous readers see.
PUBLISHED = "c.published_at IS NOT NULL"


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


def decoded_json(value: object) -> object:
    """A JSON column as the ORM hands it over: psycopg gives Django's raw reads jsonb as
    text (``JSONField`` decodes it; a cursor does not), SQLite stores text."""
    return json.loads(value) if isinstance(value, str) else value


_CLAIM_TO_RANK = (
    f"SELECT c.id, c.text, c.article_id, c.speaker_id, c.mentioned_dates, a.published_on"
    f" FROM {CLAIMS} c JOIN {ARTICLES} a ON a.id = c.article_id WHERE c.id = %s"
)


def claim_to_rank(pk: int, *, published_only: bool) -> Claim | None:
    """The claim with what the ranking reads of it, and its article with its date (every
    other field deferred), or None when there is no such claim or, with
    ``published_only``, it is not published. One statement: a QuerySet with
    ``select_related`` and ``only()`` cost five times as much app CPU to build, compile and
    turn into instances (1 ms at 1M claims, more than scoring the candidates)."""
    db = read_connection()
    low, high = db.ops.integer_field_range(Claim._meta.pk.get_internal_type())
    if not low <= pk <= high:  # the ORM answers such an id with no row, not an error
        return None
    sql = _CLAIM_TO_RANK + (f" AND {PUBLISHED}" if published_only else "")
    rows = fetch(db, sql, [pk])
    if not rows:
        return None
    pk, text, article_id, speaker_id, dates, published_on = rows[0]
    claim = instance(
        Claim,
        db.alias,
        id=pk,
        text=text,
        article_id=article_id,
        speaker_id=speaker_id,
        mentioned_dates=decoded_json(dates),
    )
    article = instance(Article, db.alias, id=article_id, published_on=published_on)
    Claim.article.field.set_cached_value(claim, article)
    return claim
