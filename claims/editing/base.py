"""What every editing service shares: the refusal editors see, and the row locks."""

from __future__ import annotations

from claims.models import Article, Claim


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
