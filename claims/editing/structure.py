"""Editors' corrections to what the importer made, and the other operations the admin offers
that change several rows at once.

Every function here is one transaction and keeps the invariants the rest of the code relies
on: ``article.body[start:end] == text`` for every claim, positions unique per article and in
text order, and verdict history (reviews, their evidence) and relations never dropped or left
on the wrong claim. The admin only wires these to buttons; the API may call them too.

Rows a concurrent editor may hold in an open form get their ``version`` bumped whenever their
text, offsets or position change, so that form's save is refused as stale instead of writing
the old offsets back.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, OperationalError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from claims.extract.errors import ArticleError
from claims.extract.paragraphs import paragraph_index
from claims.importer import formats
from claims.importer.service import ImportResult, import_article
from claims.models import (
    Actor,
    ActorAlias,
    Article,
    Claim,
    ClaimRelation,
    Event,
    Evidence,
    Review,
    StaleVersion,
    normalize_name,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

logger = logging.getLogger(__name__)

# A sentence ends after . ! ? (optionally closed by a quote or bracket) followed by space.
_SENTENCE_END = re.compile(r"[.!?;](?:[”’\"')\]]+)?(?=\s+\S)")


class EditRefused(Exception):
    """The edit would break an invariant or lose history; the message says why, for editors."""


# --- Helpers ---------------------------------------------------------------------------------


def _lock_article(article_id: int) -> Article:
    # Serialises structural edits of one article's claims (splits, merges): two editors
    # splitting claims of the same article would otherwise race on the positions.
    return Article.objects.select_for_update().get(pk=article_id)


def _lock_claim(claim: Claim | int) -> Claim:
    pk = claim if isinstance(claim, int) else claim.pk
    locked = Claim.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise EditRefused(f"Claim {pk} no longer exists.")
    return locked


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


def has_history(claim: Claim) -> bool:
    """A verdict now or ever: the claim has reviews that must stay with it."""
    return claim.is_reviewed or Review.objects.filter(claim=claim).exists()


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
    article = _lock_article(claim.article_id)
    first = _lock_claim(claim)
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


def _pair_key(from_id: int, to_id: int, relation: str) -> tuple[int, int, str]:
    # Relations are symmetric (and unique per unordered pair in the database).
    return min(from_id, to_id), max(from_id, to_id), relation


def _move_relations(source: Claim, target: Claim) -> None:
    """Re-point ``source``'s relations to ``target``; those that would become a relation of
    the claim to itself are dropped, and those that repeat one ``target`` already has (in
    either direction) are folded into it, their note appended when it differs."""
    existing = {
        _pair_key(from_id, to_id, relation): pk
        for pk, from_id, to_id, relation in ClaimRelation.objects.touching(target).values_list(
            "pk", "from_claim_id", "to_claim_id", "relation"
        )
    }
    for rel in ClaimRelation.objects.touching(source):
        from_id = target.pk if rel.from_claim_id == source.pk else rel.from_claim_id
        to_id = target.pk if rel.to_claim_id == source.pk else rel.to_claim_id
        key = _pair_key(from_id, to_id, rel.relation)
        if from_id == to_id or key in existing:
            logger.info("merge: dropping relation %s (%s)", rel.pk, rel)
            if from_id != to_id and rel.note.strip():
                _append_note(existing[key], rel.note)
            rel.delete()
            continue
        ClaimRelation.objects.filter(pk=rel.pk).update(from_claim_id=from_id, to_claim_id=to_id)
        existing[key] = rel.pk


def _append_note(relation_id: int, note: str) -> None:
    kept = ClaimRelation.objects.get(pk=relation_id)
    extra = note.strip()
    if extra not in kept.note:
        kept.note = f"{kept.note.rstrip()}\n\n{extra}" if kept.note.strip() else extra
        kept.save(update_fields=["note"])


@transaction.atomic
def merge_with_next(claim: Claim, *, editor: AbstractBaseUser | None) -> Claim:
    """Merge ``claim`` with the next claim of its article into one claim spanning both.

    The merged claim keeps the reviewed claim's pk (or the first one's), and with it its
    verdict and history; the other claim's reviews, evidence and relations move to it, so
    nothing an editor did is lost. Refused (``EditRefused``) when both are reviewed with
    different verdicts, when there is no next claim, or across a paragraph break.
    """
    article = _lock_article(claim.article_id)
    locked = _lock_claim(claim)
    locked.article = article
    first, second, keeper = merge_plan(locked)
    second = _lock_claim(second)
    second.article = article
    keeper = first if keeper.pk == first.pk else second
    other = second if keeper is first else first

    # History and links of the claim that goes move to the one that stays. Reviews are moved,
    # not rewritten: QuerySet.update bypasses Review.save's append-only guard on purpose.
    Review.objects.filter(claim=other).update(claim=keeper)
    Evidence.objects.filter(claim=other).update(claim=keeper)
    _move_relations(other, keeper)
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


# --- Verdicts, relations, events -------------------------------------------------------------


# Claim columns ``update_claim`` never takes as plain ``changes``: the verdict's (written only
# with a Review, through ``verdict=``) and the structural ones (offsets and positions, which
# only split and merge change, keeping ``article.body[start:end] == text``).
_NOT_CHANGES = frozenset(
    {"verdict", "verdict_note", "reviewed_by", "reviewed_at", "version"}
    | {"article", "position", "text", "start", "end", "paragraph"}
)


@transaction.atomic
def update_claim(
    claim: Claim,
    *,
    changes: Mapping[str, Any],
    loaded_version: int | None,
    editor: AbstractBaseUser | None,
    verdict: str | None = None,
    note: str = "",
    evidence: Sequence[dict[str, str]] = (),
) -> Review | None:
    """The one way an editor changes a claim: plain fields and links (``changes``: validated
    values by field name, e.g. a ModelForm's ``cleaned_data``), a verdict with its note and
    evidence, or both — one transaction, one version check, one version bump.

    ``loaded_version`` is the version the editor saw (None: nothing was read earlier, e.g. a
    script); if the claim moved on since, ``StaleVersion`` is raised and nothing is written.
    A verdict (also the same one again with a new note) appends a Review, the history, with
    ``evidence`` attached to it; without one, ``evidence`` is added on its own. Returns the
    Review, if any. A bad verdict or evidence is a ``ValidationError`` before any write.
    """
    if verdict is not None and verdict not in Claim.Verdict.values:
        raise ValidationError({"verdict": f"Unknown verdict {verdict!r}."})
    if refused := sorted(set(changes) & _NOT_CHANGES):
        raise EditRefused(f"{', '.join(refused)}: not changed by update_claim.")
    evidence_rows = [Evidence.from_dict(item) for item in evidence]
    fields = {n: v for n, v in changes.items() if not Claim._meta.get_field(n).many_to_many}
    links = {n: v for n, v in changes.items() if n not in fields}
    version, previous = _check_version(claim, loaded_version)
    now = timezone.now()
    if verdict is not None:
        reviewed = verdict != Claim.Verdict.UNVERIFIED
        fields |= {
            "verdict": verdict,
            "verdict_note": note,
            "reviewed_by": editor if reviewed else None,
            "reviewed_at": now if reviewed else None,
        }
    if fields or links:
        # Any change moves the version on, so another editor's open form of it goes stale.
        Claim.objects.filter(pk=claim.pk).update(**fields, version=F("version") + 1)
        for name, value in links.items():
            getattr(claim, name).set(value)
        for name, value in fields.items():
            setattr(claim, name, value)
        claim.version = version + 1
    review = None
    if verdict is not None:
        review = Review.objects.create(
            claim=claim,
            verdict=verdict,
            previous_verdict=previous,
            note=note,
            editor=editor,
            created_at=now,
        )
    for row in evidence_rows:
        row.claim, row.review, row.added_by = claim, review, editor
    Evidence.objects.bulk_create(evidence_rows)
    return review


def _check_version(claim: Claim, loaded_version: int | None) -> tuple[int, str]:
    """Lock the claim's row and return its (version, verdict); ``StaleVersion`` (with the
    claim refreshed) when it is not at ``loaded_version``, ``Claim.DoesNotExist`` when gone.

    The check holds under concurrent writers: the row lock (PostgreSQL) or the IMMEDIATE
    transaction (SQLite, settings.py) keeps the version read here current until commit.
    NO KEY, like the UPDATE that follows, so new reviews' foreign keys are not blocked;
    ordered by pk, because the default ordering (by article) would join and lock the article
    row too, which a re-import locks first: a deadlock."""
    current = (
        Claim.objects.select_for_update(no_key=True)
        .filter(pk=claim.pk)
        .order_by("pk")
        .values_list("version", "verdict")
        .first()
    )
    if current is None:
        raise Claim.DoesNotExist(f"Claim {claim.pk} no longer exists")
    if loaded_version is not None and loaded_version != current[0]:
        claim.refresh_from_db()
        raise StaleVersion(claim, loaded_version)
    return current


@transaction.atomic
def set_verdicts(
    versions: Mapping[int, int],
    *,
    verdict: str,
    editor: AbstractBaseUser | None,
    note: str = "",
    evidence: Sequence[dict[str, str]] = (),
) -> list[Review]:
    """Bulk verdict with optimistic locking: ``versions`` maps each claim pk to the version
    the editor saw. All or nothing — one stale claim raises ``StaleVersion`` and no claim
    changes. Each claim goes through ``update_claim``."""
    claims = Claim.objects.filter(pk__in=list(versions)).order_by("pk")
    found = list(claims)
    missing = set(versions) - {c.pk for c in found}
    if missing:
        raise EditRefused(f"Claim(s) {sorted(missing)} no longer exist; nothing was changed.")
    reviews = []
    for claim in found:
        review = update_claim(
            claim,
            changes={},
            loaded_version=versions[claim.pk],
            editor=editor,
            verdict=verdict,
            note=note,
            evidence=evidence,
        )
        reviews.append(cast(Review, review))  # a verdict always writes a Review
    return reviews


def relate_claims(
    claim: Claim,
    other: Claim,
    relation: str,
    *,
    editor: AbstractBaseUser | None,
    note: str = "",
) -> tuple[ClaimRelation, bool]:
    """Link ``claim`` → ``other`` (``claim`` corroborates / contradicts / duplicates ``other``).
    Returns (relation, created); linking twice, or the other way round, is harmless and
    returns the existing relation, even when two editors link the pair at the same moment."""
    if relation not in ClaimRelation.Relation.values:
        raise EditRefused(f"Unknown relation {relation!r}.")
    if claim.pk == other.pk:
        raise EditRefused("A claim cannot be related to itself.")
    # The relations are symmetric: "other <relation> claim" is the same link, and is answered
    # as the existing one, whichever way round it was made.
    existing = _link(claim, other, relation)
    if existing is not None:
        return existing, False
    try:
        # A savepoint: the unique constraint on the unordered pair is the one check that
        # holds when another editor links the same pair (either way round) at this moment;
        # losing that race must leave the caller's transaction usable.
        with transaction.atomic():
            created = ClaimRelation.objects.create(
                from_claim=claim, to_claim=other, relation=relation, created_by=editor, note=note
            )
    except IntegrityError:
        existing = _link(claim, other, relation)
        if existing is None:
            # Not the pair constraint: one of the claims went away meanwhile (foreign keys
            # are checked at commit).
            raise EditRefused(
                "The claims could not be linked: one of them changed meanwhile; reload and retry."
            ) from None
        return existing, False
    return created, True


def _link(claim: Claim, other: Claim, relation: str) -> ClaimRelation | None:
    """The relation of this kind between the two claims, whichever way round, if any."""
    return ClaimRelation.objects.between(claim, other).filter(relation=relation).first()


def remove_relation(claim: Claim | int | None, relation_id: int) -> ClaimRelation:
    """Delete a relation: the one way the admin and both API routes remove one. With a
    ``claim``, only one of that claim's relations (either direction) is removed; another
    claim's is refused like a missing one. Returns the deleted relation."""
    relations = (
        ClaimRelation.objects.all() if claim is None else ClaimRelation.objects.touching(claim)
    )
    relation = relations.filter(pk=relation_id).first()
    if relation is None:
        where = "" if claim is None else " on this claim"
        raise EditRefused(f"That relation does not exist (any more){where}.")
    relation.delete()
    return relation


def set_event_status(events: QuerySet[Event], status: str) -> int:
    """Confirm or dismiss events (suggested ones usually); returns how many changed."""
    if status not in Event.Status.values:
        raise EditRefused(f"Unknown event status {status!r}.")
    return events.exclude(status=status).update(status=status)


# --- Actors ----------------------------------------------------------------------------------

# A merge that loses a deadlock or serialization race is rolled back whole by PostgreSQL, so
# running it again is safe; bounded, because an editor is waiting for the page.
MERGE_ATTEMPTS = 3
_TRANSIENT_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure


def is_transient(exc: DatabaseError) -> bool:
    """The database aborted the transaction only because of a concurrent one: retry it."""
    return getattr(exc.__cause__, "sqlstate", None) in _TRANSIENT_SQLSTATES


def _backoff(attempt: int) -> None:
    # Jittered, so two transactions that collided do not collide again in step.
    time.sleep(random.uniform(0.05, 0.2) * attempt)


def merge_actors(
    keep_id: int, other_ids: Sequence[int], *, attempts: int = MERGE_ATTEMPTS
) -> tuple[Actor, list[Actor]]:
    """``Actor.merge`` (one transaction), retried when the database aborted it for a deadlock
    or a serialization failure with a concurrent writer such as an import. Returns (the kept
    actor, the actors merged into it). Raises ``EditRefused`` with a message for the editor
    when an actor is gone or every attempt failed; nothing is half-merged either way."""
    for attempt in range(1, attempts + 1):
        # Fresh rows each time: a failed attempt may have changed the objects in memory, and
        # a concurrent merge may have removed some of the actors meanwhile.
        keep = Actor.objects.filter(pk=keep_id).first()
        if keep is None:
            raise EditRefused(
                "The actor to keep no longer exists (merged or deleted meanwhile); "
                "nothing was merged."
            )
        others = list(Actor.objects.filter(pk__in=other_ids).exclude(pk=keep_id).order_by("name"))
        if not others:
            raise EditRefused(
                f"The actors to merge into {keep.name} no longer exist (merged or deleted "
                "meanwhile); nothing was merged."
            )
        try:
            keep.merge(others)
        except OperationalError as exc:
            if not is_transient(exc):
                raise
            logger.warning(
                "actor merge into %s, attempt %s/%s: %s", keep_id, attempt, attempts, exc
            )
            if attempt < attempts:
                _backoff(attempt)
            continue
        return keep, others
    raise EditRefused(
        f"The merge could not be saved: it collided {attempts} times with other changes to "
        "these actors (an import, or another editor). Nothing was changed; please try again "
        "in a moment."
    )


# --- Re-import -------------------------------------------------------------------------------


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
