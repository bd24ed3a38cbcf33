"""Saving one parsed article: the writes inside its transaction, batched, in raw SQL where the
ORM costs more than the query (these run for every article of a batch)."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, IntegrityError, connection
from django.db.models import Case, F, Value, When
from django.db.models.deletion import ProtectedError

from claims.extract.errors import ArticleError
from claims.extract.paragraphs import paragraph_index, paragraph_spans
from claims.extract.types import ParsedArticle, ParsedClaim
from claims.matching import frequencies
from claims.matching.similarity import tokens
from claims.models import Actor, Article, Claim

from . import bulk
from .actor_cache import ArticleActors, KnownActorCache, name_key
from .events import ClaimForEvents, EventIndex, EventStats, link_claims_to_events
from .reimport import Kept, kept_claims
from .result import Status
from .validation import worthiness

_ACTOR_KINDS = frozenset(Actor.Kind.values)
_CLAIM_BATCH = 1000  # rows per UPDATE: well under PostgreSQL's 65,535 parameters
EDITOR_RACE = "an editor reviewed a claim of this article during the import; retry"


@dataclass(frozen=True)
class Saved:
    """What one article's transaction wrote."""

    article_id: int
    status: Status
    claim_count: int
    kept: int
    actors: ArticleActors
    events: EventStats


# --- Reads before the writes -----------------------------------------------------------------


def find_unchanged(digest: str, version: str) -> tuple[int, str, int] | None:
    """(id, title, claim count) of the article with this raw text, if this pipeline
    ``version`` parsed it: one an older pipeline parsed is re-parsed (``find_existing``
    finds it by its text), so a better pipeline reaches the articles already imported."""
    # Plain SQL for the same reason as find_existing: once per article, usually empty.
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qn('id')}, {qn('title')} FROM {qn(Article._meta.db_table)} "
            f"WHERE {qn('content_hash')} = %s AND {qn('pipeline_version')} = %s",
            [digest, version],
        )
        same = cursor.fetchone()
    if same is None:
        return None
    pk, title = same
    return pk, title, Claim.objects.filter(article_id=pk).count()


def find_existing(url: str, source_name: str, digest: str) -> Article | None:
    """The article with this raw text (an older pipeline parsed it: ``find_unchanged``);
    else by URL when there is one; else by source name, unless that article has another
    URL (then it is a different article that happens to share a file name). Locked FOR
    UPDATE so two imports of one article take turns."""
    # Plain SQL: this runs for every article, nearly always to find nothing, and the ORM
    # would add the model's ORDER BY (PostgreSQL then walks an index instead).
    qn = connection.ops.quote_name
    if url:
        where = f"({qn('source_name')} = %s AND {qn('url')} = '') OR {qn('url')} = %s"
        params = [source_name, url]
    else:
        where, params = f"{qn('source_name')} = %s", [source_name]
    where, params = f"{where} OR {qn('content_hash')} = %s", [*params, digest]
    sql = (
        f"SELECT {qn('id')}, {qn('url')}, {qn('content_hash')} "
        f"FROM {qn(Article._meta.db_table)} WHERE {where}"
    )
    if connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        matches = cursor.fetchall()
    # content_hash is unique: at most one article has this text, and it is the one.
    by_text = [pk for pk, _, content_hash in matches if content_hash == digest]
    by_url = [pk for pk, article_url, _ in matches if url and article_url == url]
    by_name = [pk for pk, _, content_hash in matches if content_hash != digest]
    # Several articles may share a source name: the newest is the one being re-imported.
    pk = max(by_text or by_url or by_name, default=None)
    return None if pk is None else Article.objects.get(pk=pk)


# --- Actors ----------------------------------------------------------------------------------


def _lock_known_actors(ids: Iterable[int]) -> None:
    """Key-share lock these actors, in primary-key order, before any claim is touched.
    ``editing.merge_actors`` locks its actors (FOR UPDATE, pk order) and then rewrites their claims;
    without this the import would lock claims first and the actors only at commit (deferred
    foreign-key checks): the opposite order, so a merge racing a re-import deadlocked. KEY
    SHARE blocks only a merge or delete of these actors, never another import naming them."""
    if connection.vendor != "postgresql":
        return  # SQLite has one writer at a time: no row locks, no deadlock
    ids = sorted(ids)
    if not ids:
        return
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qn('id')} FROM {qn(Actor._meta.db_table)} WHERE {qn('id')} = ANY(%s) "
            f"ORDER BY {qn('id')} FOR KEY SHARE",
            [ids],
        )


@dataclass(frozen=True)
class _Named:
    """The names an article's claims use, sorted against the batch's known actors."""

    wanted: Mapping[str, tuple[str, str, str]]  # unknown: key -> (name, kind, role)
    describe: Mapping[int, str]  # known people without a description -> role found here
    known: Mapping[str, int]  # the known ones: key -> id


def _named(parsed: ParsedArticle, keys: Sequence[ClaimKeys], cache: KnownActorCache) -> _Named:
    wanted: dict[str, tuple[str, str, str]] = {}
    describe: dict[int, str] = {}
    known: dict[str, int] = {}

    def want(key: str, name: str, kind: str, role: str) -> None:
        if not key:
            return
        role = " ".join(role.split())[:300]
        pk = cache.ids.get(key)
        if pk is not None:
            known[key] = pk
            if role and pk in cache.undescribed and pk not in describe:
                describe[pk] = role
        elif len(name) <= 200 and (key not in wanted or (role and not wanted[key][2])):
            wanted[key] = (name.strip(), kind, role)

    for claim, claim_keys in zip(parsed.claims, keys, strict=True):
        for m, key in zip(claim.mentions, claim_keys.mentions, strict=True):
            want(key, m.name, m.kind, m.role or parsed.people.get(m.name, ""))
        if claim.speaker:
            kinds = dict(zip(claim_keys.mentions, (m.kind for m in claim.mentions), strict=True))
            want(
                claim_keys.speaker,
                claim.speaker,
                kinds.get(claim_keys.speaker, "person"),
                claim.speaker_role or parsed.people.get(claim.speaker, ""),
            )
    return _Named(wanted, describe, known)


@dataclass(frozen=True, slots=True)
class ClaimKeys:
    """A parsed claim's names, normalised once (every later step looks them up by key)."""

    speaker: str  # "" without a speaker
    mentions: tuple[str, ...]  # in mention order
    people: tuple[str, ...]  # the mentions that are people

    @classmethod
    def of(cls, claim: ParsedClaim) -> ClaimKeys:
        mentions = tuple(name_key(m.name) for m in claim.mentions)
        people = [k for k, m in zip(mentions, claim.mentions, strict=True) if m.kind == "person"]
        return cls(
            speaker=name_key(claim.speaker) if claim.speaker else "",
            mentions=mentions,
            people=tuple(people),
        )


@dataclass(frozen=True, slots=True)
class ClaimActors:
    """A new claim's actor ids: its speaker, the actors it names (each once, in mention
    order) and which of those are people."""

    speaker: int | None
    named: tuple[int, ...]
    people: frozenset[int]

    @classmethod
    def of(cls, keys: ClaimKeys, ids: Mapping[str, int]) -> ClaimActors:
        get = ids.get
        return cls(
            speaker=get(keys.speaker) if keys.speaker else None,
            named=tuple(dict.fromkeys(i for i in map(get, keys.mentions) if i is not None)),
            people=frozenset(i for i in map(get, keys.people) if i is not None),
        )


def _create_actors(wanted: Mapping[str, tuple[str, str, str]]) -> list[Actor]:
    if not wanted:
        return []
    return Actor.objects.bulk_create(
        [
            Actor(
                name=name,
                kind=kind if kind in _ACTOR_KINDS else Actor.Kind.OTHER,
                description=role if kind == "person" else "",
                normalized_name=key,
            )
            for key, (name, kind, role) in wanted.items()
        ],
        # A concurrent import may have created the same person: an upsert (rewriting the
        # same normalized_name) returns that row's id instead of failing, in the same
        # statement.
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["normalized_name"],
    )


def _describe(describe: Mapping[int, str]) -> None:
    if describe:
        # One UPDATE for all; "description = ''" again so an editor's text is never replaced.
        Actor.objects.filter(pk__in=list(describe), description="").update(
            description=Case(
                *[When(pk=pk, then=Value(role)) for pk, role in describe.items()],
                default=F("description"),
            )
        )


def resolve_actors(
    parsed: ParsedArticle, keys: Sequence[ClaimKeys], cache: KnownActorCache
) -> ArticleActors:
    """Actor id for every normalised name the claims use (``keys``, claim by claim); unknown
    ones are created in one insert. People get the role found in the article as their
    description, and a person who has none yet (first seen without a role) gets it from a
    later article. The known actors named are locked first (``_lock_known_actors``)."""
    named = _named(parsed, keys, cache)
    _lock_known_actors(set(named.known.values()))
    created = _create_actors(named.wanted)
    _describe(named.describe)
    # Only this article's names: the batch's cache holds every actor in the database.
    ids = dict(named.known)
    for actor in created:
        ids.setdefault(actor.normalized_name, actor.pk)
    return ArticleActors(
        ids=ids,
        new_rows=tuple((a.pk, a.name, a.kind, a.normalized_name) for a in created),
        described=frozenset(named.describe),
        undescribed=frozenset(
            a.pk for a in created if a.kind == Actor.Kind.PERSON and not a.description
        ),
    )


# --- Claims ----------------------------------------------------------------------------------


def _overlaps(claim: ParsedClaim, spans: Sequence[tuple[int, int]]) -> bool:
    i = bisect.bisect_left(spans, (claim.end, -1))
    # Only spans starting before the claim's end can overlap it; check the nearest ones.
    return any(start < claim.end and claim.start < end for start, end in spans[max(0, i - 2) : i])


@dataclass(slots=True)
class NewClaim:
    """A claim the pipeline found, with its actor ids; its ``row`` once written (with its
    id)."""

    parsed: ParsedClaim
    actors: ClaimActors
    tokens: AbstractSet[str]  # its distinct word tokens (``parsing.Parsed``)
    row: dict[str, Any] = field(default_factory=dict)


def _in_text_order(kept: Sequence[Kept], fresh: Sequence[NewClaim]) -> list[Kept | NewClaim]:
    """Kept and new claims in text order. New claims overlapping a kept claim are dropped:
    the editor's version wins."""
    spans = sorted((k.start, k.end) for k in kept)
    fresh = [c for c in fresh if not _overlaps(c.parsed, spans)]
    order = sorted(
        [(k.start, 0, k) for k in kept] + [(c.parsed.start, 1, c) for c in fresh],
        key=lambda item: (item[0], item[1]),
    )
    return [item for _, _, item in order]


def _claim_row(article_id: int, new: NewClaim, position: int) -> dict[str, Any]:
    """A new claim as ``bulk.insert`` takes it (unset columns get the model's defaults)."""
    parsed = new.parsed
    return {
        "article_id": article_id,
        "position": position,
        "text": parsed.text,
        "start": parsed.start,
        "end": parsed.end,
        "paragraph": max(0, parsed.paragraph),
        "kind": parsed.kind,
        "attribution": parsed.attribution,
        "speaker_id": new.actors.speaker,
        "mentioned_dates": [
            {"text": d.text, "date": d.date.isoformat(), "precision": d.precision}
            for d in parsed.dates
        ],
        "check_worthiness": worthiness(parsed.check_worthiness),
        "check_reasons": list(parsed.check_reasons),
    }


def _write_claims(article_id: int, order: Sequence[Kept | NewClaim], body: str) -> list[NewClaim]:
    """Insert the new claims (one INSERT, ids back by position) and renumber the kept ones;
    returns the new claims, each with its row and id."""
    paragraph_of = functools.partial(paragraph_index, paragraph_spans(body))
    new_claims: list[NewClaim] = []
    kept_updates: list[Claim] = []
    for position, item in enumerate(order):
        if isinstance(item, Kept):
            kept_updates.append(
                Claim(
                    pk=item.pk,
                    position=position,
                    start=item.start,
                    end=item.end,
                    paragraph=paragraph_of(item.start),
                )
            )
        else:
            item.row = _claim_row(article_id, item, position)
            new_claims.append(item)
    ids = bulk.insert(Claim, [new.row for new in new_claims], returning_ids=True)
    for new, pk in zip(new_claims, ids, strict=True):
        new.row["id"] = pk
    if kept_updates:
        Claim.objects.bulk_update(
            kept_updates, ["position", "start", "end", "paragraph"], batch_size=_CLAIM_BATCH
        )
    return new_claims


def _write_mentions(new_claims: Sequence[NewClaim]) -> None:
    bulk.insert(
        Claim.actors.through,
        [
            {"claim_id": new.row["id"], "actor_id": actor_id}
            for new in new_claims
            for actor_id in new.actors.named
        ],
    )


def _for_events(new: NewClaim) -> ClaimForEvents:
    actors = new.actors
    named, people = set(actors.named), set(actors.people)
    if actors.speaker:
        named.add(actors.speaker)
        people.add(actors.speaker)
    return ClaimForEvents(
        claim_id=new.row["id"],
        text=new.parsed.text,
        dates=new.parsed.dates,
        actor_ids=frozenset(named),
        people_ids=frozenset(people),
    )


# --- The article -----------------------------------------------------------------------------


def _write_article(
    metadata: dict[str, Any], existing: Article | None, kept: Sequence[Kept]
) -> tuple[int, list[str]]:
    """Insert the article, or update it and clear the way for its new claims; returns its
    id and the texts of the claims that went."""
    if existing is None:
        (article_id,) = bulk.insert(Article, [metadata], returning_ids=True)
        return article_id, []
    for name, value in metadata.items():
        setattr(existing, name, value)
    existing.save()
    # Untouched claims go (their links with them); the Collector re-checks the PROTECTed
    # reviews/evidence/relations, so a review added meanwhile aborts this.
    going = Claim.objects.filter(article=existing).exclude(pk__in=[k.pk for k in kept])
    removed = list(going.values_list("text", flat=True))
    going.delete()
    if kept:
        # Out of the way of the new claims' positions until bulk_update renumbers them.
        Claim.objects.filter(pk__in=[k.pk for k in kept]).park()
    return existing.pk, removed


def save_article(
    parsed: ParsedArticle,
    metadata: dict[str, Any],
    *,
    claim_tokens: Sequence[AbstractSet[str]],
    actors: KnownActorCache,
    events: EventIndex,
    words: frequencies.Tally,
) -> Saved:
    """Write one article, its claims, their actors and events. Call inside the article's
    transaction: a failure at any step leaves nothing written."""
    existing = find_existing(metadata["url"], metadata["source_name"], metadata["content_hash"])
    kept = [] if existing is None else kept_claims(existing, metadata["body"])
    keys = [ClaimKeys.of(claim) for claim in parsed.claims]
    article_actors = resolve_actors(parsed, keys, actors)
    article_id, removed = _write_article(metadata, existing, kept)
    fresh = [
        NewClaim(claim, ClaimActors.of(claim_keys, article_actors.ids), claim_words)
        for claim, claim_keys, claim_words in zip(parsed.claims, keys, claim_tokens, strict=True)
    ]
    order = _in_text_order(kept, fresh)
    new_claims = _write_claims(article_id, order, metadata["body"])
    # The word statistics of related-claim matching, after the commit (frequencies).
    words.record_on_commit(
        added=[new.tokens for new in new_claims], removed=[tokens(text) for text in removed]
    )
    _write_mentions(new_claims)
    event_stats = link_claims_to_events([_for_events(new) for new in new_claims], curated=events)
    return Saved(
        article_id=article_id,
        status="created" if existing is None else "updated",
        claim_count=len(order),
        kept=len(kept),
        actors=article_actors,
        events=event_stats,
    )


# --- Why a save failed -----------------------------------------------------------------------


def failure_reason(exc: Exception) -> str | None:
    """The one-line reason for an expected failure of an article's save; None for anything
    else (a bug, which propagates)."""
    if isinstance(exc, ArticleError):
        return str(exc)
    if isinstance(exc, ProtectedError):
        return EDITOR_RACE
    if isinstance(exc, IntegrityError):
        return _integrity_reason(exc)
    if isinstance(exc, DatabaseError):
        return f"database error: {' '.join(str(exc).split())[:300]}"
    return None


def _integrity_reason(exc: IntegrityError) -> str:
    text = str(exc)
    if "article_url_unique" in text or "claims_article.url" in text:
        return "another article already has this URL"
    if "content_hash" in text:
        return "the same text was imported at the same time by another import"
    # Foreign keys are checked at commit: a concurrent edit shows up here, not as a 500.
    if 'delete on table "claims_claim"' in text:
        return EDITOR_RACE
    if "_fk_claims_actor_id" in text or "_fk_claims_event_id" in text:
        return "an actor or event it names was merged or deleted during the import; retry"
    if "FOREIGN KEY constraint failed" in text:  # SQLite names no table
        return "a row it refers to changed during the import; retry"
    return f"database integrity error: {' '.join(text.split())[:300]}"
