"""Re-import: the claims editors worked on are kept, and found again in the new text."""

from __future__ import annotations

from dataclasses import dataclass

from claims.extract.errors import ArticleError
from claims.models import Article, Claim


@dataclass(frozen=True)
class Kept:
    """A claim with editor work, where it was and where it now is in the new body."""

    pk: int
    text: str
    old_start: int
    start: int = -1
    end: int = -1


def editor_claims(article: Article) -> list[Kept]:
    """The article's claims with editor work, in text order, in one query."""
    rows = (
        Claim.objects.filter(article=article)
        .with_editor_work()
        .order_by("start", "pk")
        .values_list("pk", "text", "start")
    )
    return [Kept(pk=pk, text=text, old_start=start) for pk, text, start in rows]


def repoint(kept: list[Kept], body: str) -> tuple[list[Kept], list[int]]:
    """Find each kept claim's exact text in the new body: the occurrence nearest to where it
    was (shifted by how far the previous kept claim moved), not overlapping another kept
    claim. Returns the claims found, re-pointed, and the pks of those whose text is gone."""
    taken: list[tuple[int, int]] = []
    found: list[Kept] = []
    missing: list[int] = []
    shift = 0
    for claim in kept:
        expected = claim.old_start + shift
        best: int | None = None
        pos = body.find(claim.text)
        while pos != -1:
            end = pos + len(claim.text)
            if not any(pos < t_end and t_start < end for t_start, t_end in taken) and (
                best is None or abs(pos - expected) < abs(best - expected)
            ):
                best = pos
            pos = body.find(claim.text, pos + 1)
        if best is None:
            missing.append(claim.pk)
            continue
        moved = Kept(claim.pk, claim.text, claim.old_start, best, best + len(claim.text))
        found.append(moved)
        taken.append((moved.start, moved.end))
        shift = moved.start - moved.old_start
    return found, missing


def kept_claims(article: Article, body: str) -> list[Kept]:
    """The article's claims with editor work, re-pointed into ``body``. Fails, naming them,
    when any of their texts is gone: an editor decides, the import does not."""
    kept, missing = repoint(editor_claims(article), body)
    if missing:
        ids = ", ".join(str(pk) for pk in missing)
        raise ArticleError(
            f"reviewed claim(s) {ids} no longer appear in the new text; "
            "an editor must resolve them before this article can be re-imported"
        )
    return kept
