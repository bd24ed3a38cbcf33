"""``manage.py delete_article ID [ID ...] --user NAME [--force] [--dry-run]``: delete articles.

Reviews, evidence and relations are protected from cascading deletes, and the admin refuses
to delete an article whose claims carry editors' work. This command is the one explicit way
past that:

* without ``--force`` it deletes only articles nobody has worked on (``claims.delete_article``);
* with ``--force`` (``claims.force_delete_article``, which superusers have) it first lists,
  then deletes, every review, piece of evidence and relation on the article's claims —
  relations to claims of other articles included (those claims stay) — then the article
  and its claims, all in one transaction: either everything listed goes, or nothing does.

``--user`` names who is deleting; the deletion is recorded in the admin history as theirs.
``--dry-run`` prints the same list and deletes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from claims import editing
from claims.models import Article

DELETE = "claims.delete_article"
FORCE = "claims.force_delete_article"


class Command(BaseCommand):
    help = (
        "Delete articles. Articles with reviewed claims (reviews, evidence, relations, "
        "verdicts) need --force and the claims.force_delete_article permission; everything "
        "removed is listed first, and it is all one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="+", type=int, metavar="ID", help="article ids")
        parser.add_argument(
            "--user", required=True, help="who is deleting (recorded in the admin history)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="also delete the reviews, evidence and relations of the articles' claims",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be deleted; delete nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        force: bool = options["force"]
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None or not user.is_active:
            raise CommandError(f"no active user {options['user']!r}")
        needed = FORCE if force else DELETE
        if not user.has_perm(needed):
            raise CommandError(f"{user.get_username()} lacks the {needed} permission")
        ids: list[int] = sorted(set(options["ids"]))
        try:
            with transaction.atomic():
                # Locked, so a re-import of these articles waits rather than interleaves.
                articles = list(Article.objects.select_for_update().filter(pk__in=ids))
                missing = set(ids) - {a.pk for a in articles}
                if missing:
                    raise CommandError(f"no article with id {', '.join(map(str, missing))}")
                for article in articles:
                    self._delete(article, user=user, force=force, dry_run=options["dry_run"])
                if options["dry_run"]:
                    transaction.set_rollback(True)
        except (ProtectedError, IntegrityError):
            # An editor added work to one of these claims while we were deleting: the
            # foreign keys caught it and the whole transaction rolled back.
            raise CommandError(
                "an editor changed one of these articles' claims meanwhile; nothing was "
                "deleted. Run the command again to see the new list."
            ) from None

    def _delete(self, article: Article, *, user: Any, force: bool, dry_run: bool) -> None:
        pk = article.pk  # the delete clears it
        deletion = editing.article_deletion(article)
        self.stdout.write(deletion.summary)
        for line in deletion.details():
            self.stdout.write(f"  {line}")
        try:
            editing.delete_article(deletion, user=user, force=force, dry_run=dry_run)
        except editing.EditRefused as exc:
            raise CommandError(
                f"{exc} With --force (needs {FORCE}) the reviews, evidence and relations "
                "listed above are deleted with it."
            ) from None
        if dry_run:
            self.stdout.write("  dry run: nothing deleted")
        else:
            self.stdout.write(f"deleted article {pk} and everything listed above")
