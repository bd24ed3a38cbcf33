"""``GET /api/claims/?format=csv``: every matching claim, streamed.

Rows come in keyset chunks of ``CHUNK`` (``KeysetPagination.iterate``: one LIMITed query per
chunk, in the requested ordering), with their actors and events (inline on PostgreSQL, else
ONE query each per chunk), so memory stays flat however many claims match. Not
``.iterator()``: PostgreSQL plans a server-side cursor for fast first rows, which for a
filtered export can mean walking the whole ordering index, and it holds a transaction open
for as long as the client takes to download.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rest_framework.renderers import BaseRenderer

from claims.api.payloads import iso_date, iso_datetime, related_rows
from claims.matching import mentioned_iso_dates

CHUNK = 2000

HEADER = [
    "id",
    "article_id",
    "article_title",
    "published_on",
    "position",
    "kind",
    "attribution",
    "speaker_id",
    "speaker",
    "actors",
    "events",
    "mentioned_dates",
    "check_worthiness",
    "verdict",
    "verdict_note",
    "reviewed_at",
    "version",
    "assignee",
    "published_at",
    "start",
    "end",
    "text",
]


class CSVRenderer(BaseRenderer):
    """Lets content negotiation accept ``?format=csv`` / ``Accept: text/csv`` on the claim
    list; the view streams the body itself, so this only renders what is left: a plain
    dict or list (errors are switched to JSON by the view)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict[str, Any] | None = None,
    ) -> bytes:
        echo = _Echo()
        writer = csv.writer(echo)
        items = data.items() if isinstance(data, dict) else enumerate(data or [])
        return "".join(writer.writerow([k, v]) for k, v in items).encode(self.charset)


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def _lines(writer: Any, rows: Sequence[dict[str, Any]]) -> str:
    actors, events = related_rows(rows)
    return "".join(
        writer.writerow(
            [
                row["id"],
                row["article_id"],
                row["article__title"],
                iso_date(row["article__published_on"]) or "",
                row["position"],
                row["kind"],
                row["attribution"],
                row["speaker_id"] or "",
                row["speaker__name"] or "",
                "; ".join(a["name"] for a in actors.get(row["id"], [])),
                "; ".join(e["title"] for e in events.get(row["id"], [])),
                "; ".join(sorted(mentioned_iso_dates(row["mentioned_dates"]))),
                "" if row["check_worthiness"] is None else row["check_worthiness"],
                row["verdict"],
                row["verdict_note"],
                iso_datetime(row["reviewed_at"]) or "",
                row["version"],
                row["assignee__username"] or "",
                iso_datetime(row["published_at"]) or "",
                row["start"],
                row["end"],
                row["text"],
            ]
        )
        for row in rows
    )


def stream_claims_csv(chunks: Iterable[Sequence[dict[str, Any]]]) -> Iterator[str]:
    """CSV text, header first, then one string per chunk of ``claim_values`` rows."""
    writer = csv.writer(_Echo())
    yield writer.writerow(HEADER)
    for rows in chunks:
        yield _lines(writer, rows)
