"""Splitting and merging claims: the structural edits that move offsets and positions.

Both keep ``article.body[start:end] == text`` for every claim and positions unique per article
and in text order, and never drop or misplace verdict history (reviews, their evidence) or
relations. Rows a concurrent editor may hold in an open form get their ``version`` bumped
whenever their text, offsets or position change, so that form's save is refused as stale
instead of writing the old offsets back.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F

from claims.editing.base import EditRefused, lock_article, lock_claim
from claims.editing.relations import move_relations
from claims.extract.names import normalize_name
from claims.extract.paragraphs import paragraph_index
from claims.models import Actor, ActorAlias, Article, Claim, Evidence, Review

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)

# A sentence ends after . ! ? (optionally closed by a quote or bracket) followed by space.
_SENTENCE_END = re.compile(r"[.!?;](?:[”’\"')\]]+)?(?=\s+\S)")


def _shift_positions(article_id: int, *, after: int, by: int) -> int:
    """Move every claim of the article positioned after ``after`` by ``by`` (±1), bumping
    their versions. Two UPDATEs: park, then land on the final numbers."""
    moving = Claim.objects.filter(article_id=article_id, position__gt=after)
    count = moving.park(version=F("version") + 1)
    if count:
        Claim.objects.filter(article_id=article_id).unpark(by=by)
    return count


def _paragraph_of(article: Article, offset: int) -> int:
    return paragraph_index(article.paragraphs(), offset)


def _names_by_actor(actor_ids: Iterable[int]) -> dict[int, set[str]]:
    """Every normalised name (name and aliases) of each actor, in two queries."""
    ids = list(actor_ids)
    names: dict[int, set[str]] = {pk: set() for pk in ids}
    for pk, key in Actor.objects.filter(pk__in=ids).values_list("pk", "normalized_name"):
        names[pk].add(key)
    for pk, key in ActorAlias.objects.filter(actor_id__in=ids).values_list(
        "actor_id", "normalized"
    ):
        names[pk].add(key)
    return names


def _named_in(text: str, names: set[str]) -> bool:
    haystack = f" {normalize_name(text)} "
    return any(name and f" {name} " in haystack for name in names)


def _dates(claim: Claim) -> list[object]:
    # mentioned_dates is free JSON: anything but a list is treated as no dates.
    return list(claim.mentioned_dates) if isinstance(claim.mentioned_dates, list) else []


# --- Split -----------------------------------------------------------------------------------


def sentence_boundaries(text: str) -> list[int]:
    """Offsets inside ``text`` where a new sentence starts: the split points to offer."""
    points = []
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        if 0 < end < len(text):
            points.append(end)
    return points


def split_preview(claim: Claim, at: int) -> tuple[str, str]:
    """The two texts ``split_claim`` would produce (whitespace at the cut dropped)."""
    if not 0 < at < len(claim.text):
        raise EditRefused(
            f"Split point {at} is outside the claim: choose 1 to {len(claim.text) - 1}."
        )
    head, tail = claim.text[:at].rstrip(), claim.text[at:].lstrip()
    if not head or not tail:
        raise EditRefused("Both parts of a split need some text: move the split point.")
    return head, tail


@transaction.atomic
def split_claim(claim: Claim, *, at: int, editor: AbstractBaseUser | None) -> tuple[Claim, Claim]:
    """Split ``claim`` into two claims at character ``at`` of its text.

    The first part keeps the claim's pk, so its verdict, reviews, evidence and relations stay
    with it; the second part is a new, unverified claim right after it. Both keep the speaker,
    kind, events and check-worthiness; each keeps the mentioned actors and dates whose names
    appear in its own text (an actor named in neither part stays on both, so none is lost).
    """
    article = lock_article(claim.article_id)
    first = lock_claim(claim)
    first.article = article
    head, tail = split_preview(first, at)
    tail_start = first.start + at + (len(first.text) - at - len(first.text[at:].lstrip()))

    actor_ids = list(first.actors.values_list("pk", flat=True))
    names = _names_by_actor(actor_ids)
    head_actors, tail_actors = [], []
    for pk in actor_ids:
        in_head, in_tail = _named_in(head, names[pk]), _named_in(tail, names[pk])
        if in_head or not in_tail:
            head_actors.append(pk)
        if in_tail or not in_head:
            tail_actors.append(pk)
    head_dates, tail_dates = [], []
    for item in _dates(first):
        said = item.get("text", "") if isinstance(item, dict) else ""
        (tail_dates if said and said not in head and said in tail else head_dates).append(item)
    event_ids = list(first.events.values_list("pk", flat=True))

    _shift_positions(article.pk, after=first.position, by=1)

    old_text = first.text
    first.text, first.end = head, first.start + len(head)
    first.mentioned_dates = head_dates
    first.version += 1
    first.save(update_fields=["text", "end", "mentioned_dates", "version"])
    first.actors.set(head_actors)

    second = Claim(
        article=article,
        position=first.position + 1,
        text=tail,
        start=tail_start,
        end=tail_start + len(tail),
        paragraph=_paragraph_of(article, tail_start),
        kind=first.kind,
        speaker_id=first.speaker_id,
        mentioned_dates=tail_dates,
        check_worthiness=first.check_worthiness,
        check_reasons=list(first.check_reasons or []),
    )
    second.save()
    second.actors.set(tail_actors)
    second.events.set(event_ids)
    logger.info(
        "claim %s split at %s by %s: %r -> new claim %s", first.pk, at, editor, old_text, second.pk
    )
    return first, second


# --- Merge -----------------------------------------------------------------------------------


def next_claim(claim: Claim) -> Claim | None:
    return (
        Claim.objects.filter(article_id=claim.article_id, position__gt=claim.position)
        .order_by("position")
        .first()
    )


def merge_plan(claim: Claim) -> tuple[Claim, Claim, Claim]:
    """(first, second, keeper) for merging ``claim`` with the next one, or ``EditRefused``.

    The keeper is the claim whose pk, verdict and history the merged claim carries: the
    reviewed one when only one is reviewed, else the first.
    """
    second = next_claim(claim)
    if second is None:
        raise EditRefused("This is the last claim of its article: there is no next claim.")
    first = claim
    body = first.article.body
    if "\n\n" in body[first.end : second.start]:
        raise EditRefused(
            f"Claims #{first.position} and #{second.position} are in different paragraphs; "
            "a claim cannot span a paragraph break."
        )
    if first.is_reviewed and second.is_reviewed and first.verdict != second.verdict:
        raise EditRefused(
            f"Cannot merge: claim #{first.position} is “{first.get_verdict_display()}” and "
            f"claim #{second.position} is “{second.get_verdict_display()}”. Two reviewed "
            "claims are merged only when they have the same verdict: change one verdict first."
        )
    if first.is_reviewed != second.is_reviewed:
        keeper = first if first.is_reviewed else second
    elif first.is_reviewed:
        keeper = first  # same verdict: the first one's pk, the second's history joins it
    else:
        # Neither has a verdict now; one may still have history, evidence or relations.
        keeper = second if second.has_editor_work() and not first.has_editor_work() else first
    return first, second, keeper


@transaction.atomic
def merge_with_next(claim: Claim, *, editor: AbstractBaseUser | None) -> Claim:
    """Merge ``claim`` with the next claim of its article into one claim spanning both.

    The merged claim keeps the reviewed claim's pk (or the first one's), and with it its
    verdict and history; the other claim's reviews, evidence and relations move to it, so
    nothing an editor did is lost. Refused (``EditRefused``) when both are reviewed with
    different verdicts, when there is no next claim, or across a paragraph break.
    """
    article = lock_article(claim.article_id)
    locked = lock_claim(claim)
    locked.article = article
    first, second, keeper = merge_plan(locked)
    second = lock_claim(second)
    second.article = article
    keeper = first if keeper.pk == first.pk else second
    other = second if keeper is first else first

    # History and links of the claim that goes move to the one that stays. Reviews are moved,
    # not rewritten: QuerySet.update bypasses Review.save's append-only guard on purpose.
    Review.objects.filter(claim=other).update(claim=keeper)
    Evidence.objects.filter(claim=other).update(claim=keeper)
    move_relations(other, keeper)
    keeper.actors.add(*other.actors.all())
    keeper.events.add(*other.events.all())

    unique_dates: list[object] = []
    for item in [*_dates(first), *_dates(second)]:
        if item not in unique_dates:
            unique_dates.append(item)
    scores = [s for s in (first.check_worthiness, second.check_worthiness) if s is not None]
    reasons = list(dict.fromkeys([*(first.check_reasons or []), *(second.check_reasons or [])]))
    if keeper.speaker_id is None and other.speaker_id is not None:
        keeper.speaker_id, keeper.kind = other.speaker_id, other.kind

    position = first.position
    other_text = other.text
    other.delete()  # its positions slot is free from here on
    keeper.text = article.body[first.start : second.end]
    keeper.start, keeper.end = first.start, second.end
    keeper.position, keeper.paragraph = position, first.paragraph
    keeper.mentioned_dates = unique_dates
    keeper.check_worthiness = max(scores) if scores else None
    keeper.check_reasons = reasons
    keeper.version += 1
    keeper.save()
    _shift_positions(article.pk, after=position, by=-1)
    logger.info("claim %s merged with %r by %s", keeper.pk, other_text, editor)
    return keeper
