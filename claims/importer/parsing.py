"""Which text pipeline the importer runs, here or in worker processes ahead of the saving.

Pure (no Django): a spawned worker imports only this module and the text pipeline, which is
also why ``claims/importer/__init__.py`` stays empty. ``PARSER`` (by name, for the workers)
and ``parse_here`` (this process) are the one seam tests patch. The parent sends each worker
the known actors once (``init_worker``); each task carries only the actors the batch created
since (as plain tuples: ``ActorRow``), so every parse sees exactly what a sequential import
would have seen when the task was submitted.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from claims.extract.errors import ArticleError
from claims.extract.types import ArticleHints, KnownActor, KnownActorSnapshot, ParsedArticle
from claims.extract.version import pipeline_version
from claims.matching.similarity import tokens

# Tests point this at a stand-in; workers import it by name (they have no Django).
PARSER = "claims.extract.pipeline:parse_article"
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 64
# Workers parse ahead at a lower priority. The saving process and its database backend take
# turns (the import's serial chain, which bounds claims/s), while the workers have time to
# spare: a worker holding a core the chain needs costs the whole batch, and a worker waiting
# costs nothing while its queue is full (on 2 cores, 5 % more claims/s; the web server's
# requests come before parsing, too).
WORKER_NICENESS = 10


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed article and the distinct word tokens of each of its claims (what the word
    counts of related-claim matching count: ``frequencies``). Tokenising is pure work, so it
    is done where the parse ran: in a worker it is off the saving process's critical path."""

    article: ParsedArticle
    tokens: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, article: ParsedArticle) -> Parsed:
        return cls(article, tuple(frozenset(tokens(claim.text)) for claim in article.claims))


Outcome = tuple[Parsed | ArticleError, float]
# A task's new actors travel as plain tuples (name, kind, aliases): a dataclass instance
# costs ~15x a tuple to pickle and unpickle (216 against 12 us for 160 actors), paid for
# every task by the saving process (its queue feeder thread holds the GIL meanwhile) and
# again by the worker.
ActorRow = tuple[str, str, tuple[str, ...]]


@functools.cache
def load_parser(path: str) -> Callable[..., ParsedArticle]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def version() -> str:
    """What is stored as the article's ``pipeline_version``: the real pipeline's digest.
    (A test that swaps pipelines to prove a re-parse swaps this too.)"""
    return pipeline_version()


def parse_here(
    text: str, *, hints: ArticleHints, known_actors: KnownActorSnapshot
) -> ParsedArticle:
    """Parse in this process, with the pipeline ``PARSER`` names."""
    return load_parser(PARSER)(text, hints=hints, known_actors=known_actors)


# --- In a worker process ---------------------------------------------------------------------

_parse: Callable[..., ParsedArticle] | None = None
_base: tuple[KnownActor, ...] = ()
_combined: KnownActorSnapshot | None = None


def init_worker(parser: str, known: KnownActorSnapshot) -> None:
    global _parse, _base, _combined
    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows
        os.nice(WORKER_NICENESS)
    _parse = load_parser(parser)
    _base = known.actors
    _combined = known


def parse(text: str, hints: ArticleHints, extra: tuple[ActorRow, ...], generation: int) -> Outcome:
    """(parsed article or the reason it cannot be imported, seconds spent parsing). The
    known actors are the base ones plus ``extra``: the parent's snapshot ``generation``."""
    global _combined
    assert _parse is not None, "init_worker was not called"
    if _combined is None or _combined.generation != generation:
        added = tuple(KnownActor(*row) for row in extra)  # type: ignore[arg-type]
        _combined = KnownActorSnapshot(_base + added, generation)
    started = time.perf_counter()
    try:
        parsed = Parsed.of(_parse(text, hints=hints, known_actors=_combined))
    except ArticleError as exc:
        return exc, time.perf_counter() - started
    return parsed, time.perf_counter() - started


# --- In the importing process ----------------------------------------------------------------


class KnownActors(Protocol):
    """What the pool needs of the batch's ``KnownActorCache``."""

    @property
    def version(self) -> int: ...

    @property
    def generation(self) -> int: ...

    def snapshot(self) -> KnownActorSnapshot: ...

    def added_since(self, version: int) -> tuple[KnownActor, ...]: ...


class ParsePool:
    """Worker processes parsing ahead of the article being saved."""

    def __init__(self, jobs: int, actors: KnownActors) -> None:
        self.base_version = actors.version
        self._rows: tuple[ActorRow, ...] = ()  # the actors added since, for generation:
        self._rows_generation: int | None = None
        self.window = jobs * 4  # parses in flight: enough to keep every worker busy
        # spawn, not fork: a forked child would share this process's database connection.
        self.pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(PARSER, actors.snapshot()),
        )

    def submit(self, text: str, hints: ArticleHints, actors: KnownActors) -> Future[Outcome]:
        generation = actors.generation
        if generation != self._rows_generation:  # made once per generation, not per task
            self._rows = tuple(
                (a.name, a.kind, a.aliases) for a in actors.added_since(self.base_version)
            )
            self._rows_generation = generation
        return self.pool.submit(parse, text, hints, self._rows, generation)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
