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

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, Q

from claims.models import Article, Claim, ClaimRelation, Evidence, Review

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
        claim_ids = list(Claim.objects.filter(article=article).values_list("pk", flat=True))
        reviewed = Claim.objects.filter(pk__in=claim_ids).reviewed().count()
        reviews = list(
            Review.objects.filter(claim_id__in=claim_ids)
            .select_related("editor")
            .order_by("claim_id", "created_at", "pk")
        )
        evidence = list(Evidence.objects.filter(claim_id__in=claim_ids).order_by("claim_id", "pk"))
        relations = list(
            ClaimRelation.objects.filter(
                Q(from_claim_id__in=claim_ids) | Q(to_claim_id__in=claim_ids)
            )
            .select_related("from_claim", "to_claim")
            .order_by("pk")
        )
        summary = (
            f"article {article.pk} “{article.title}”: {len(claim_ids)} claims "
            f"({reviewed} with a verdict), {len(reviews)} reviews, {len(evidence)} evidence, "
            f"{len(relations)} relations"
        )
        self.stdout.write(summary)
        for review in reviews:
            editor = review.editor.get_username() if review.editor else "unknown editor"
            self.stdout.write(
                f"  review {review.pk} on claim {review.claim_id}: {review.previous_verdict} → "
                f"{review.verdict} by {editor} at {review.created_at:%Y-%m-%d %H:%M}"
                + (f": {_short(review.note)}" if review.note else "")
            )
        for item in evidence:
            self.stdout.write(
                f"  evidence {item.pk} on claim {item.claim_id} ({item.stance}): "
                f"{item.url or _short(item.excerpt)}"
            )
        for relation in relations:
            ends = [relation.from_claim, relation.to_claim]
            outside = [c for c in ends if c.article_id != article.pk]
            stays = (
                f" (claim {outside[0].pk} of article {outside[0].article_id} stays)"
                if outside
                else ""
            )
            self.stdout.write(
                f"  relation {relation.pk}: claim {relation.from_claim_id} {relation.relation} "
                f"claim {relation.to_claim_id}{stays}"
            )
        if not force and article.has_reviewed_claims():
            raise CommandError(
                f"article {article.pk} has reviewed claims; nothing was deleted. With --force "
                f"(needs {FORCE}) the reviews, evidence and relations listed above are deleted "
                "with it."
            )
        if dry_run:
            self.stdout.write("  dry run: nothing deleted")
            return
        # Explicitly, in this order: evidence points at reviews, and all three PROTECT the
        # claims, so the article's own delete cascades only to claims and their links.
        Evidence.objects.filter(pk__in=[e.pk for e in evidence]).delete()
        Review.objects.filter(pk__in=[r.pk for r in reviews]).delete()
        ClaimRelation.objects.filter(pk__in=[r.pk for r in relations]).delete()
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[article],
            action_flag=DELETION,
            change_message=f"Deleted with manage.py delete_article{' --force' if force else ''}: "
            + summary,
            single_object=True,
        )
        pk = article.pk
        article.delete()
        self.stdout.write(f"deleted article {pk} and everything listed above")


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
