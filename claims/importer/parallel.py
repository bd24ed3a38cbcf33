"""Parsing articles in worker processes while the main process writes to the database.

Pure (no Django): a spawned worker imports only this module and the text pipeline. The
parent sends each worker the known actors once (``init_worker``); each task carries only the
actors the batch created since, so every parse sees exactly what a sequential import
would have seen when the task was submitted.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Sequence

from claims.extract.errors import ArticleError
from claims.extract.types import ArticleHints, KnownActor, ParsedArticle

DEFAULT_PARSER = "claims.extract.pipeline:parse_article"

_parse: Callable[..., ParsedArticle] | None = None
_base: tuple[KnownActor, ...] = ()
_combined: tuple[int, tuple[KnownActor, ...]] | None = None


def load_parser(path: str) -> Callable[..., ParsedArticle]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def init_worker(parser: str, known: Sequence[KnownActor]) -> None:
    global _parse, _base, _combined
    _parse = load_parser(parser)
    _base = tuple(known)
    _combined = None


def parse(
    text: str, hints: ArticleHints, extra: tuple[KnownActor, ...]
) -> tuple[ParsedArticle | ArticleError, float]:
    """(parsed article or the reason it cannot be imported, seconds spent parsing)."""
    global _combined
    assert _parse is not None, "init_worker was not called"
    if not extra:
        known = _base
    elif _combined is not None and _combined[0] == len(extra):
        known = _combined[1]  # same tuple object as last time: the pipeline may cache on it
    else:
        known = _base + extra
        _combined = (len(extra), known)
    started = time.perf_counter()
    try:
        parsed = _parse(text, hints=hints, known_actors=known)
    except ArticleError as exc:
        return exc, time.perf_counter() - started
    return parsed, time.perf_counter() - started
