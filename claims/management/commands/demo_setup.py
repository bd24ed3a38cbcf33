"""Prepare the local demo: load demo data if the database is empty, and a demo editor login.

On freshly loaded data the demo editor is given the most check-worthy unreviewed claims, so
"Assigned to me" in the admin and on the dashboard shows a desk's work from the first login.

Run by ``make run``. Refuses to run with DEBUG off, so a production database never gets an
account whose password was printed to a terminal.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.editing import assign_claims
from claims.matching import frequencies
from claims.models import Article, Claim

DEMO_USERNAME = "demo-editor"
DEMO_ASSIGNED = 5  # claims waiting in the demo editor's "assigned to me" list


class Command(BaseCommand):
    help = "Load the demo data (if the database has no articles) and reset the demo editor login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-user", action="store_true", help="Do not touch the demo login.")
        parser.add_argument("--address", default="http://127.0.0.1:8000", help="Shown in output.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_setup is for the local demo only: set DEBUG=1.")
        loaded = self.load_data()
        if not options["no_user"]:
            password = self.reset_demo_editor(assign_work=loaded)
            address = options["address"].rstrip("/")
            self.stdout.write(
                self.style.SUCCESS("\nclaimtracker demo is ready.\n")
                + f"  Admin:     {address}/admin/\n"
                + f"  Dashboard: {address}/dashboard/\n"
                + f"  API:       {address}/api/\n"
                + f"  Log in as  {DEMO_USERNAME}  with password  {password}\n"
                + "  (a new random password is made each time this runs; it is not stored "
                "anywhere else)\n"
            )

    def load_data(self) -> bool:
        """Load the demo data into an empty database; False when articles were already there."""
        if Article.objects.exists():
            self.stdout.write("Articles already present: demo data left as it is.")
            return False
        base = Path(settings.BASE_DIR)
        fixture = base / "fixtures" / "demo.json"
        if fixture.exists():
            call_command("loaddata", str(fixture), verbosity=0)
            # The fixture holds claims, not the word counts related claims weigh words by.
            frequencies.rebuild()
            self.stdout.write(f"Loaded {fixture.relative_to(base)}.")
            return True
        seeds = base / "seeds"
        try:
            call_command("import_articles", str(seeds), stdout=self.stdout)
        except CommandError as exc:  # the import command exits non-zero when a file failed
            self.stderr.write(f"Some seed files failed to import: {exc}")
        return True

    def reset_demo_editor(self, *, assign_work: bool) -> str:
        password = secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(username=DEMO_USERNAME)
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
        if assign_work:
            # Only on data just loaded: on a database in use, assignments are editors' work.
            waiting = Claim.objects.filter(verdict=Claim.Verdict.UNVERIFIED, assignee=None)
            top = waiting.order_by("-check_worthiness", "pk")[:DEMO_ASSIGNED]
            assign_claims(list(top.values_list("pk", flat=True)), assignee=user, by=user)
        return password
