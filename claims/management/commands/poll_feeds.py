"""``manage.py poll_feeds``: read every active feed and import its new entries.

One line per feed (``polled`` / ``not modified`` / ``failed``), one per new entry under it
(as ``import_articles`` prints them), then a total. Exit status 1 when a feed or an entry
failed (the others are still polled and imported; the error is on the feed's page too).
Run it from cron, or ``--enqueue`` a task for ``manage.py db_worker`` to run.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.importer.polling import PollResult, poll_feeds
from claims.models import Feed

from .import_articles import _line


class Command(BaseCommand):
    help = "Poll RSS and Atom feeds (the admin's Feeds) and import their new entries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--feed",
            type=int,
            action="append",
            metavar="ID",
            help="poll only this feed (repeatable; inactive feeds too)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="fetch and parse, but write nothing"
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="queue one background task instead (run it with 'manage.py db_worker')",
        )
        parser.add_argument(
            "--format", dest="output_format", choices=["text", "json"], default="text"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids: list[int] | None = options["feed"]
        if options["enqueue"]:
            from claims.tasks import poll_feeds_task

            if options["dry_run"]:
                raise CommandError("--dry-run and --enqueue cannot be combined")
            result = poll_feeds_task.enqueue(ids)
            self.stdout.write(f"queued     poll_feeds  task {result.id}; run: manage.py db_worker")
            return
        feeds = None
        if ids:
            feeds = list(Feed.objects.filter(pk__in=ids).order_by("pk"))
            missing = sorted(set(ids) - {feed.pk for feed in feeds})
            if missing:
                raise CommandError(f"no feed with id {', '.join(map(str, missing))}")
        polls = poll_feeds(feeds, dry_run=options["dry_run"])
        if options["output_format"] == "json":
            payload = [poll.as_dict() for poll in polls]
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            for poll in polls:
                self._write(poll)
            self.stdout.write(_total(polls, dry_run=options["dry_run"]))
        failed = sum(not poll.ok for poll in polls)
        if failed:
            raise CommandError(f"{failed} of {len(polls)} feeds had failures", returncode=1)

    def _write(self, poll: PollResult) -> None:
        if poll.status == "polled":
            line = (
                f"{'polled':<12} {poll.url}  {len(poll.results)} new, "
                f"{poll.already_imported} already imported"
            )
        else:
            line = f"{poll.status:<12} {poll.url}"
        if poll.status == "failed":
            line += f"  {poll.error}"
        self.stdout.write(line)
        for result in poll.results:
            self.stdout.write(f"  {_line(result)}")


def _total(polls: list[PollResult], *, dry_run: bool) -> str:
    results = [r for poll in polls for r in poll.results]
    created = sum(r.status == "created" for r in results)
    failed = sum(not r.ok for r in results)
    line = (
        f"total: {len(polls)} feeds ({sum(p.status == 'failed' for p in polls)} failed), "
        f"{len(results)} new entries: {created} created, {failed} failed"
    )
    return line + (" — dry run: nothing was written" if dry_run else "")
