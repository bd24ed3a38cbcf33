"""From files, URLs and bytes to the articles in them, each known by a source name (no
queries)."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claims.extract.errors import ArticleError
from claims.extract.types import ArticleHints

from . import fetch, formats, limits

# An input: a file (or directory) path, or a URL to fetch, kept as the string given.
Source = Path | str


@dataclass(frozen=True)
class Unreadable:
    """An input, or one item of it, that holds no article to import."""

    source_name: str
    error: str


@dataclass(frozen=True)
class Read:
    """What one input holds, and how long reading it took."""

    items: list[formats.ImportItem | Unreadable]
    seconds: float = 0.0


def content_hash(raw_text: str) -> str:
    return hashlib.sha256(raw_text.encode("utf-8")).hexdigest()


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


def paste_source_name(text: str) -> str:
    """The name of pasted text (admin, API): pastes have no file name; a name per content
    keeps two different pastes from being taken for versions of one article (a URL, when
    given, links versions instead)."""
    return f"pasted text {hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def _walk(directory: Path) -> Iterator[Path]:
    for entry in sorted(directory.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue  # .DS_Store, .git: never articles
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[Source]:
    """Files as given, directories expanded recursively in sorted order, URLs (anything
    spelled ``scheme://…``) kept as strings in their place. A path that does not exist is
    kept, so it is reported as a failure rather than silently skipped."""
    files: list[Source] = []
    for raw in paths:
        if isinstance(raw, str) and fetch.looks_like_url(raw):
            files.append(raw.strip())
            continue
        path = Path(raw)
        if path.is_dir():
            files.extend(_walk(path))
        else:
            files.append(path)
    return files


def read_file(path: Path) -> Read:
    name = source_name_for(path)
    try:
        limits.check_size(path.stat().st_size)  # before reading it into memory
        data = path.read_bytes()
    except ArticleError as exc:
        return Read([Unreadable(name, str(exc))])
    except FileNotFoundError:
        return Read([Unreadable(name, "no such file")])
    except IsADirectoryError:
        return Read([Unreadable(name, "is a directory")])
    except OSError as exc:
        return Read([Unreadable(name, f"cannot read the file: {exc.strerror or exc}")])
    return read_data(data, name, None)


def read_source(source: Source) -> Read:
    return read_url(source) if isinstance(source, str) else read_file(source)


def read_url(url: str, hints: ArticleHints | None = None) -> Read:
    """The article at ``url``, fetched (``fetch``: safe by default), then read as a page of
    its content type. Known by the URL as given; stored under the URL the redirects ended
    at, which wins over the page's own (``hints`` win over both otherwise)."""
    started = time.perf_counter()
    try:
        fetched = fetch.fetch(url, accept=fetch.ARTICLE_TYPES)
        text = fetched.text()
    except ArticleError as exc:
        return Read([Unreadable(url, str(exc))], time.perf_counter() - started)
    fmt: formats.Format = "text" if fetched.content_type == "text/plain" else "html"
    merged = replace(hints or ArticleHints(), url=fetched.url)
    read = read_data(text, url, merged, fmt=fmt)
    return Read(read.items, time.perf_counter() - started)


def read_data(
    data: bytes | str,
    source_name: str,
    hints: ArticleHints | None,
    *,
    fmt: formats.Format | None = None,
) -> Read:
    """Every article in one input; ``hints`` (when given) win over the input's own."""
    started = time.perf_counter()
    try:
        found = formats.read_items(data, source_name=source_name, fmt=fmt)
    except ArticleError as exc:
        return Read([Unreadable(source_name, str(exc))], time.perf_counter() - started)
    seconds = time.perf_counter() - started
    items: list[formats.ImportItem | Unreadable] = []
    for item in found:
        if isinstance(item, formats.FailedItem):
            items.append(Unreadable(item.source_name, str(item.error)))
        elif hints is None:
            items.append(item)
        else:
            merged = formats.with_overrides(item.hints, **_hint_values(hints))
            items.append(replace(item, hints=merged))
    return Read(items, seconds)


def _hint_values(hints: ArticleHints) -> dict[str, Any]:
    return {name: getattr(hints, name) for name in ArticleHints.__slots__}  # type: ignore[attr-defined]
