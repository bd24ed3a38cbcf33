"""Whole-article operations: re-importing an article from its stored raw text, and deleting
one together with the editor work on its claims."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.admin.models import DELETION, LogEntry
from django.db import transaction
from django.db.models import Q

from claims.editing.base import EditRefused
from claims.extract.errors import ArticleError
from claims.importer import formats
from claims.importer.service import ImportResult, import_article
from claims.models import Article, Claim, ClaimRelation, Evidence, Review

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def reimport_article(article: Article) -> ImportResult:
    """Run the importer again on the article's stored raw text (it keeps reviewed claims,
    their history and relations, and replaces the others with a fresh parse).

    The raw text is read back the way it was read on import (header block, HTML, or one JSON
    object), and the article's current metadata is passed explicitly so corrections editors
    made to title, date, publisher and author survive the re-import.
    """
    raw = article.raw_text
    try:
        if raw.lstrip().startswith("{"):
            item = formats.item_from_object(
                json.loads(raw), source_name=article.source_name, raw_text=raw
            )
        elif formats.looks_like_html(raw):
            item = formats.read_html(raw, source_name=article.source_name)
        else:
            item = formats.read_text(raw, source_name=article.source_name)
    except (ArticleError, ValueError) as exc:
        return ImportResult(status="failed", source_name=article.source_name, error=str(exc))
    return import_article(
        text=item.text,
        raw_text=raw,
        source_name=article.source_name,
        hints=item.hints,
        title=article.title or None,
        url=article.url or None,
        published_on=article.published_on,
        publisher=article.publisher or None,
        author=article.author or None,
    )


@dataclass(frozen=True)
class ArticleDeletion:
    """What deleting an article takes with it, read before anything goes, so it can be shown
    first and then deleted exactly as shown."""

    article: Article
    claims: int
    with_verdict: int
    editor_work: bool
    reviews: list[Review]
    evidence: list[Evidence]
    relations: list[ClaimRelation]

    @property
    def summary(self) -> str:
        return (
            f"article {self.article.pk} “{self.article.title}”: {self.claims} claims "
            f"({self.with_verdict} with a verdict), {len(self.reviews)} reviews, "
            f"{len(self.evidence)} evidence, {len(self.relations)} relations"
        )

    def details(self) -> list[str]:
        """One line per review, piece of evidence and relation that goes."""
        lines = []
        for review in self.reviews:
            editor = review.editor.get_username() if review.editor else "unknown editor"
            lines.append(
                f"review {review.pk} on claim {review.claim_id}: {review.previous_verdict} → "
                f"{review.verdict} by {editor} at {review.created_at:%Y-%m-%d %H:%M}"
                + (f": {_short(review.note)}" if review.note else "")
            )
        for item in self.evidence:
            lines.append(
                f"evidence {item.pk} on claim {item.claim_id} ({item.stance}): "
                f"{item.url or _short(item.excerpt)}"
            )
        for relation in self.relations:
            ends = [relation.from_claim, relation.to_claim]
            outside = [c for c in ends if c.article_id != self.article.pk]
            stays = (
                f" (claim {outside[0].pk} of article {outside[0].article_id} stays)"
                if outside
                else ""
            )
            lines.append(
                f"relation {relation.pk}: claim {relation.from_claim_id} {relation.relation} "
                f"claim {relation.to_claim_id}{stays}"
            )
        return lines


def article_deletion(article: Article) -> ArticleDeletion:
    """Everything ``delete_article`` would remove with ``article``."""
    claim_ids = list(Claim.objects.filter(article=article).values_list("pk", flat=True))
    return ArticleDeletion(
        article=article,
        claims=len(claim_ids),
        with_verdict=Claim.objects.filter(pk__in=claim_ids).reviewed().count(),
        editor_work=article.has_reviewed_claims(),
        reviews=list(
            Review.objects.filter(claim_id__in=claim_ids)
            .select_related("editor")
            .order_by("claim_id", "created_at", "pk")
        ),
        evidence=list(Evidence.objects.filter(claim_id__in=claim_ids).order_by("claim_id", "pk")),
        relations=list(
            ClaimRelation.objects.filter(
                Q(from_claim_id__in=claim_ids) | Q(to_claim_id__in=claim_ids)
            )
            .select_related("from_claim", "to_claim")
            .order_by("pk")
        ),
    )


@transaction.atomic
def delete_article(
    deletion: ArticleDeletion, *, user: AbstractBaseUser, force: bool, dry_run: bool = False
) -> None:
    """Delete the article and exactly what ``deletion`` lists, in one transaction, recorded in
    the admin history as ``user``'s. An article whose claims carry editor work is refused
    (``EditRefused``) unless ``force``; ``dry_run`` checks that and deletes nothing.

    Editor work added after ``deletion`` was read is not listed, so it is not deleted: its
    PROTECT foreign key fails the delete (``ProtectedError`` or, at commit, ``IntegrityError``)
    and nothing goes. Callers lock the article first, so a re-import waits rather than
    interleaves."""
    article = deletion.article
    if deletion.editor_work and not force:
        raise EditRefused(f"article {article.pk} has reviewed claims; nothing was deleted.")
    if dry_run:
        return
    # Explicitly, in this order: evidence points at reviews, and all three PROTECT the
    # claims, so the article's own delete cascades only to claims and their links.
    Evidence.objects.filter(pk__in=[e.pk for e in deletion.evidence]).delete()
    Review.objects.filter(pk__in=[r.pk for r in deletion.reviews]).delete()
    ClaimRelation.objects.filter(pk__in=[r.pk for r in deletion.relations]).delete()
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[article],
        action_flag=DELETION,
        change_message=f"Deleted with manage.py delete_article{' --force' if force else ''}: "
        + deletion.summary,
        single_object=True,
    )
    article.delete()


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
