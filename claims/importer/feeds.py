"""RSS and Atom: the bytes of a feed → its title and entries (feedparser). Pure: no database,
no network (the feed was fetched by ``fetch``; feedparser is handed a stream, never a string
it could take for a URL or a file name to open).

An entry's full text is its ``content:encoded`` (RSS) or ``<content>`` (Atom); a summary or
``<description>`` is not the article, so an entry without full text is imported by fetching
its link instead (``polling``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
from dataclasses import dataclass
from typing import Any

import feedparser

from claims.extract.errors import ArticleError

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class FeedItem:
    guid: str  # the entry's id (RSS guid, Atom id), else its link: what makes it "seen"
    link: str | None
    title: str | None
    author: str | None
    published_on: dt.date | None
    content: str | None  # full text (HTML, or plain text), None when only a summary

    def document(self) -> str:
        """The full text as an HTML page for the importer's HTML path, titled."""
        body = self.content or ""
        if self.content is not None and not _is_html(self.content):
            body = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n") if p.strip())
        title = html.escape(self.title or "")
        return (
            f"<!doctype html><html><head><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>"
        )


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    items: list[FeedItem]  # oldest first: imported in the order they were published


def parse_feed(data: bytes, *, url: str) -> ParsedFeed:
    """The feed's title and entries; ``ArticleError`` when it is no RSS or Atom feed."""
    document = feedparser.parse(
        io.BytesIO(data), response_headers={"content-location": url}, sanitize_html=True
    )
    version = getattr(document, "version", "") or ""
    if not version:
        reason = getattr(document, "bozo_exception", None)
        detail = f": {' '.join(str(reason).split())[:160]}" if reason else ""
        raise ArticleError(f"not an RSS or Atom feed{detail}")
    feed = document.get("feed", {})
    items = [item for entry in document.get("entries", []) if (item := _item(entry))]
    return ParsedFeed(title=_clean(feed.get("title")) or "", items=list(reversed(items)))


def _item(entry: Any) -> FeedItem | None:
    link = _clean(entry.get("link"))
    content = _full_text(entry)
    guid = _clean(entry.get("id")) or link
    if guid is None:
        if content is None:
            return None  # nothing to import and nothing to know it by
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]
        guid = f"untitled:{_clean(entry.get('title')) or ''}:{digest}"
    return FeedItem(
        guid=guid,
        link=link,
        title=_clean(entry.get("title")),
        author=_clean(entry.get("author")),
        published_on=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        content=content,
    )


def _full_text(entry: Any) -> str | None:
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if part.get("type", "text/html") in _TEXT_TYPES and value.strip():
            return value
    return None


def _is_html(text: str) -> bool:
    return "<" in text and ">" in text


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday) if value else None
    except (AttributeError, ValueError):
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
