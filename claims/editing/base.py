"""What every editing service shares: the refusal editors see, and the row locks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from claims.models import Article, Claim

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


class EditRefused(Exception):
    """The edit would break an invariant or lose history; the message says why, for editors."""


def lock_article(article_id: int) -> Article:
    # Serialises structural edits of one article's claims (splits, merges): two editors
    # splitting claims of the same article would otherwise race on the positions.
    return Article.objects.select_for_update().get(pk=article_id)


def lock_claim(claim: Claim | int) -> Claim:
    pk = claim if isinstance(claim, int) else claim.pk
    locked = Claim.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise EditRefused(f"Claim {pk} no longer exists.")
    return locked


def record_history(lines: Iterable[tuple[Claim, str]], *, by: AbstractBaseUser) -> None:
    """One line per (claim, message) in the claim's admin history, beside the admin's own
    change messages: who (``by``) and when, for changes that are not verdicts (those have
    their Review)."""
    content_type = ContentType.objects.get_for_model(Claim)
    LogEntry.objects.bulk_create(
        LogEntry(
            user_id=by.pk,
            content_type=content_type,
            object_id=str(claim.pk),
            object_repr=str(claim)[:200],
            action_flag=CHANGE,
            change_message=message,
        )
        for claim, message in lines
    )
