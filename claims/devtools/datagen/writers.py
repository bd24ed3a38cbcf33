"""The two ways generated batches reach the database: ``COPY`` (PostgreSQL) and
``bulk_create`` (any database), and the per-table timings both report."""

from __future__ import annotations

import json
import time
from typing import Any

from claims.devtools.datagen.shapes import Batch
from claims.devtools.datagen.tables import COLUMNS, JSON_COLUMNS, TABLE_ORDER, models_by_table


class Timings:
    """Rows and seconds per (table, step), for the command's report."""

    def __init__(self) -> None:
        self.rows: dict[str, int] = dict.fromkeys(COLUMNS, 0)
        self.seconds: dict[tuple[str, str], float] = {}

    def add(self, table: str, step: str, seconds: float, rows: int = 0) -> None:
        key = (table, step)
        self.seconds[key] = self.seconds.get(key, 0.0) + seconds
        if rows:
            self.rows[table] = self.rows.get(table, 0) + rows


class Writer:
    """Writes a batch table by table, parents first, timing each table as ``step``."""

    step = "write"

    def __init__(self, timings: Timings) -> None:
        self.timings = timings

    def write(self, batch: Batch) -> None:
        for table in TABLE_ORDER:
            rows = batch.rows[table]
            if not rows:
                continue
            started = time.perf_counter()
            self.write_table(table, rows)
            self.timings.add(table, self.step, time.perf_counter() - started, len(rows))

    def write_table(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError


class OrmWriter(Writer):
    """``bulk_create`` into any database: slow, for small sizes (SQLite, tests)."""

    def __init__(self, timings: Timings) -> None:
        super().__init__(timings)
        self.models = models_by_table()

    def write_table(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        model = self.models[table]
        attnames = {f.column: f.attname for f in model._meta.concrete_fields}
        names = [attnames[c] for c in COLUMNS[table]]
        decode = [c in JSON_COLUMNS for c in COLUMNS[table]]
        objects = [
            model(
                **{
                    name: json.loads(value) if dec and value is not None else value
                    for name, value, dec in zip(names, row, decode, strict=True)
                }
            )
            for row in rows
        ]
        model.objects.bulk_create(objects, batch_size=500)


class PostgresCopyWriter(Writer):
    """``COPY … FROM STDIN`` through psycopg 3, inside the caller's transaction.

    ``freeze`` writes rows already frozen and all-visible (allowed only for tables truncated
    in this transaction): no hint-bit writes or VACUUM needed before the data is fast to read.
    """

    step = "copy"

    def __init__(self, connection: Any, timings: Timings, *, freeze: bool) -> None:
        super().__init__(timings)
        self.pg = connection.connection  # the raw psycopg connection, in Django's transaction
        self.freeze = freeze

    def write_table(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
        options = " WITH (FREEZE)" if self.freeze else ""
        with (
            self.pg.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN{options}") as copy,
        ):
            write_row = copy.write_row
            for row in rows:
                write_row(row)
