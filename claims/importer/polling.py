"""Polling feeds: read each active feed (conditionally), import its new entries, record what
happened on the feed. ``manage.py poll_feeds`` and ``tasks.poll_feeds_task`` call
``poll_feeds``; the admin's "Poll now" calls it for the feeds selected.

* The request carries the ETag / Last-Modified of the last complete read; a 304 imports
  nothing and only records the check.
* An entry is new unless its key (``FeedEntry.key_for`` its id, else its link) is recorded
  for the feed. Its full text (``content:encoded`` / Atom ``content``) is imported when it
  has one; otherwise its link is fetched and imported like any URL. Oldest first.
* An entry is recorded only once its article was imported (created, updated or unchanged):
  a failed one is tried again at the next poll, and the feed's validators are then not kept,
  so that poll reads the feed again instead of getting a 304. A crash between an article's
  import and its record imports it again next time, which the importer answers "unchanged".
* Every failure is one line in the feed's ``last_error`` (empty after a clean poll); one
  feed's failure, even an unexpected one, never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from claims.extract.errors import ArticleError
from claims.extract.types import ArticleHints
from claims.models import Feed, FeedEntry

from . import feeds, fetch
from .batch import Importer
from .result import ImportResult

logger = logging.getLogger(__name__)

PollStatus = Literal["polled", "not modified", "failed"]


@dataclass(frozen=True)
class PollResult:
    """One feed's poll: its new entries' import results, how many entries were seen
    before, and the error recorded on the feed (empty: none)."""

    feed_id: int
    url: str
    status: PollStatus
    results: list[ImportResult] = field(default_factory=list)
    already_imported: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed" and all(r.ok for r in self.results)

    def as_dict(self) -> dict:
        return {
            "feed": self.feed_id,
            "url": self.url,
            "status": self.status,
            "already_imported": self.already_imported,
            "error": self.error,
            "results": [r.as_dict() for r in self.results],
        }


def poll_feeds(
    feeds_to_poll: Iterable[Feed] | None = None, *, dry_run: bool = False
) -> list[PollResult]:
    """Poll each feed (default: every active one), one after the other, sharing one
    import batch. A dry run imports nothing and records nothing."""
    importer = Importer(dry_run=dry_run)
    chosen = Feed.objects.active().order_by("pk") if feeds_to_poll is None else feeds_to_poll
    return [_poll_safely(feed, importer) for feed in chosen]


def _poll_safely(feed: Feed, importer: Importer) -> PollResult:
    try:
        return poll_feed(feed, importer=importer)
    except Exception as exc:  # a bug or a lost database on one feed must not stop the rest
        logger.exception("polling feed %s failed", feed.url)
        error = f"internal error: {type(exc).__name__}"
        if not importer.dry_run:
            Feed.objects.filter(pk=feed.pk).update(last_error=error)
        return PollResult(feed.pk, feed.url, "failed", error=error)


def poll_feed(feed: Feed, *, importer: Importer | None = None) -> PollResult:
    """Read ``feed`` and import its new entries."""
    importer = importer or Importer()
    try:
        fetched = fetch.fetch(feed.url, accept=fetch.FEED_TYPES, headers=feed.conditional_headers())
        if fetched.not_modified:
            _record(feed, importer, error="")
            return PollResult(feed.pk, feed.url, "not modified")
        parsed = feeds.parse_feed(fetched.body, url=fetched.url)
    except ArticleError as exc:
        _record(feed, importer, error=str(exc))
        return PollResult(feed.pk, feed.url, "failed", error=str(exc))
    seen = FeedEntry.objects.seen_keys(feed, (FeedEntry.key_for(i.guid) for i in parsed.items))
    new = [item for item in parsed.items if FeedEntry.key_for(item.guid) not in seen]
    results = []
    for item in new:
        result = import_entry(item, importer=importer, publisher=parsed.title or None)
        results.append(result)
        if result.ok and not importer.dry_run:
            FeedEntry.record(feed=feed, guid=item.guid, article_id=result.article_id)
    failed = [r for r in results if not r.ok]
    error = _failures_line(failed, of=len(results))
    validators = None if failed else (fetched.etag, fetched.last_modified)
    _record(feed, importer, error=error, title=parsed.title, validators=validators)
    return PollResult(feed.pk, feed.url, "polled", results, already_imported=len(seen), error=error)


def import_entry(
    item: feeds.FeedItem, *, importer: Importer, publisher: str | None
) -> ImportResult:
    """One entry: its full text when the feed has it, else the page at its link."""
    if item.content is not None:
        hints = ArticleHints(
            title=item.title,
            url=item.link,
            published_on=item.published_on,
            author=item.author,
            publisher=publisher,
        )
        name = item.link or item.guid
        [result] = importer.data(item.document(), source_name=name[:500], hints=hints, fmt="html")
        return result
    if item.link is None:
        return ImportResult.failed(
            item.guid[:500], "the entry has neither full text nor a link", dry_run=importer.dry_run
        )
    hints = ArticleHints(title=item.title, published_on=item.published_on, author=item.author)
    results = importer.url(item.link, hints=hints)
    return results[0]


def _failures_line(failed: list[ImportResult], *, of: int) -> str:
    if not failed:
        return ""
    first = failed[0]
    more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
    return f"{len(failed)} of {of} new entries failed: {first.source_name}: {first.error}{more}"


def _record(
    feed: Feed,
    importer: Importer,
    *,
    error: str,
    title: str | None = None,
    validators: tuple[str, str] | None = None,
) -> None:
    if not importer.dry_run:
        feed.record_check(error=error, title=title, validators=validators)
