"""``manage.py import_factchecks PATH|URL [...]``: import fact-checks published elsewhere.

Each file (directories are read recursively) or URL is schema.org ClaimReview: a JSON-LD
file, a JSON feed of many (a list, an ``@graph``, a ``DataFeed``), or an HTML page carrying
them in ``<script type="application/ld+json">``. URLs are fetched safely
(``claims.importer.fetch``). One line per source with its counts, then one per review that
could not be read (naming it and the field); each source is one transaction. The exit status
is 1 when anything could not be read.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.factchecks.service import import_sources


class Command(BaseCommand):
    help = (
        "Import schema.org ClaimReview fact-checks from JSON-LD files, JSON feeds, HTML pages "
        "or http(s) URLs; a review imported again is updated, not duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="files, directories or http(s) URLs"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and count, but write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        results = import_sources(options["paths"], dry_run=options["dry_run"])
        for result in results:
            for line in result.lines():
                self.stdout.write(line)
        total = sum(r.created + r.updated + r.unchanged for r in results)
        created = sum(r.created for r in results)
        failed = [r for r in results if r.failed]
        summary = f"{total} fact-checks read ({created} new) from {len(results)} sources"
        if options["dry_run"]:
            summary += " (dry run: nothing written)"
        self.stdout.write(summary)
        if failed:
            raise CommandError(f"{len(failed)} of {len(results)} sources had problems")
