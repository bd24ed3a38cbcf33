"""Background jobs (django-tasks): imports that should not hold a web request or a terminal.

Enqueue with ``import_articles --enqueue PATH …`` (one task per file) or
``import_path_task.enqueue(path)``; run them with ``manage.py db_worker``. Each task imports one
file through the importer's own ``import_file``, so a queued import behaves exactly like a
direct one (same re-import rules, same per-article transactions).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django_tasks import task

from claims.importer.service import import_file


@task()
def import_path_task(path: str) -> dict[str, Any]:
    """Import one file; the task's return value is its summary.

    Articles that fail (unreadable, no claims, a conflicting edit) are reported in the
    summary, not raised: the task still succeeds, because running it again would fail the
    same way. Only an unexpected error (a bug, the database gone) fails the task.
    ``path`` should be absolute: the worker may run in another directory.
    """
    results = import_file(path)
    statuses = Counter(result.status for result in results)
    return {
        "path": path,
        "articles": len(results),
        "created": statuses["created"],
        "updated": statuses["updated"],
        "unchanged": statuses["unchanged"],
        "failed": statuses["failed"],
        "claims": sum(r.claim_count for r in results if r.status in ("created", "updated")),
        "results": [result.as_dict() for result in results],
    }
