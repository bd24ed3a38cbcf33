"""``manage.py import_articles PATH|URL [...]``: import article files, directories and URLs.

A URL (``https://…``) is fetched safely (``claims.importer.fetch``: http/https only, no
private addresses, timeouts, the size limit while streaming) and read as an HTML page.

One line per article (``created|updated|unchanged|failed  <source>  <n> claims`` or the
reason it failed), then a total. Each article is its own transaction, so a bad file never
stops the others; the exit status is 1 when any failed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.importer.parsing import PARALLEL_MIN_FILES
from claims.importer.service import Importer, ImportResult, Source, collect_files

# Below this many files a progress bar is noise: the per-file lines already show progress.
PROGRESS_MIN_FILES = 20


class Progress:
    """A one-line progress bar on stderr (no dependency): cleared before each output line
    so it never interleaves with them, redrawn after."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total, self.stream, self.width = total, stream, width
        self.done = 0
        self.started = time.perf_counter()

    def clear(self) -> None:
        self.stream.write("\r\033[K")

    def draw(self) -> None:
        filled = self.width * self.done // max(1, self.total)
        rate = self.done / max(1e-9, time.perf_counter() - self.started)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
            f"{self.done}/{self.total} files  {rate:.1f}/s"
        )
        self.stream.flush()

    def update(self, done: int) -> None:
        self.done = done
        self.draw()


class Command(BaseCommand):
    help = (
        "Import articles from files or directories (recursively, in sorted order): plain "
        "text with an optional 'Key: value' header, HTML, JSON or JSON Lines; and from "
        "http(s) URLs, fetched and read as HTML pages."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="files, directories or http(s) URLs"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="parse and report what would happen, but write nothing",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=0,
            help="worker processes parsing ahead of the database writes (default: one per "
            f"CPU, at most 4, for {PARALLEL_MIN_FILES} files or more; 1: no workers)",
        )
        parser.add_argument(
            "--format",
            dest="output_format",
            choices=["text", "json"],
            default="text",
            help="json: one machine-readable summary on stdout",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue one background task per file instead of importing now; "
            "run them with 'manage.py db_worker' (prints the task ids)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        as_json = options["output_format"] == "json"
        files = collect_files(options["paths"])
        if options["enqueue"]:
            self._enqueue(files, dry_run=dry_run, as_json=as_json)
            return
        progress: Progress | None = None
        if not as_json and len(files) >= PROGRESS_MIN_FILES and _is_tty(self.stdout):
            progress = Progress(len(files), sys.stderr)

        def on_result(path: Source, result: ImportResult) -> None:
            if as_json:
                return
            if progress:
                progress.clear()
            self.stdout.write(_line(result))
            if progress:
                progress.draw()

        jobs = options["jobs"] or min(4, os.cpu_count() or 1)
        # A batch commits without waiting for the disk on PostgreSQL: a crash can lose its
        # last moments, which running the same command again restores (imports are
        # idempotent), and each article no longer waits for a flush.
        importer = Importer(dry_run=dry_run, jobs=jobs, durable=False)
        started = time.perf_counter()
        results = importer.paths(
            files,
            on_result=on_result,
            on_file=(lambda done, total: progress.update(done)) if progress else None,
        )
        elapsed = time.perf_counter() - started
        if progress:
            progress.clear()

        totals = _totals(results, files=len(files), seconds=elapsed)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "dry_run": dry_run,
                        "results": [r.as_dict() for r in results],
                        "totals": totals,
                    },
                    indent=2,
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write(_total_line(totals, dry_run=dry_run))
        if totals["failed"]:
            raise CommandError(
                f"{totals['failed']} of {len(results)} articles failed", returncode=1
            )

    def _enqueue(self, files: list[Source], *, dry_run: bool, as_json: bool) -> None:
        from claims.tasks import import_path_task, import_url_task

        if dry_run:
            raise CommandError("--dry-run and --enqueue cannot be combined")
        # Absolute paths: the worker may run in another directory.
        queued = [
            {
                "path": str(path),
                "task_id": (
                    import_url_task.enqueue(path)
                    if isinstance(path, str)
                    else import_path_task.enqueue(str(path.resolve()))
                ).id,
            }
            for path in files
        ]
        if as_json:
            self.stdout.write(json.dumps({"queued": queued}, indent=2, ensure_ascii=False))
            return
        for item in queued:
            self.stdout.write(f"queued     {item['path']}  task {item['task_id']}")
        self.stdout.write(f"total: {len(queued)} files queued; run: manage.py db_worker")


def _is_tty(stream: Any) -> bool:
    inner = getattr(stream, "_out", stream)  # Django's OutputWrapper
    return bool(getattr(inner, "isatty", lambda: False)())


def _line(result: ImportResult) -> str:
    if result.status == "failed":
        return f"{result.status:<9}  {result.source_name}  {result.error}"
    line = f"{result.status:<9}  {result.source_name}  {result.claim_count} claims"
    if result.kept_claims:
        line += f" ({result.kept_claims} reviewed kept)"
    return line


def _totals(results: list[ImportResult], *, files: int, seconds: float) -> dict[str, Any]:
    counts = {status: 0 for status in ("created", "updated", "unchanged", "failed")}
    for r in results:
        counts[r.status] += 1
    claims = sum(r.claim_count for r in results if r.status in ("created", "updated"))
    return {
        "files": files,
        "articles": len(results),
        **counts,
        "claims": claims,
        "seconds": round(seconds, 3),
        "parse_seconds": round(sum(r.parse_seconds for r in results), 3),
        "db_seconds": round(sum(r.db_seconds for r in results), 3),
    }


def _total_line(t: dict[str, Any], *, dry_run: bool) -> str:
    line = (
        f"total: {t['articles']} articles in {t['files']} files: {t['created']} created, "
        f"{t['updated']} updated, {t['unchanged']} unchanged, {t['failed']} failed; "
        f"{t['claims']} claims in {t['seconds']:.1f} s "
        f"(parsing {t['parse_seconds']:.1f} s, database {t['db_seconds']:.1f} s)"
    )
    if dry_run:
        line += " — dry run: nothing was written"
    return line
