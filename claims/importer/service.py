"""Importing articles into the database: the one flow that spans many models.

``import_article`` validates and parses (pure, before any write), then saves one article in
one transaction with batched writes. ``import_bytes`` / ``import_file`` / ``import_paths``
read inputs through ``formats`` and import every article in them, sharing one ``Importer``
(a batch: known actors are loaded once, not once per article or claim).

Re-import safety — nothing an editor did is ever lost:

* same raw text (same SHA-256) → "unchanged", nothing written;
* same URL, or same source name → "updated": claims with editor work (a verdict, a review,
  evidence or a relation) are kept as they are — same pk, verdict, history, relations and
  evidence — and only their offsets are re-pointed into the new body; the other claims are
  replaced by the new parse. If a kept claim's text is no longer in the new body the update
  fails, naming the claims, and nothing changes.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import logging
import math
import multiprocessing
import os
import re
import time
from collections import ChainMap, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Case, F, Value, When
from django.db.models.deletion import ProtectedError

from claims.extract.errors import ArticleError
from claims.extract.lexicon import NAME_SUFFIXES
from claims.extract.names import normalize_name
from claims.extract.paragraphs import paragraph_index, paragraph_spans
from claims.extract.types import ArticleHints, KnownActor, ParsedArticle, ParsedClaim
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
)

from . import bulk, formats, limits, parallel
from .events import ClaimForEvents, EventIndex, EventStats, link_claims_to_events

logger = logging.getLogger(__name__)

Status = Literal["created", "updated", "unchanged", "failed"]

_WORDS = re.compile(r"\w+")
# Choices' .values builds a new list on every access; these are checked per claim.
_CLAIM_KINDS = frozenset(Claim.Kind.values)
_ACTOR_KINDS = frozenset(Actor.Kind.values)
# The same few thousand names recur in every article; normalising them is not free.
_name_key = functools.lru_cache(maxsize=65_536)(normalize_name)

_CLAIM_BATCH = 1000  # rows per UPDATE: well under PostgreSQL's 65,535 parameters
_MAX_LENGTHS = {
    "title": 500,
    "subtitle": 1000,
    "publisher": 200,
    "author": 300,
    "section": 100,
    "language": 10,
}


@dataclass
class ImportResult:
    """What happened to one article. ``error`` is a one-line reason when it failed."""

    status: Status
    source_name: str
    article_id: int | None = None
    title: str = ""
    claim_count: int = 0
    kept_claims: int = 0  # reviewed claims preserved through an update
    new_actors: int = 0
    events_linked: int = 0
    events_suggested: int = 0
    error: str = ""
    parse_seconds: float = 0.0
    db_seconds: float = 0.0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["parse_seconds"] = round(self.parse_seconds, 4)
        data["db_seconds"] = round(self.db_seconds, 4)
        return data


# --- The pipeline seam -----------------------------------------------------------------------


def _parse_article(
    text: str, *, hints: ArticleHints, known_actors: Sequence[KnownActor]
) -> ParsedArticle:
    """The pure text pipeline. Imported lazily so the database side loads (and is testable
    with hand-built ``ParsedArticle`` objects) without it."""
    from claims.extract.pipeline import parse_article

    return parse_article(text, hints=hints, known_actors=known_actors)


def content_hash(raw_text: str) -> str:
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


# --- Known actors, cached per batch ----------------------------------------------------------


class _ActorIndex:
    """Every actor and alias, by normalised form, loaded once per batch (two queries).

    Actors created by an article are added only after its transaction commits, so a failed
    article never leaves ids in the cache that the database rolled back.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.undescribed: set[int] = set()  # people without a description yet
        self._names: dict[int, tuple[str, str]] = {}
        self._aliases: dict[int, list[str]] = {}
        for pk, name, kind, key, description in Actor.objects.values_list(
            "pk", "name", "kind", "normalized_name", "description"
        ):
            self._names[pk] = (name, kind)
            self.ids.setdefault(key, pk)
            if kind == Actor.Kind.PERSON and not description:
                self.undescribed.add(pk)
        for actor_id, alias, key in ActorAlias.objects.values_list(
            "actor_id", "alias", "normalized"
        ):
            self._aliases.setdefault(actor_id, []).append(alias)
            self.ids.setdefault(key, actor_id)
        self._known: tuple[KnownActor, ...] | None = None
        self._added: list[KnownActor] = []

    @property
    def known(self) -> tuple[KnownActor, ...]:
        # The same tuple object until actors are added, so the pipeline may cache on it.
        if self._known is None:
            self._known = tuple(
                KnownActor(name=name, kind=kind, aliases=tuple(self._aliases.get(pk, ())))  # type: ignore[arg-type]
                for pk, (name, kind) in self._names.items()
            )
        return self._known

    def add(self, actors: _Actors) -> None:
        for pk, name, kind, key in actors.new_rows:
            if pk not in self._names:
                self._added.append(KnownActor(name=name, kind=kind))  # type: ignore[arg-type]
            self._names[pk] = (name, kind)
            self.ids.setdefault(key, pk)
            self._known = None
        self.undescribed -= actors.described
        self.undescribed |= actors.undescribed

    @property
    def version(self) -> int:
        """How many actors this batch has added so far."""
        return len(self._added)

    def added_since(self, version: int) -> tuple[KnownActor, ...]:
        return tuple(self._added[version:])

    def changed_for(self, text: str, *, since: int) -> bool:
        """Could actors added after ``since`` change how ``text`` is parsed? The pipeline
        finds a known actor by its whole name (so its first word must occur) and a known
        person also by surname alone: if neither word occurs, the parse is the same."""
        new = self._added[since:]
        if not new:
            return False
        # Word by word: the same few thousand words recur, so _name_key's cache answers
        # most, where normalising the whole text would cost a pass over every character.
        words = {_name_key(word) for word in set(_WORDS.findall(text))}
        return any(_trigger_word(actor) in words for actor in new)


def _trigger_word(actor: KnownActor) -> str:
    words = _name_key(actor.name).split() or [""]
    if actor.kind != "person":
        return words[0]
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words[-1]


@dataclass
class _Actors:
    """The actors one article uses, and what it changed (applied to the batch's index only
    once the article's transaction committed)."""

    ids: Mapping[str, int]
    new_rows: list[tuple[int, str, str, str]] = field(default_factory=list)
    described: set[int] = field(default_factory=set)  # got their first description
    undescribed: set[int] = field(default_factory=set)  # created without one


# --- Validation (pure, before any write) -----------------------------------------------------

_url_validator = URLValidator(schemes=["http", "https"])


def _clip(value: str | None, field_name: str) -> str:
    """Display fields longer than their column are shortened, visibly, rather than failing
    the article on a long byline."""
    value = " ".join((value or "").split())
    limit = _MAX_LENGTHS[field_name]
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _validate_url(url: str | None) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > 1000:
        raise ArticleError("bad URL: longer than 1000 characters")
    try:
        _url_validator(url)
    except ValidationError:
        raise ArticleError(f"bad URL: {url[:200]!r}") from None
    return url


def _validate_parsed(parsed: ParsedArticle) -> None:
    if not parsed.body.strip():
        raise ArticleError("no article text left after cleaning")
    if not parsed.claims:
        raise ArticleError("no claims found in the text (no checkable sentences)")
    body = parsed.body
    for i, claim in enumerate(parsed.claims):
        # bulk_create bypasses Claim.save(), so the offsets invariant is checked here.
        if not (0 <= claim.start < claim.end <= len(body)) or body[claim.start : claim.end] != (
            claim.text
        ):
            raise ArticleError(
                f"internal error: claim {i} does not match the body at "
                f"[{claim.start}:{claim.end}] (pipeline offsets are wrong)"
            )
        if claim.kind not in _CLAIM_KINDS:
            raise ArticleError(f"internal error: claim {i} has unknown kind {claim.kind!r}")


def _worthiness(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return min(1.0, max(0.0, float(value)))


def _paragraph_index(body: str) -> Callable[[int], int]:
    """offset → index of its paragraph, as ``Article.paragraphs`` counts them."""
    return functools.partial(paragraph_index, paragraph_spans(body))


# --- Re-import: which claims are kept, and where they now are --------------------------------


@dataclass
class _Kept:
    pk: int
    text: str
    old_start: int
    start: int = -1
    end: int = -1


def _editor_claims(article: Article) -> list[_Kept]:
    """The article's claims with editor work, in text order, in one query."""
    rows = (
        Claim.objects.filter(article=article)
        .with_editor_work()
        .order_by("start", "pk")
        .values_list("pk", "text", "start")
    )
    return [_Kept(pk=pk, text=text, old_start=start) for pk, text, start in rows]


def _repoint(kept: list[_Kept], body: str) -> list[int]:
    """Find each kept claim's exact text in the new body: the occurrence nearest to where it
    was (shifted by how far the previous kept claim moved), not overlapping another kept
    claim. Returns the pks of the claims whose text is gone."""
    taken: list[tuple[int, int]] = []
    missing: list[int] = []
    shift = 0
    for claim in kept:
        expected = claim.old_start + shift
        best: int | None = None
        pos = body.find(claim.text)
        while pos != -1:
            end = pos + len(claim.text)
            if not any(pos < t_end and t_start < end for t_start, t_end in taken) and (
                best is None or abs(pos - expected) < abs(best - expected)
            ):
                best = pos
            pos = body.find(claim.text, pos + 1)
        if best is None:
            missing.append(claim.pk)
            continue
        claim.start, claim.end = best, best + len(claim.text)
        taken.append((claim.start, claim.end))
        shift = claim.start - claim.old_start
    return missing


# --- The batch -------------------------------------------------------------------------------


@dataclass
class _Saved:
    article_id: int
    status: Status
    claim_count: int
    kept: int
    actors: _Actors
    events: EventStats = field(default_factory=EventStats)


@dataclass
class _Pending:
    """One article between reading and saving: validated, not yet parsed or saved."""

    result: ImportResult
    text: str
    raw_text: str
    hints: ArticleHints
    url: str
    digest: str
    recheck: bool = False  # the same text came earlier in this batch: check again at saving
    future: Future[tuple[ParsedArticle | ArticleError, float]] | None = None
    known_version: int = 0  # how many of the batch's new actors the parse knew


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
        self._actors: _ActorIndex | None = None
        self._events: EventIndex | None = None
        self._digests: set[str] = set()
        self._async_session = False  # synchronous_commit is off for the whole session

    @property
    def actors(self) -> _ActorIndex:
        if self._actors is None:
            self._actors = _ActorIndex()
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
        return self._complete(
            self._prepare(
                text=text,
                raw_text=text if raw_text is None else raw_text,
                hints=merged,
                source_name=source_name,
            )
        )

    def data(
        self,
        data: bytes | str,
        *,
        source_name: str,
        hints: ArticleHints | None = None,
    ) -> list[ImportResult]:
        """Every article in one input (a JSON Lines file may hold many)."""
        return [self._complete(entry) for entry in self._read(data, source_name, hints)]

    def file(self, path: str | os.PathLike[str]) -> list[ImportResult]:
        return [self._complete(entry) for entry in self._read_file(Path(path))]

    def paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        on_result: Callable[[Path, ImportResult], None] | None = None,
        on_file: Callable[[int, int], None] | None = None,
    ) -> list[ImportResult]:
        """Files and directories (recursively, sorted), saved in that order. A file that
        fails never stops the batch: unexpected errors are logged and reported as that
        file's failure."""
        files = collect_files(paths)
        pool = _ParsePool(self) if self.jobs > 1 and len(files) >= PARALLEL_MIN_FILES else None
        results: list[ImportResult] = []
        queue: deque[tuple[int, Path, list[ImportResult | _Pending]]] = deque()

        def finish_next() -> None:
            done, path, entries = queue.popleft()
            for entry in entries:
                try:
                    result = self._complete(entry)
                except Exception as exc:  # a pipeline bug on one file must not stop the batch
                    logger.exception("importing %s failed", path)
                    result = entry.result if isinstance(entry, _Pending) else entry
                    result.status = "failed"
                    result.error = f"internal error: {type(exc).__name__}"
                if on_result:
                    on_result(path, result)
                results.append(result)
            if on_file:
                on_file(done, len(files))

        try:
            self._commit_async(True)
            for done, path in enumerate(files, start=1):
                try:
                    entries = self._read_file(path)
                except Exception as exc:
                    logger.exception("reading %s failed", path)
                    reason = f"internal error: {type(exc).__name__}"
                    entries = [self._failed(source_name_for(path), reason)]
                if pool:
                    for entry in entries:
                        if isinstance(entry, _Pending):
                            pool.submit(entry)
                queue.append((done, path, entries))
                # Sequentially: save each file now. In parallel: keep the workers fed.
                while queue and (pool is None or pool.in_flight(queue) > pool.window):
                    finish_next()
            while queue:
                finish_next()
        finally:
            if pool:
                pool.shutdown()
            self._commit_async(False)
        return results

    def _commit_async(self, on: bool) -> None:
        """For a non-durable batch, one SET for the session rather than one per article."""
        if self.durable or connection.vendor != "postgresql" or connection.in_atomic_block:
            return  # inside a transaction (tests, callers' own): per-transaction SET LOCAL
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off" if on else "RESET synchronous_commit")
            self._async_session = on
        except DatabaseError:
            self._async_session = False  # connection lost: nothing to reset

    # -- the stages of one article: read, prepare (validate), parse, save --

    def _failed(self, source_name: str, reason: str) -> ImportResult:
        return ImportResult(
            status="failed", source_name=source_name, error=reason, dry_run=self.dry_run
        )

    def _read_file(self, path: Path) -> list[ImportResult | _Pending]:
        name = source_name_for(path)
        try:
            limits.check_size(path.stat().st_size)  # before reading it into memory
            data = path.read_bytes()
        except ArticleError as exc:
            return [self._failed(name, str(exc))]
        except FileNotFoundError:
            return [self._failed(name, "no such file")]
        except IsADirectoryError:
            return [self._failed(name, "is a directory")]
        except OSError as exc:
            return [self._failed(name, f"cannot read the file: {exc.strerror or exc}")]
        return self._read(data, name, None)

    def _read(
        self, data: bytes | str, source_name: str, hints: ArticleHints | None
    ) -> list[ImportResult | _Pending]:
        started = time.perf_counter()
        try:
            items = formats.read_items(data, source_name=source_name)
        except ArticleError as exc:
            result = self._failed(source_name, str(exc))
            result.parse_seconds = time.perf_counter() - started
            return [result]
        read_seconds = time.perf_counter() - started
        entries: list[ImportResult | _Pending] = []
        for item in items:
            if isinstance(item, formats.FailedItem):
                entries.append(self._failed(item.source_name, str(item.error)))
                continue
            item_hints = item.hints
            if hints is not None:
                item_hints = formats.with_overrides(item_hints, **_hint_values(hints))
            entries.append(
                self._prepare(
                    text=item.text,
                    raw_text=item.raw_text,
                    hints=item_hints,
                    source_name=item.source_name,
                )
            )
        if entries:
            first = entries[0]
            (first.result if isinstance(first, _Pending) else first).parse_seconds += read_seconds
        return entries

    def _prepare(
        self, *, text: str, raw_text: str, hints: ArticleHints, source_name: str
    ) -> ImportResult | _Pending:
        """Validation, and the "unchanged" check: reads only. A final result, or an article
        to parse and save."""
        started = time.perf_counter()
        result = ImportResult(status="failed", source_name=source_name, dry_run=self.dry_run)
        try:
            if not text.strip():
                raise ArticleError("empty article (no text)")
            limits.check_text(raw_text)
            if len(source_name) > 500:
                raise ArticleError("source name longer than 500 characters")
            url = _validate_url(hints.url)
        except ArticleError as exc:
            result.error = str(exc)
            return result
        digest = content_hash(raw_text)
        # The same raw text was imported before (under any name): nothing to do, not even
        # parsing. A read, so it can happen before the transaction.
        if self._mark_unchanged(result, digest):
            result.db_seconds = time.perf_counter() - started
            return result
        recheck = digest in self._digests
        self._digests.add(digest)
        return _Pending(
            result=result,
            text=text,
            raw_text=raw_text,
            hints=hints,
            url=url,
            digest=digest,
            recheck=recheck,
        )

    def _mark_unchanged(self, result: ImportResult, digest: str) -> bool:
        # Plain SQL for the same reason as _find_existing: once per article, usually empty.
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {qn('id')}, {qn('title')} FROM {qn(Article._meta.db_table)} "
                f"WHERE {qn('content_hash')} = %s",
                [digest],
            )
            same = cursor.fetchone()
        if same is None:
            return False
        result.status = "unchanged"
        result.article_id, result.title = same
        result.claim_count = Claim.objects.filter(article_id=same[0]).count()
        return True

    def _complete(self, entry: ImportResult | _Pending) -> ImportResult:
        """Parse (or collect the worker's parse) and save, turning the expected failures
        into a failed result; anything else is a bug and propagates."""
        if isinstance(entry, ImportResult):
            return entry
        result = entry.result
        try:
            self._save_pending(entry)
        except ArticleError as exc:
            result.status, result.error = "failed", str(exc)
        except ProtectedError:
            result.status = "failed"
            result.error = "an editor reviewed a claim of this article during the import; retry"
        except IntegrityError as exc:
            result.status, result.error = "failed", _integrity_reason(exc)
            # An actor it named may have been merged away meanwhile: the batch reloads its
            # actors, so a retry (or the next article) does not point at the deleted one.
            self._actors = None
        except DatabaseError as exc:
            result.status = "failed"
            result.error = f"database error: {' '.join(str(exc).split())[:300]}"
        return result

    def _parse_pending(self, p: _Pending) -> ParsedArticle:
        result = p.result
        if p.future is not None:
            try:
                outcome, seconds = p.future.result()
            except BrokenProcessPool:
                outcome = None  # a worker died: parse here instead
            if outcome is not None:
                if isinstance(outcome, ArticleError):
                    raise outcome
                result.parse_seconds += seconds
                # Actors created since the task was sent (by articles still in flight then)
                # might change how this text resolves names: parse again here if so.
                if not self.actors.changed_for(p.text, since=p.known_version):
                    return outcome
        started = time.perf_counter()
        parsed = _parse_article(p.text, hints=p.hints, known_actors=self.actors.known)
        result.parse_seconds += time.perf_counter() - started
        return parsed

    def _save_pending(self, p: _Pending) -> None:
        result = p.result
        parsed = self._parse_pending(p)
        _validate_parsed(parsed)
        if p.recheck and self._mark_unchanged(result, p.digest):
            return
        hints, source_name = p.hints, result.source_name
        title = _clip(hints.title or parsed.title or Path(source_name).stem, "title")
        metadata = {
            "title": title or "Untitled",
            "subtitle": _clip(hints.subtitle or parsed.subtitle, "subtitle"),
            "publisher": _clip(hints.publisher or parsed.publisher, "publisher"),
            "author": _clip(hints.author or parsed.author, "author"),
            "url": p.url or _validate_url(parsed.url),
            "published_on": hints.published_on or parsed.published_on,
            "section": _clip(hints.section or parsed.section, "section"),
            "language": _clip(hints.language or parsed.language or "en", "language"),
            "body": parsed.body,
            "raw_text": p.raw_text,
            "content_hash": p.digest,
            "source_name": source_name,
        }

        db_started = time.perf_counter()
        with transaction.atomic():
            if not self.durable and not self._async_session and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
            saved = _save(parsed, metadata, self.actors, self.events)
            if self.dry_run:
                # Everything ran, constraints included, so the report is exact; then undo.
                transaction.set_rollback(True)
        if not self.dry_run:
            self.actors.add(saved.actors)
        result.db_seconds += time.perf_counter() - db_started
        result.status = saved.status
        result.article_id = None if self.dry_run and saved.status == "created" else saved.article_id
        result.title = metadata["title"]
        result.claim_count = saved.claim_count
        result.kept_claims = saved.kept
        result.new_actors = len(saved.actors.new_rows)
        result.events_linked = saved.events.linked
        result.events_suggested = saved.events.suggested_created


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 64
# Tests point this at a stand-in; workers import it by name (they have no Django).
PARSER = parallel.DEFAULT_PARSER


class _ParsePool:
    """Worker processes parsing ahead of the article being saved."""

    def __init__(self, importer: Importer) -> None:
        self.importer = importer
        actors = importer.actors
        self.base_version = actors.version
        self.window = importer.jobs * 4  # parses in flight: enough to keep every worker busy
        # spawn, not fork: a forked child would share this process's database connection.
        self.pool = ProcessPoolExecutor(
            max_workers=importer.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=parallel.init_worker,
            initargs=(PARSER, actors.known),
        )

    def submit(self, p: _Pending) -> None:
        actors = self.importer.actors
        p.known_version = actors.version
        extra = actors.added_since(self.base_version)
        p.future = self.pool.submit(parallel.parse, p.text, p.hints, extra)

    def in_flight(self, queue: Iterable[tuple[int, Path, list[ImportResult | _Pending]]]) -> int:
        return sum(
            1
            for _, _, entries in queue
            for entry in entries
            if isinstance(entry, _Pending) and entry.future is not None
        )

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _hint_values(hints: ArticleHints) -> dict[str, Any]:
    return {name: getattr(hints, name) for name in ArticleHints.__slots__}  # type: ignore[attr-defined]


def _integrity_reason(exc: IntegrityError) -> str:
    text = str(exc)
    if "article_url_unique" in text or "claims_article.url" in text:
        return "another article already has this URL"
    if "content_hash" in text:
        return "the same text was imported at the same time by another import"
    # Foreign keys are checked at commit: a concurrent edit shows up here, not as a 500.
    if 'delete on table "claims_claim"' in text:
        return "an editor reviewed a claim of this article during the import; retry"
    if "_fk_claims_actor_id" in text or "_fk_claims_event_id" in text:
        return "an actor or event it names was merged or deleted during the import; retry"
    if "FOREIGN KEY constraint failed" in text:  # SQLite names no table
        return "a row it refers to changed during the import; retry"
    return f"database integrity error: {' '.join(text.split())[:300]}"


# --- Saving (inside the article's transaction) -----------------------------------------------


def _find_existing(url: str, source_name: str) -> Article | None:
    """By URL when there is one; else by source name, unless that article has another URL
    (then it is a different article that happens to share a file name). Locked FOR UPDATE
    so two imports of one article take turns."""
    # Plain SQL: this runs for every article, nearly always to find nothing, and the ORM
    # would add the model's ORDER BY (PostgreSQL then walks an index instead).
    qn = connection.ops.quote_name
    if url:
        where = f"({qn('source_name')} = %s AND {qn('url')} = '') OR {qn('url')} = %s"
        params = [source_name, url]
    else:
        where, params = f"{qn('source_name')} = %s", [source_name]
    sql = f"SELECT {qn('id')}, {qn('url')} FROM {qn(Article._meta.db_table)} WHERE {where}"
    if connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        matches = cursor.fetchall()
    by_url = [pk for pk, article_url in matches if url and article_url == url]
    # Several articles may share a source name: the newest is the one being re-imported.
    pk = max(by_url or [pk for pk, _ in matches], default=None)
    return None if pk is None else Article.objects.get(pk=pk)


def _lock_known_actors(ids: Iterable[int]) -> None:
    """Key-share lock these actors, in primary-key order, before any claim is touched.
    ``editing.merge_actors`` locks its actors (FOR UPDATE, pk order) and then rewrites their claims;
    without this the import would lock claims first and the actors only at commit (deferred
    foreign-key checks): the opposite order, so a merge racing a re-import deadlocked. KEY
    SHARE blocks only a merge or delete of these actors, never another import naming them."""
    if connection.vendor != "postgresql":
        return  # SQLite has one writer at a time: no row locks, no deadlock
    ids = sorted(ids)
    if not ids:
        return
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qn('id')} FROM {qn(Actor._meta.db_table)} WHERE {qn('id')} = ANY(%s) "
            f"ORDER BY {qn('id')} FOR KEY SHARE",
            [ids],
        )


def _resolve_actors(parsed: ParsedArticle, index: _ActorIndex) -> _Actors:
    """Actor id for every normalised name the claims use; unknown ones are created in one
    insert. People get the role found in the article as their description, and a person
    who has none yet (first seen without a role) gets it from a later article. The known
    actors named are locked first (``_lock_known_actors``)."""
    wanted: dict[str, tuple[str, str, str]] = {}
    describe: dict[int, str] = {}
    named: set[int] = set()

    def want(name: str, kind: str, role: str) -> None:
        key = _name_key(name)
        role = " ".join(role.split())[:300]
        if not key or len(name) > 200:
            return
        known = index.ids.get(key)
        if known is not None:
            named.add(known)
            if role and known in index.undescribed and known not in describe:
                describe[known] = role
            return
        if key not in wanted or (role and not wanted[key][2]):
            wanted[key] = (name.strip(), kind, role)

    for claim in parsed.claims:
        kinds = {_name_key(m.name): m.kind for m in claim.mentions}
        for m in claim.mentions:
            want(m.name, m.kind, m.role or parsed.people.get(m.name, ""))
        if claim.speaker:
            want(
                claim.speaker,
                kinds.get(_name_key(claim.speaker), "person"),
                claim.speaker_role or parsed.people.get(claim.speaker, ""),
            )
    _lock_known_actors(named)
    new_ids: dict[str, int] = {}
    # Not a copy of the batch's index: that holds every actor in the database.
    result = _Actors(ids=ChainMap(new_ids, index.ids))
    if wanted:
        created = Actor.objects.bulk_create(
            [
                Actor(
                    name=name,
                    kind=kind if kind in _ACTOR_KINDS else Actor.Kind.OTHER,
                    description=role if kind == "person" else "",
                    normalized_name=key,
                )
                for key, (name, kind, role) in wanted.items()
            ],
            # A concurrent import may have created the same person: an upsert (rewriting
            # the same normalized_name) returns that row's id instead of failing, in the
            # same statement.
            update_conflicts=True,
            unique_fields=["name"],
            update_fields=["normalized_name"],
        )
        for actor in created:
            new_ids.setdefault(actor.normalized_name, actor.pk)
            result.new_rows.append((actor.pk, actor.name, actor.kind, actor.normalized_name))
            if actor.kind == Actor.Kind.PERSON and not actor.description:
                result.undescribed.add(actor.pk)
    if describe:
        # One UPDATE for all; "description = ''" again so an editor's text is never replaced.
        Actor.objects.filter(pk__in=list(describe), description="").update(
            description=Case(
                *[When(pk=pk, then=Value(role)) for pk, role in describe.items()],
                default=F("description"),
            )
        )
        result.described = set(describe)
    return result


def _save(
    parsed: ParsedArticle, metadata: dict[str, Any], index: _ActorIndex, events: EventIndex
) -> _Saved:
    body: str = metadata["body"]
    existing = _find_existing(metadata["url"], metadata["source_name"])
    kept: list[_Kept] = []
    if existing is not None:
        kept = _editor_claims(existing)
        missing = _repoint(kept, body)
        if missing:
            ids = ", ".join(str(pk) for pk in missing)
            raise ArticleError(
                f"reviewed claim(s) {ids} no longer appear in the new text; "
                "an editor must resolve them before this article can be re-imported"
            )

    actors = _resolve_actors(parsed, index)
    actor_ids = actors.ids

    if existing is None:
        (article_id,) = bulk.insert(Article, [metadata], returning_ids=True)
        status: Status = "created"
    else:
        article_id = existing.pk
        for name, value in metadata.items():
            setattr(existing, name, value)
        existing.save()
        status = "updated"
        # Untouched claims go (their links with them); the Collector re-checks the
        # PROTECTed reviews/evidence/relations, so a review added meanwhile aborts this.
        Claim.objects.filter(article=existing).exclude(pk__in=[k.pk for k in kept]).delete()
        if kept:
            # Out of the way of the new claims' positions until bulk_update renumbers them.
            Claim.objects.filter(pk__in=[k.pk for k in kept]).park()

    # New claims overlapping a kept claim are dropped: the editor's version wins.
    spans = sorted((k.start, k.end) for k in kept)
    fresh = [c for c in parsed.claims if not _overlaps(c, spans)]
    order = sorted(
        [(k.start, 0, k) for k in kept] + [(c.start, 1, c) for c in fresh],
        key=lambda item: (item[0], item[1]),
    )
    paragraph_of = _paragraph_index(body)
    new_claims: list[tuple[dict[str, Any], ParsedClaim]] = []
    kept_updates: list[Claim] = []
    for position, (_, _, item) in enumerate(order):
        if isinstance(item, _Kept):
            kept_updates.append(
                Claim(
                    pk=item.pk,
                    position=position,
                    start=item.start,
                    end=item.end,
                    paragraph=paragraph_of(item.start),
                )
            )
        else:
            new_claims.append((_claim_row(article_id, item, position, actor_ids), item))

    # Batched writes: one INSERT for the claims (ids back by position), one for their links.
    ids = bulk.insert(Claim, [row for row, _ in new_claims], returning_ids=True)
    for (row, _), pk in zip(new_claims, ids, strict=True):
        row["id"] = pk
    if kept_updates:
        Claim.objects.bulk_update(
            kept_updates, ["position", "start", "end", "paragraph"], batch_size=_CLAIM_BATCH
        )

    links = []
    for row, parsed_claim in new_claims:
        seen: set[int] = set()
        for m in parsed_claim.mentions:
            actor_id = actor_ids.get(_name_key(m.name))
            if actor_id is not None and actor_id not in seen:
                seen.add(actor_id)
                links.append({"claim_id": row["id"], "actor_id": actor_id})
    bulk.insert(Claim.actors.through, links)

    event_stats = link_claims_to_events(
        [_for_events(row, parsed_claim, actor_ids) for row, parsed_claim in new_claims],
        curated=events,
    )
    return _Saved(
        article_id=article_id,
        status=status,
        claim_count=len(order),
        kept=len(kept),
        actors=actors,
        events=event_stats,
    )


def _overlaps(claim: ParsedClaim, spans: Sequence[tuple[int, int]]) -> bool:
    i = bisect.bisect_left(spans, (claim.end, -1))
    # Only spans starting before the claim's end can overlap it; check the nearest ones.
    return any(start < claim.end and claim.start < end for start, end in spans[max(0, i - 2) : i])


def _claim_row(
    article_id: int, parsed: ParsedClaim, position: int, actor_ids: Mapping[str, int]
) -> dict[str, Any]:
    """A new claim as ``bulk.insert`` takes it (unset columns get the model's defaults)."""
    return {
        "article_id": article_id,
        "position": position,
        "text": parsed.text,
        "start": parsed.start,
        "end": parsed.end,
        "paragraph": max(0, parsed.paragraph),
        "kind": parsed.kind,
        "speaker_id": actor_ids.get(_name_key(parsed.speaker)) if parsed.speaker else None,
        "mentioned_dates": [
            {"text": d.text, "date": d.date.isoformat(), "precision": d.precision}
            for d in parsed.dates
        ],
        "check_worthiness": _worthiness(parsed.check_worthiness),
        "check_reasons": list(parsed.check_reasons),
    }


def _for_events(
    row: dict[str, Any], parsed: ParsedClaim, actor_ids: Mapping[str, int]
) -> ClaimForEvents:
    named = {actor_ids.get(_name_key(m.name)) for m in parsed.mentions}
    people = {actor_ids.get(_name_key(m.name)) for m in parsed.mentions if m.kind == "person"}
    if row["speaker_id"]:
        named.add(row["speaker_id"])
        people.add(row["speaker_id"])
    named.discard(None)
    people.discard(None)
    return ClaimForEvents(
        claim_id=row["id"],
        text=parsed.text,
        dates=parsed.dates,
        actor_ids=frozenset(named),  # type: ignore[arg-type]
        people_ids=frozenset(people),  # type: ignore[arg-type]
    )


# --- Files -----------------------------------------------------------------------------------


def source_name_for(path: Path) -> str:
    """The name an imported file is known by: relative to the working directory when inside
    it (so "seeds/a.txt" is the same file from any spelling of the path), else absolute."""
    try:
        resolved = path.resolve()
    except OSError:
        return str(path)
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _walk(directory: Path) -> Iterator[Path]:
    for entry in sorted(directory.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue  # .DS_Store, .git: never articles
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given, directories expanded recursively in sorted order. A path that does
    not exist is kept, so it is reported as a failure rather than silently skipped."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk(path))
        else:
            files.append(path)
    return files


# --- Module-level API ------------------------------------------------------------------------


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


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    dry_run: bool = False,
    jobs: int = 1,
    durable: bool = True,
    on_result: Callable[[Path, ImportResult], None] | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> list[ImportResult]:
    """Files and directories, one batch (known actors loaded once). See ``Importer`` for
    ``jobs`` (parse in worker processes) and ``durable``."""
    importer = Importer(dry_run=dry_run, jobs=jobs, durable=durable)
    return importer.paths(paths, on_result=on_result, on_file=on_file)
