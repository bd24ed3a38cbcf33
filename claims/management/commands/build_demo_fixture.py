"""``manage.py build_demo_fixture``: rebuild ``fixtures/demo.json`` from ``seeds/`` and
``fixtures/demo_curation.json`` (see ``claims.devtools.demo_fixture``).

The build runs in a child process on an in-memory SQLite database, so this command never reads
or writes the database it is configured with. ``--check`` builds into a temporary file and
exits 1 when the committed fixture differs (stale after an importer or curation change).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.devtools.demo_fixture import CURATION, FIXTURE, CurationError, build, build_here


class Command(BaseCommand):
    help = "Rebuild fixtures/demo.json deterministically from seeds/ and the curation file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(FIXTURE), help="Default: %(default)s")
        parser.add_argument("--curation", default=str(CURATION), help="Default: %(default)s")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit 1 if a fresh build differs from --output.",
        )
        # The child process's entry point (its DATABASE_URL is an in-memory database).
        parser.add_argument("--in-memory-build", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        curation = Path(options["curation"])
        try:
            if options["in_memory_build"]:
                self.stdout.write(str(build_here(output, curation)))
                return
            if options["check"]:
                self.check_fixture(output, curation)
                return
            summary = build(output, curation)
        except CurationError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {summary}"))

    def check_fixture(self, output: Path, curation: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="demo-fixture-check-") as tmp:
            fresh = Path(tmp) / "demo.json"
            summary = build(fresh, curation)
            if not output.exists() or fresh.read_bytes() != output.read_bytes():
                raise CommandError(
                    f"{output} is stale: a fresh build differs. "
                    "Run `python manage.py build_demo_fixture` and commit the result."
                )
        self.stdout.write(self.style.SUCCESS(f"{output} is up to date ({summary})."))
