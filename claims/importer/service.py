"""Importing articles into the database: the entry points, and the one place to import them from.

``import_article`` validates and parses (pure, before any write), then saves one article in
one transaction with batched writes. ``import_bytes`` / ``import_file`` / ``import_paths``
read inputs through ``formats`` and import every article in them, sharing one ``Importer``
(a batch: known actors are loaded once, not once per article or claim).

The package's ``__init__`` stays empty because the spawned parse workers import
``claims.importer.parsing`` without Django; this module is the façade instead. The work is in
``batch`` (orchestration), ``reading``, ``validation``, ``parsing`` (the pipeline seam and
worker pool), ``actor_cache``, ``persist`` (the transaction), ``reimport`` and ``events``;
URLs are fetched by ``fetch`` (safe by default), feeds read by ``feeds`` and polled by
``polling``.

Re-import safety — nothing an editor did is ever lost:

* same raw text (same SHA-256) → "unchanged", nothing written;
* same URL, or same source name → "updated": claims with editor work (a verdict, a review,
  evidence or a relation) are kept as they are — same pk, verdict, history, relations and
  evidence — and only their offsets are re-pointed into the new body; the other claims are
  replaced by the new parse. If a kept claim's text is no longer in the new body the update
  fails, naming the claims, and nothing changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date

from claims.extract.types import ArticleHints

from .batch import Importer
from .reading import Source, collect_files, content_hash, paste_source_name, source_name_for
from .result import ImportResult, Status

# A web request (the admin's Import page, the API) fetches at most this many URLs: each may
# take up to CLAIMTRACKER_FETCH_TIMEOUT; more belong to import_articles or --enqueue.
MAX_URLS_PER_REQUEST = 20

__all__ = [
    "MAX_URLS_PER_REQUEST",
    "ImportResult",
    "Importer",
    "Source",
    "Status",
    "collect_files",
    "content_hash",
    "import_article",
    "import_bytes",
    "import_file",
    "import_paths",
    "import_url",
    "paste_source_name",
    "source_name_for",
]


def import_article(
    *,
    text: str,
    source_name: str,
    title: str | None = None,
    url: str | None = None,
    published_on: date | None = None,
    publisher: str | None = None,
    author: str | None = None,
    raw_text: str | None = None,
    dry_run: bool = False,
    hints: ArticleHints | None = None,
) -> ImportResult:
    """Import one article (its own transaction). Explicit arguments win over ``hints``;
    ``raw_text`` (default: ``text``) is what is stored and hashed."""
    return Importer(dry_run=dry_run).article(
        text=text,
        source_name=source_name,
        title=title,
        url=url,
        published_on=published_on,
        publisher=publisher,
        author=author,
        raw_text=raw_text,
        hints=hints,
    )


def import_bytes(
    data: bytes | str,
    *,
    source_name: str,
    dry_run: bool = False,
    hints: ArticleHints | None = None,
) -> list[ImportResult]:
    """Every article in one input, detected by ``source_name``'s extension and content."""
    return Importer(dry_run=dry_run).data(data, source_name=source_name, hints=hints)


def import_file(path: str | os.PathLike[str], *, dry_run: bool = False) -> list[ImportResult]:
    return Importer(dry_run=dry_run).file(path)


def import_url(url: str, *, dry_run: bool = False) -> list[ImportResult]:
    """The article at ``url``, fetched safely (``importer.fetch``); one failed result naming
    the reason when it cannot be fetched or read, and nothing written then."""
    return Importer(dry_run=dry_run).url(url)


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    dry_run: bool = False,
    jobs: int = 1,
    durable: bool = True,
    on_result: Callable[[Source, ImportResult], None] | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> list[ImportResult]:
    """Files and directories, one batch (known actors loaded once). See ``Importer`` for
    ``jobs`` (parse in worker processes) and ``durable``."""
    importer = Importer(dry_run=dry_run, jobs=jobs, durable=durable)
    return importer.paths(paths, on_result=on_result, on_file=on_file)
