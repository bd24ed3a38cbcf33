"""Input formats: bytes of a file → the articles in it, as text plus metadata hints.

Pure: no database, no network. Every problem with the input becomes an ``ArticleError`` whose
message is one line a person can act on ("not valid UTF-8 …", "invalid JSON at line 3 …").

Formats, detected by file extension first and content second:

* plain text (``.txt`` and anything else textual), with an optional header block of
  ``Key: value`` lines at the very top, ended by a blank line or ``---``;
* HTML (``.html``/``.htm`` or content starting with ``<!doctype`` / ``<html``): main text and
  metadata extracted with trafilatura, from the string only (it never fetches anything);
* JSON (``.json``): one article object or a list of them;
* JSON Lines (``.jsonl``/``.ndjson``): one article object per line.

An article object has ``body`` (or ``text``) and optionally ``title``, ``url``, ``published``,
``publisher``, ``author``, ``subtitle``, ``section`` and ``language``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any, Literal

from claims.extract.dates import parse_day
from claims.extract.errors import ArticleError
from claims.extract.types import ArticleHints

from .limits import check_size

Format = Literal["text", "html", "json", "jsonl"]


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One article read from an input: what the pipeline parses and what is stored."""

    text: str  # given to the pipeline (header block removed, HTML reduced to its text)
    hints: ArticleHints
    source_name: str
    raw_text: str  # stored on the article and hashed: exactly what was imported
    format: Format = "text"


@dataclass(frozen=True, slots=True)
class FailedItem:
    """An article inside a multi-article file (JSON list, JSON Lines) that cannot be read.
    The other articles of the file are still imported."""

    source_name: str
    error: ArticleError
    format: Format = "json"


@dataclass(frozen=True, slots=True)
class _Header:
    hints: ArticleHints
    body: str
    present: bool = False


# --- Decoding --------------------------------------------------------------------------------


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 saved without a byte-order mark: mostly-Latin text has a NUL in every other
    byte (the high byte of each character), all on the same side."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= 0.8 * half and min(even, odd) <= 0.05 * half


def decode(data: bytes, *, max_bytes: int | None = None) -> str:
    """Bytes → text, refusing anything that is not clearly a UTF-8 text file.

    Nothing is guessed or replaced: a wrong byte would silently change a quote's wording.
    """
    check_size(len(data), limit=max_bytes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ArticleError("UTF-16 text is not supported: save the file as UTF-8")
    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise ArticleError(
                "UTF-16 text (without a byte-order mark) is not supported: save the file as UTF-8"
            )
        raise ArticleError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise ArticleError(
            f"not valid UTF-8 (byte 0x{bad} at offset {exc.start}): save the file as UTF-8"
        ) from None
    if not text.strip():
        raise ArticleError("empty file (no text)")
    return text


# --- Dates and fields ------------------------------------------------------------------------


def parse_date(value: Any, *, field_name: str) -> dt.date | None:
    """ISO (``2025-04-15``, with or without a time) or written (``April 15, 2025``,
    ``15 April 2025``) → date. Empty → None; anything else is an error naming the field."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ArticleError(f"bad date in {field_name!r}: expected a string, got {value!r}")
    if not value.strip():
        return None
    if (day := parse_day(value)) is not None:
        return day
    raise ArticleError(
        f"bad date in {field_name!r}: {value!r} (use YYYY-MM-DD or “April 15, 2025”)"
    )


def _text_field(obj: Mapping[str, Any], key: str, *, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = ", ".join(v.strip() for v in value if v.strip())  # several authors
    if not isinstance(value, str):
        raise ArticleError(f"{where}field {key!r} must be a string, got {type(value).__name__}")
    value = " ".join(value.split())
    return value or None


# --- Plain text with an optional header block ------------------------------------------------

HEADER_KEYS = {
    "title": "title",
    "url": "url",
    "published": "published_on",
    "date": "published_on",
    "publisher": "publisher",
    "author": "author",
    "subtitle": "subtitle",
    "section": "section",
    "language": "language",
}
_HEADER_LINE = re.compile(r"([A-Za-z]+)[ \t]*:[ \t]*(.*)")


def parse_header(text: str) -> _Header:
    """Split a leading ``Key: value`` block off ``text``.

    The block counts only when every line of it is a known key and it is ended by a blank
    line or ``---`` (or the block is wrapped in ``---`` lines): an article whose first
    sentence happens to contain a colon is left alone.
    """
    lines = text.split("\n")
    i = 0
    fenced = lines[0].strip() == "---"
    if fenced:
        i = 1
    values: dict[str, str] = {}
    start = i
    while i < len(lines):
        match = _HEADER_LINE.fullmatch(lines[i].strip())
        if not match or match[1].lower() not in HEADER_KEYS:
            break
        values[HEADER_KEYS[match[1].lower()]] = match[2].strip()
        i += 1
    if i == start:
        return _Header(hints=ArticleHints(), body=text)
    terminator = lines[i].strip() if i < len(lines) else ""
    if i < len(lines) and terminator not in ("", "---"):
        return _Header(hints=ArticleHints(), body=text)
    if fenced and terminator != "---":
        return _Header(hints=ArticleHints(), body=text)
    body = "\n".join(lines[i + 1 :]).lstrip("\n")
    published = parse_date(values.pop("published_on", None), field_name="Published")
    kwargs: dict[str, Any] = {k: " ".join(v.split()) or None for k, v in values.items()}
    return _Header(hints=ArticleHints(published_on=published, **kwargs), body=body, present=True)


def read_text(text: str, *, source_name: str) -> ImportItem:
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    header = parse_header(normalized)
    if header.present and not header.body.strip():
        raise ArticleError("the header block is followed by no article text")
    return ImportItem(text=header.body, hints=header.hints, source_name=source_name, raw_text=text)


# --- HTML ------------------------------------------------------------------------------------


def read_html(html: str, *, source_name: str) -> ImportItem:
    """Main text and metadata of an HTML page via trafilatura.

    Navigation, scripts, styles, footers and comments are dropped by trafilatura; each block
    it keeps (paragraph, heading, list item) becomes a paragraph separated by a blank line,
    the form the pipeline and ``Article.paragraphs`` expect.
    """
    import trafilatura  # heavy import, only needed for HTML

    # trafilatura logs "empty HTML tree" at ERROR level for junk; the ArticleError says it.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            include_tables=True,
            deduplicate=False,
            # Its fallback extractors would otherwise return a bare menu as "the text".
            prune_xpath=["//nav", "//footer", "//aside", "//form"],
        )
    except Exception as exc:  # lxml/trafilatura failures on broken markup
        raise ArticleError(f"cannot read the HTML ({type(exc).__name__})") from None
    text = (getattr(document, "text", None) or "") if document is not None else ""
    blocks = [" ".join(line.split()) for line in text.split("\n")]
    body = "\n\n".join(block for block in blocks if block)
    if not body:
        raise ArticleError("no article text found in the HTML")
    published = None
    raw_date = getattr(document, "date", None)
    if raw_date:
        try:
            published = parse_date(raw_date, field_name="date")
        except ArticleError:
            published = None  # a page's odd date metadata should not block the article
    url = getattr(document, "url", None) or None
    if url and not url.startswith(("http://", "https://")):
        url = None
    hints = ArticleHints(
        title=_clean(getattr(document, "title", None)),
        author=_clean(getattr(document, "author", None)),
        publisher=_clean(getattr(document, "sitename", None)),
        url=url,
        published_on=published,
        language=_clean(getattr(document, "language", None)),
    )
    return ImportItem(text=body, hints=hints, source_name=source_name, raw_text=html, format="html")


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(value.split()) or None


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


# --- JSON and JSON Lines ---------------------------------------------------------------------


def item_from_object(
    obj: Any, *, source_name: str, raw_text: str, where: str = "", fmt: Format = "json"
) -> ImportItem:
    """One article object → an item. ``where`` prefixes errors ("line 3: …")."""
    if not isinstance(obj, dict):
        raise ArticleError(f"{where}expected a JSON object, got {_json_type(obj)}")
    _check_strings(obj, where=where)
    key = "body" if obj.get("body") is not None else "text"
    body = obj.get(key)
    if body is None:
        raise ArticleError(f"{where}missing field 'body' (or 'text')")
    if not isinstance(body, str):
        raise ArticleError(f"{where}field {key!r} must be a string, got {_json_type(body)}")
    if not body.strip():
        raise ArticleError(f"{where}field {key!r} is empty")
    hints = ArticleHints(
        title=_text_field(obj, "title", where=where),
        subtitle=_text_field(obj, "subtitle", where=where),
        url=_text_field(obj, "url", where=where),
        published_on=parse_date(
            obj.get("published", obj.get("published_on")),
            field_name="published",
        ),
        publisher=_text_field(obj, "publisher", where=where),
        author=_text_field(obj, "author", where=where),
        section=_text_field(obj, "section", where=where),
        language=_text_field(obj, "language", where=where),
    )
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    return ImportItem(
        text=text, hints=hints, source_name=source_name, raw_text=raw_text, format=fmt
    )


def _check_strings(obj: Any, *, where: str) -> None:
    """JSON escapes can spell what a UTF-8 file cannot hold: ``\\u0000`` (PostgreSQL refuses
    NUL in text, SQLite would store it) and lone surrogates such as ``\\ud800`` (not
    encodable, so hashing or saving would crash). Refused here, naming the field."""
    stack: list[tuple[str, Any]] = [("", obj)]
    while stack:  # iterative: nesting depth is the input's choice
        key, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((str(k), v) for k, v in value.items())
            stack.extend((str(k), k) for k in value)
        elif isinstance(value, list):
            stack.extend((key, v) for v in value)
        elif isinstance(value, str):
            if "\x00" in value:
                raise ArticleError(f"{where}field {key!r} contains a NUL character (\\u0000)")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = f"\\u{ord(value[exc.start]):04x}"
                raise ArticleError(
                    f"{where}field {key!r} is not valid Unicode (lone surrogate {bad})"
                ) from None


def _json_type(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def read_json(text: str, *, source_name: str) -> list[ImportItem | FailedItem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(
            f"invalid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:  # json.loads recurses per nesting level: "[[[[…" exhausts it
        raise ArticleError("invalid JSON: nested too deeply") from None
    if isinstance(data, dict):
        return [item_from_object(data, source_name=source_name, raw_text=text)]
    if not isinstance(data, list):
        raise ArticleError(f"expected a JSON object or a list of objects, got {_json_type(data)}")
    if not data:
        raise ArticleError("empty JSON list (no articles)")
    items: list[ImportItem | FailedItem] = []
    for index, obj in enumerate(data):
        name = f"{source_name}[{index}]"
        try:
            # Each article keeps its own JSON as raw_text, so re-importing the same object
            # from a rearranged list is still recognised as unchanged.
            raw = json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1)
            items.append(item_from_object(obj, source_name=name, raw_text=raw, where=""))
        except ArticleError as exc:
            items.append(FailedItem(source_name=name, error=exc))
    return items


def read_jsonl(text: str, *, source_name: str) -> list[ImportItem | FailedItem]:
    items: list[ImportItem | FailedItem] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{source_name}:{lineno}"
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArticleError(
                    f"invalid JSON at line {lineno}, column {exc.colno}: {exc.msg}"
                ) from None
            except RecursionError:
                raise ArticleError(f"invalid JSON at line {lineno}: nested too deeply") from None
            items.append(
                item_from_object(obj, source_name=name, raw_text=line.strip(), fmt="jsonl")
            )
        except ArticleError as exc:
            items.append(FailedItem(source_name=name, error=exc, format="jsonl"))
    return items


# --- Entry point -----------------------------------------------------------------------------

_EXTENSIONS: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def detect_format(source_name: str, text: str) -> Format:
    suffix = PurePath(source_name.split("::")[-1]).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if looks_like_html(text):
        return "html"
    return "text"


def read_items(
    data: bytes | str,
    *,
    source_name: str,
    fmt: Format | None = None,
    max_bytes: int | None = None,
) -> list[ImportItem | FailedItem]:
    """Everything importable in one input. Raises ``ArticleError`` when the input as a whole
    is unreadable; a bad article inside a multi-article file is returned as a ``FailedItem``.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    text = decode(data, max_bytes=max_bytes)
    fmt = fmt or detect_format(source_name, text)
    if fmt == "html":
        return [read_html(text, source_name=source_name)]
    if fmt == "json":
        return read_json(text, source_name=source_name)
    if fmt == "jsonl":
        items = read_jsonl(text, source_name=source_name)
        if not items:
            raise ArticleError("no JSON lines (no articles)")
        return items
    return [read_text(text, source_name=source_name)]


def with_overrides(hints: ArticleHints, **overrides: Any) -> ArticleHints:
    """``hints`` with every override that is not None applied (explicit values win)."""
    changes = {key: value for key, value in overrides.items() if value is not None}
    return replace(hints, **changes) if changes else hints
