"""Background jobs (django-tasks): imports that should not hold a web request or a terminal.

Enqueue with ``import_articles --enqueue PATH|URL …`` (one task per file or URL),
``poll_feeds --enqueue``, or ``<task>.enqueue(…)``; run them with ``manage.py db_worker``.
Each task calls the importer's own entry point (``import_file``, ``import_url``,
``feeds.poll_feeds``), so a queued import behaves exactly like a direct one (same re-import
rules, same per-article transactions).

Articles that fail (unreadable, no claims, a conflicting edit) are reported in a task's
summary, not raised: the task still succeeds, because running it again would fail the same
way. Only an unexpected error (a bug, the database gone) fails the task.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django_tasks import task

from claims.importer.polling import poll_feeds
from claims.importer.result import ImportResult
from claims.importer.service import import_file, import_url
from claims.models import Feed


def _summary(results: list[ImportResult], **about: Any) -> dict[str, Any]:
    statuses = Counter(result.status for result in results)
    return {
        **about,
        "articles": len(results),
        "created": statuses["created"],
        "updated": statuses["updated"],
        "unchanged": statuses["unchanged"],
        "failed": statuses["failed"],
        "claims": sum(r.claim_count for r in results if r.status in ("created", "updated")),
        "results": [result.as_dict() for result in results],
    }


@task()
def import_path_task(path: str) -> dict[str, Any]:
    """Import one file; the task's return value is its summary. ``path`` should be
    absolute: the worker may run in another directory."""
    return _summary(import_file(path), path=path)


@task()
def import_url_task(url: str) -> dict[str, Any]:
    """Fetch and import the article at ``url`` (safely: ``claims.importer.fetch``)."""
    return _summary(import_url(url), url=url)


@task()
def poll_feeds_task(feed_ids: list[int] | None = None) -> dict[str, Any]:
    """Poll the feeds (default: every active one) and import their new entries; each
    feed's errors are recorded on it, never raised. Schedule it with cron
    (``manage.py poll_feeds --enqueue``) and keep a ``db_worker`` running."""
    feeds = None if not feed_ids else Feed.objects.filter(pk__in=feed_ids).order_by("pk")
    polls = poll_feeds(feeds)
    results = [r for poll in polls for r in poll.results]
    summary = _summary(results, feeds=len(polls))
    del summary["results"]  # each is in its feed's poll below
    return {
        **summary,
        "failed_feeds": sum(poll.status == "failed" for poll in polls),
        "polls": [poll.as_dict() for poll in polls],
    }
