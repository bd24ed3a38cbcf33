"""A batch of imports: each article read, checked, parsed and saved, its result built once.

Each stage returns a value: ``reading`` the items of an input, ``_prepare`` an article to
parse (or its final result: failed, or unchanged), ``parsing`` the parsed article,
``validation`` its row, ``persist`` what the transaction wrote; the ``ImportResult`` is
assembled from them at the end.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError

from claims.extract.errors import ArticleError
from claims.extract.types import ArticleHints, ParsedArticle
from claims.matching import frequencies

from . import formats, parsing
from .actor_cache import KnownActorCache
from .events import EventIndex
from .persist import Saved, failure_reason, find_unchanged, save_article
from .reading import (
    Read,
    Source,
    Unreadable,
    collect_files,
    content_hash,
    read_data,
    read_file,
    read_source,
    read_url,
    source_name_for,
)
from .result import ImportResult
from .validation import article_row, validate_input, validate_parsed

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Pending:
    """One article between reading and saving: checked, not yet parsed or saved."""

    item: formats.ImportItem
    url: str
    digest: str
    read_seconds: float
    recheck: bool = False  # the same text came earlier in this batch: check again at saving
    future: Future[parsing.Outcome] | None = None
    known_version: int = 0  # how many of the batch's new actors the worker's parse knew


_Entry = ImportResult | _Pending


class Importer:
    """A batch of imports: one cache of known actors (and curated events) for all of it.

    Each article is still its own transaction, so one bad file never stops the others.
    ``jobs`` > 1 parses in that many worker processes while this one writes (used for
    batches of at least ``PARALLEL_MIN_FILES`` files). ``durable=False`` lets PostgreSQL
    acknowledge commits before they reach the disk (``synchronous_commit = off``, this
    transaction only): a crash may lose the last moments of a batch import, which re-running
    it restores, and each commit no longer waits for a disk flush.
    """

    def __init__(self, *, dry_run: bool = False, durable: bool = True, jobs: int = 1) -> None:
        self.dry_run = dry_run
        self.durable = durable
        self.jobs = max(1, jobs)
        self._actors: KnownActorCache | None = None
        self._events: EventIndex | None = None
        self._digests: set[str] = set()
        self.words = frequencies.Tally()  # related-claim matching's word counts
        self._async_session = False  # synchronous_commit is off for the whole session

    @property
    def actors(self) -> KnownActorCache:
        if self._actors is None:
            self._actors = KnownActorCache()
        return self._actors

    @property
    def events(self) -> EventIndex:
        if self._events is None:
            self._events = EventIndex.curated()
        return self._events

    # -- entry points --

    def article(
        self,
        *,
        text: str,
        source_name: str,
        title: str | None = None,
        url: str | None = None,
        published_on: date | None = None,
        publisher: str | None = None,
        author: str | None = None,
        raw_text: str | None = None,
        hints: ArticleHints | None = None,
    ) -> ImportResult:
        merged = formats.with_overrides(
            hints or ArticleHints(),
            title=title,
            url=url,
            published_on=published_on,
            publisher=publisher,
            author=author,
        )
        raw = text if raw_text is None else raw_text
        item = formats.ImportItem(text=text, hints=merged, source_name=source_name, raw_text=raw)
        return self._complete(self._prepare(item, read_seconds=0.0))

    def data(
        self,
        data: bytes | str,
        *,
        source_name: str,
        hints: ArticleHints | None = None,
        fmt: formats.Format | None = None,
    ) -> list[ImportResult]:
        """Every article in one input (JSON Lines: many); ``fmt`` else detected."""
        read = read_data(data, source_name, hints, fmt=fmt)
        return [self._complete(e) for e in self._entries(read)]

    def file(self, path: str | os.PathLike[str]) -> list[ImportResult]:
        return [self._complete(entry) for entry in self._entries(read_file(Path(path)))]

    def url(self, url: str, *, hints: ArticleHints | None = None) -> list[ImportResult]:
        """The article at ``url``, fetched safely (``fetch``); see ``reading.read_url``."""
        return [self._complete(entry) for entry in self._entries(read_url(url, hints))]

    def paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        on_result: Callable[[Source, ImportResult], None] | None = None,
        on_file: Callable[[int, int], None] | None = None,
    ) -> list[ImportResult]:
        """Files and directories (recursively, sorted) and URLs, saved in that order. A failure
        never stops the batch: unexpected errors are logged and reported as that file's."""
        files = collect_files(paths)
        parallel = self.jobs > 1 and len(files) >= parsing.PARALLEL_MIN_FILES
        pool = parsing.ParsePool(self.jobs, self.actors) if parallel else None
        results: list[ImportResult] = []
        queue: deque[tuple[int, Source, list[_Entry]]] = deque()

        def finish_next() -> None:
            done, path, entries = queue.popleft()
            for entry in entries:
                version = self.actors.version
                result = self._complete_in_batch(entry, path)
                if on_result:
                    on_result(path, result)
                results.append(result)
                if pool and self.actors.version != version:
                    _resend_stale(pool, queue, self.actors)
            if on_file:
                on_file(done, len(files))

        try:
            self._async_session = _commit_async(True, durable=self.durable)
            with self.words.holding():
                for done, path in enumerate(files, start=1):
                    entries = self._read_path(path)
                    if pool:
                        entries = [_submit(pool, entry, self.actors) for entry in entries]
                    queue.append((done, path, entries))
                    # Sequentially: save each file now. In parallel: keep the workers fed.
                    while queue and (pool is None or _in_flight(queue) > pool.window):
                        finish_next()
                while queue:
                    finish_next()
        finally:
            if pool:
                pool.shutdown()
            self._async_session = _commit_async(False, durable=self.durable)
        return results

    def _read_path(self, path: Source) -> list[_Entry]:
        try:
            return self._entries(read_source(path))
        except Exception as exc:
            logger.exception("reading %s failed", path)
            name = path if isinstance(path, str) else source_name_for(path)
            return [self._failed(name, f"internal error: {type(exc).__name__}")]

    def _complete_in_batch(self, entry: _Entry, path: Source) -> ImportResult:
        try:
            return self._complete(entry)
        except Exception as exc:  # a pipeline bug on one file must not stop the batch
            logger.exception("importing %s failed", path)
            reason = f"internal error: {type(exc).__name__}"
            if isinstance(entry, _Pending):
                return self._failed(entry.item.source_name, reason, entry.read_seconds)
            return replace(entry, status="failed", error=reason)

    # -- the stages of one article: read, prepare (check), parse, save --

    def _failed(self, source_name: str, reason: str, parse_seconds: float = 0.0) -> ImportResult:
        return ImportResult.failed(
            source_name, reason, dry_run=self.dry_run, parse_seconds=parse_seconds
        )

    def _entries(self, read: Read) -> list[_Entry]:
        """The input's articles, checked; its reading time counts with the first one."""
        entries: list[_Entry] = []
        for i, item in enumerate(read.items):
            seconds = read.seconds if i == 0 else 0.0
            if isinstance(item, Unreadable):
                entries.append(self._failed(item.source_name, item.error, seconds))
            else:
                entries.append(self._prepare(item, read_seconds=seconds))
        return entries

    def _prepare(self, item: formats.ImportItem, *, read_seconds: float) -> _Entry:
        """Checks, and the "unchanged" check: reads only. A final result, or an article to
        parse and save."""
        started = time.perf_counter()
        try:
            url = validate_input(
                text=item.text,
                raw_text=item.raw_text,
                source_name=item.source_name,
                hints=item.hints,
            )
        except ArticleError as exc:
            return self._failed(item.source_name, str(exc), read_seconds)
        digest = content_hash(item.raw_text)
        # The same raw text was imported before (under any name): nothing to do, not even
        # parsing. A read, so it can happen before the transaction.
        same = find_unchanged(digest, parsing.version())
        if same is not None:
            return ImportResult.unchanged(
                item.source_name,
                same,
                dry_run=self.dry_run,
                parse_seconds=read_seconds,
                db_seconds=time.perf_counter() - started,
            )
        recheck = digest in self._digests
        self._digests.add(digest)
        return _Pending(item, url, digest, read_seconds, recheck=recheck)

    def _complete(self, entry: _Entry) -> ImportResult:
        """Parse (or collect the worker's parse) and save, turning the expected failures
        into a failed result; anything else is a bug and propagates."""
        if isinstance(entry, ImportResult):
            return entry
        source_name = entry.item.source_name
        try:
            parsed, seconds = _parse(entry, self.actors)
        except ArticleError as exc:
            return self._failed(source_name, str(exc), entry.read_seconds)
        parse_seconds = entry.read_seconds + seconds
        try:
            validate_parsed(parsed.article)
            return self._save(entry, parsed, parse_seconds)
        except Exception as exc:
            reason = failure_reason(exc)
            if reason is None:
                raise
            if isinstance(exc, IntegrityError) and not isinstance(exc, ProtectedError):
                # An actor it named may have been merged away meanwhile: the batch reloads
                # its actors, so a retry (or the next article) does not point at it.
                self._actors = None
            return self._failed(source_name, reason, parse_seconds)

    def _save(self, p: _Pending, parsed: parsing.Parsed, parse_seconds: float) -> ImportResult:
        item = p.item
        same = find_unchanged(p.digest, parsing.version()) if p.recheck else None
        if same is not None:
            return ImportResult.unchanged(
                item.source_name, same, dry_run=self.dry_run, parse_seconds=parse_seconds
            )
        metadata = _article_row(p, parsed.article)
        started = time.perf_counter()
        with transaction.atomic():
            if not self.durable and not self._async_session and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
            saved = save_article(
                parsed.article,
                metadata,
                claim_tokens=parsed.tokens,
                actors=self.actors,
                events=self.events,
                words=self.words,
            )
            if self.dry_run:
                # Everything ran, constraints included, so the report is exact; then undo.
                transaction.set_rollback(True)
        if not self.dry_run:
            self.actors.add(saved.actors)
        return _saved_result(
            saved,
            source_name=item.source_name,
            title=metadata["title"],
            dry_run=self.dry_run,
            parse_seconds=parse_seconds,
            db_seconds=time.perf_counter() - started,
        )


def _commit_async(on: bool, *, durable: bool) -> bool:
    """For a non-durable batch, one SET for the session rather than one per article; whether
    the session now has it."""
    if durable or connection.vendor != "postgresql" or connection.in_atomic_block:
        return False  # inside a transaction (tests, callers' own): per-transaction SET LOCAL
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off" if on else "RESET synchronous_commit")
    except DatabaseError:
        return False  # connection lost: nothing to reset
    return on


def _submit(pool: parsing.ParsePool, entry: _Entry, actors: KnownActorCache) -> _Entry:
    if isinstance(entry, ImportResult):
        return entry
    future = pool.submit(entry.item.text, entry.item.hints, actors)
    return replace(entry, future=future, known_version=actors.version)


def _resend_stale(
    pool: parsing.ParsePool,
    queue: Iterable[tuple[int, Source, list[_Entry]]],
    actors: KnownActorCache,
) -> None:
    """Actors the last article created may change how articles already sent parse
    (``changed_for``): send those again now, so a worker redoes them while this process
    saves the ones before, instead of this process parsing them when their turn comes
    (which also loads the whole pipeline here: more CPU than waiting for a worker)."""
    for _, _, entries in queue:
        for i, entry in enumerate(entries):
            if (
                isinstance(entry, _Pending)
                and entry.future is not None
                and actors.changed_for(entry.item.text, since=entry.known_version)
            ):
                entry.future.cancel()  # its result would be thrown away
                try:
                    entries[i] = _submit(pool, entry, actors)
                except BrokenProcessPool:
                    entries[i] = replace(entry, future=None)  # parsed here, at its turn


def _parse(p: _Pending, actors: KnownActorCache) -> tuple[parsing.Parsed, float]:
    """The parsed article and the seconds spent parsing it (in a worker, and here)."""
    seconds = 0.0
    if p.future is not None:
        try:
            outcome, seconds = p.future.result()
        except BrokenProcessPool:
            outcome, seconds = None, 0.0  # a worker died: parse here instead
        if isinstance(outcome, ArticleError):
            raise outcome
        # Actors created since the task was sent (by articles still in flight then)
        # might change how this text resolves names: parse again here if so.
        if outcome is not None and not actors.changed_for(p.item.text, since=p.known_version):
            return outcome, seconds
    started = time.perf_counter()
    article = parsing.parse_here(p.item.text, hints=p.item.hints, known_actors=actors.snapshot())
    return parsing.Parsed.of(article), seconds + time.perf_counter() - started


def _saved_result(
    saved: Saved,
    *,
    source_name: str,
    title: str,
    dry_run: bool,
    parse_seconds: float,
    db_seconds: float,
) -> ImportResult:
    return ImportResult(
        status=saved.status,
        source_name=source_name,
        # A dry run's new article was rolled back: it has no id to report.
        article_id=None if dry_run and saved.status == "created" else saved.article_id,
        title=title,
        claim_count=saved.claim_count,
        kept_claims=saved.kept,
        new_actors=len(saved.actors.new_rows),
        events_linked=saved.events.linked,
        events_suggested=saved.events.suggested_created,
        parse_seconds=parse_seconds,
        db_seconds=db_seconds,
        dry_run=dry_run,
    )


def _in_flight(queue: Iterable[tuple[int, Source, list[_Entry]]]) -> int:
    """Articles sent to the workers and not yet saved."""
    return sum(
        1
        for _, _, entries in queue
        for entry in entries
        if isinstance(entry, _Pending) and entry.future is not None
    )


def _article_row(p: _Pending, parsed: ParsedArticle) -> dict:
    """The article's columns for a parsed, pending item."""
    return article_row(
        parsed,
        hints=p.item.hints,
        url=p.url,
        raw_text=p.item.raw_text,
        digest=p.digest,
        source_name=p.item.source_name,
        pipeline_version=parsing.version(),
    )
