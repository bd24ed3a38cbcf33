"""/api/claims/ pages on PostgreSQL: each claim's JSON is written by the database.

The list is measured against a plain ``.values()`` + ``JsonResponse`` view
(``bench/http_load.py``). With the payload built in Python a page cost ~1.7× that view:
turning 50 rows into dicts and then encoding them costs more than the page query. Here the
page is the plain view's own query (``.values(*CLAIM_VALUES)``, filtered, ordered and
LIMITed by the same ORM code), wrapped in one outer SELECT that writes each row's JSON
(``json_build_object``: ``json``, not ``jsonb``, so the keys keep ``claim_payloads``' order;
the actors and events ready in ``claims_claim_lists``, as ``payloads.claim_values`` reads
them). The rows come back as text and the response is those texts joined into the page
envelope: still one query, and no per-claim Python.

The shape is ``payloads.claim_payloads``', written a second time in SQL below; the two
must give the same JSON, which ``tests/test_api_page_json.py`` checks on PostgreSQL (dates,
UTC timestamps with and without microseconds, whole-number floats, NULLs, characters JSON
escapes). Only the whitespace differs (PostgreSQL writes ``{"id" : 1}``). The browsable API,
CSV export and other databases keep the Python path.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import BaseIterable
from django.http import HttpResponse

from claims.api import payloads
from claims.api.pagination import KeysetPagination

JSON_COLUMN = "claim_json"


def _col(name: str) -> str:
    return f'page."{name}"'  # a column of the inner .values() query, by its alias


def _utc_iso(name: str) -> str:
    """What ``payloads.iso_datetime`` writes: ISO 8601 in UTC with ``Z``, microseconds only
    when there are any (as Python's ``isoformat``); NULL stays NULL."""
    col = _col(name)
    return (
        f"to_char({col} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS')"
        f" || CASE WHEN date_trunc('second', {col}) = {col} THEN ''"
        f" ELSE to_char({col} AT TIME ZONE 'UTC', '.US') END || 'Z'"
    )


def _python_float(name: str) -> str:
    """A float as Python's json writes it: PostgreSQL writes 1.0 as ``1``, Python ``1.0``."""
    col = _col(name)
    return (
        f"CASE WHEN {col} = trunc({col}) AND abs({col}) < 1e16"
        f" THEN (trunc({col})::bigint::text || '.0')::json ELSE to_json({col}) END"
    )


def _claim_json_sql() -> str:
    """``json_build_object`` for one claim of the inner query ``page``, in the key order of
    ``payloads.claim_payloads``."""
    actors, events = payloads.stored_lists_sql(claim_id=_col("id"))
    article = (
        f"json_build_object('id', {_col('article_id')}, 'title', {_col('article__title')},"
        f" 'published_on', {_col('article__published_on')})"
    )
    speaker = (
        f"CASE WHEN {_col('speaker_id')} IS NULL THEN NULL ELSE json_build_object("
        f"'id', {_col('speaker_id')}, 'name', {_col('speaker__name')}) END"
    )
    fields = {
        "id": _col("id"),
        "article": article,
        **{name: _col(name) for name in ("position", "text", "start", "end", "kind")},
        "attribution": _col("attribution"),
        "speaker": speaker,
        "actors": actors,
        "events": events,
        "mentioned_dates": _col("mentioned_dates"),
        "check_worthiness": _python_float("check_worthiness"),
        "verdict": _col("verdict"),
        "verdict_note": _col("verdict_note"),
        "reviewed_at": _utc_iso("reviewed_at"),
        "version": _col("version"),
        "assignee": _col("assignee__username"),
        "published_at": _utc_iso("published_at"),
    }
    pairs = ", ".join(f"'{key}', {sql}" for key, sql in fields.items())
    return f"json_build_object({pairs})::text"


_CLAIM_JSON_SQL = _claim_json_sql()


class ClaimJSONIterable(BaseIterable):
    """Rows of a ``.values(*CLAIM_VALUES)`` queryset as ``{key field: value, …, JSON_COLUMN:
    the claim's JSON}``. Only the sort keys (``keys``, set per ordering by
    ``claim_json_values``) come back as columns besides the JSON: the paginator reads its
    cursors there, and every other column would be decoded into Python for nothing (dates
    and timestamps cost most). The outer SELECT neither joins nor sorts, so it returns the
    rows in the order the inner query's ORDER BY put them."""

    keys: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        queryset = self.queryset
        try:
            inner, params = queryset.query.get_compiler(queryset.db).as_sql()
        except EmptyResultSet:
            return
        columns = "".join(f"{_col(key)}, " for key in self.keys)
        sql = f"SELECT {columns}{_CLAIM_JSON_SQL} FROM ({inner}) page"
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        names = (*self.keys, JSON_COLUMN)
        for row in rows:
            yield dict(zip(names, row, strict=True))


@functools.cache
def _iterable_for(keys: tuple[str, ...]) -> type[ClaimJSONIterable]:
    # A queryset makes its iterable from the class alone, so the keys ride on a subclass
    # (one per ordering: a dozen at most).
    return type("ClaimJSONIterable", (ClaimJSONIterable,), {"keys": keys})


def available(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def claim_json_values(queryset: QuerySet, keys: Sequence[str]) -> QuerySet:
    """The page rows for the keyset paginator, each with its JSON and the sort ``keys``
    (fields of ``CLAIM_VALUES``) the paginator needs (PostgreSQL only)."""
    rows = queryset.values(*payloads.CLAIM_VALUES)
    rows._iterable_class = _iterable_for(tuple(keys))
    return rows


def page_response(paginator: KeysetPagination, rows: list[dict[str, Any]]) -> HttpResponse:
    """The page exactly as DRF's JSONRenderer writes ``get_paginated_response``'s data."""
    envelope = {
        "next": paginator.get_next_link(),
        "previous": paginator.get_previous_link(),
        "results": [],
    }
    head = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))[: -len("[]}")]
    body = f"{head}[{','.join(row[JSON_COLUMN] for row in rows)}]}}"
    # DRF escapes these two (valid JSON, but line breaks to JavaScript); so must this.
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return HttpResponse(body.encode(), content_type="application/json")
