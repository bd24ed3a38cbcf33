"""Lean bulk INSERTs for the importer's hot tables (claims and link tables).

``QuerySet.bulk_create`` builds a model instance per row and runs every value through the
field's full preparation chain; for an article's claims and their links that was more than
half of the importer's own CPU time. Here rows are plain dicts of already-correct Python
values (ints, strings, floats, None; JSON fields are serialised with the field's encoder).
PostgreSQL gets many rows through ``COPY`` (ids for new rows are taken from the table's
sequence first, one query): no SQL text to build or parse per row, by far the cheapest on the
client. A few rows, and other databases (SQLite), get ``INSERT … VALUES (…), (…)``. Only
models whose columns need nothing more are accepted (checked once per model), so a field
added later with a conversion this cannot do fails loudly, not silently.

Like ``bulk_create`` this bypasses ``save()``: callers validate first (the importer checks
``body[start:end] == text`` for every claim before writing).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.utils import timezone

# Fewer rows than this go in one INSERT … RETURNING (one round trip) rather than through
# COPY (a sequence query first, then the copy).
COPY_MIN_ROWS = 8

# Field types whose Python values the database drivers take as they are.
_PLAIN = (
    models.IntegerField,  # incl. Positive*/Big*/Small* and AutoFields
    models.CharField,
    models.TextField,
    models.FloatField,
    models.BooleanField,
    models.ForeignKey,
)
_NOW = object()  # default marker: the time of the insert (auto_now, default=timezone.now)


@dataclass(frozen=True, slots=True)
class _Column:
    attname: str
    column: str
    default: Any
    kind: str  # "plain", "json", "date" or "datetime"
    encoder: Any = None


@functools.cache
def _columns(model: type[models.Model]) -> tuple[_Column, ...]:
    """How to write each concrete column but the primary key, checked once per model."""
    columns = []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        default = f.get_default() if not callable(f.default) else None
        if isinstance(f, models.JSONField):
            kind = "json"
        elif isinstance(f, models.DateTimeField):  # before DateField: it is one
            kind = "datetime"
            if f.auto_now or f.auto_now_add or f.default is timezone.now:
                default = _NOW
        elif isinstance(f, models.DateField):
            kind = "date"
        elif isinstance(f, _PLAIN):
            kind = "plain"
        else:
            raise TypeError(f"bulk.insert cannot prepare {model.__name__}.{f.name} ({f!r})")
        if callable(f.default) and f.has_default():
            if f.default in (list, dict):
                default = f.default()
            elif default is not _NOW:
                raise TypeError(f"bulk.insert cannot use the callable default of {f.name}")
        elif default is None and not f.null and f.empty_strings_allowed:
            default = ""  # text without a default, as the ORM does
        columns.append(_Column(f.attname, f.column, default, kind, getattr(f, "encoder", None)))
    return tuple(columns)


def _dumps(value: Any, cls: type[json.JSONEncoder] | None) -> str:
    return json.dumps(value, cls=cls)


def _max_rows(n_columns: int) -> int:
    if connection.vendor == "postgresql":
        return max(1, min(1000, 65_000 // n_columns))  # PostgreSQL: 65,535 parameters
    limit = connection.features.max_query_params or 65_000
    return max(1, limit // n_columns)


def insert(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    returning_ids: bool = False,
) -> list[int]:
    """Insert ``rows`` (attname → value; missing columns take the field default, auto_now
    and ``default=timezone.now`` columns the time of the call). With ``returning_ids``, the
    new primary keys in the order of ``rows``.

    On PostgreSQL, ``COPY_MIN_ROWS`` rows or more go through ``COPY``, which Django's query
    log does not see.
    """
    if not rows:
        return []
    columns = _columns(model)
    copy = connection.vendor == "postgresql" and len(rows) >= COPY_MIN_ROWS
    now = timezone.now()
    ops = connection.ops
    # Per column: (attname, default, conversion or None); decided once, not per value.
    spec: list[tuple[str, Any, Any]] = []
    for col in columns:
        default = now if col.default is _NOW else col.default
        if col.kind == "json":
            encoder = col.encoder
            conv = (
                functools.partial(_dumps, cls=encoder)
                if copy
                else functools.partial(ops.adapt_json_value, encoder=encoder)
            )
        elif col.kind == "datetime":
            conv = ops.adapt_datetimefield_value
        elif col.kind == "date":
            conv = ops.adapt_datefield_value
        else:
            conv = None
        spec.append((col.attname, default, conv))
    values = [
        [
            row.get(attname, default) if conv is None else conv(row.get(attname, default))
            for attname, default, conv in spec
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if copy and hasattr(raw, "copy"):  # psycopg 3
            return _copy(cursor, raw, model, columns, values, returning_ids=returning_ids)
        return _values(cursor, model, columns, values, returning_ids=returning_ids)


def _copy(
    cursor: Any,
    raw: Any,
    model: type[models.Model],
    columns: Sequence[_Column],
    values: list[list[Any]],
    *,
    returning_ids: bool,
) -> list[int]:
    qn = connection.ops.quote_name
    table = model._meta.db_table
    names = [c.column for c in columns]
    ids: list[int] = []
    if returning_ids:
        pk = model._meta.pk.column
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [qn(table), pk, len(values)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        names = [pk, *names]
        values = [[pk_value, *row] for pk_value, row in zip(ids, values, strict=True)]
    with raw.copy(f"COPY {qn(table)} ({', '.join(qn(n) for n in names)}) FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)
    return ids


def _values(
    cursor: Any,
    model: type[models.Model],
    columns: Sequence[_Column],
    values: list[list[Any]],
    *,
    returning_ids: bool,
) -> list[int]:
    qn = connection.ops.quote_name
    head = (
        f"INSERT INTO {qn(model._meta.db_table)} "
        f"({', '.join(qn(c.column) for c in columns)}) VALUES "
    )
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    # As Django's bulk_create does, rely on RETURNING giving rows in VALUES order.
    tail = f" RETURNING {qn(model._meta.pk.column)}" if returning_ids else ""
    ids: list[int] = []
    step = _max_rows(len(columns))
    for i in range(0, len(values), step):
        chunk = values[i : i + step]
        params = [value for row in chunk for value in row]
        cursor.execute(head + ", ".join([row_sql] * len(chunk)) + tail, params)
        if returning_ids:
            ids.extend(row[0] for row in cursor.fetchall())
    return ids
