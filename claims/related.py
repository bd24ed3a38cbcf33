"""Claims in other articles that probably corroborate, contradict or duplicate a claim.

Shared by the API (/api/claims/{id}/related/) and the admin. Two stages, so the cost does not
grow with the table:

1. Narrow in SQL. Each source below is one indexed query with its own LIMIT: claims about
   one of its events; claims naming one of its dates (looked for only in the few hundred
   articles published first from just before that date: ``mentioned_dates`` has no index,
   the article date has); claims said by or naming one of its actors (speaker included) in
   the few hundred articles published around the claim's own (a country can be named in a
   sixth of all claims: the same story is told around the same time); and full-text matches
   of its salient words (PostgreSQL: ``to_tsquery`` with pairs of the words OR-ed, held to
   the ``claim_text_fts`` GIN index, best ``ts_rank`` first among a bounded set of matches;
   SQLite: substring matches). At most ``CANDIDATE_CAP`` candidates survive, never from the
   claim's own article and never already related to it.
2. Score those few hundred in Python: overlap of actors, events and dates, plus word-set
   Jaccard similarity of the texts. The score is the same on both databases.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from claims.extract.lexicon import STOPWORDS
from claims.models import Actor, Article, Claim, ClaimRelation, Event

PER_SOURCE_LIMIT = 200  # candidates one SQL source may contribute
CANDIDATE_CAP = 400  # candidates scored in Python, whatever the table size
FTS_PREFILTER = 200  # full-text matches ranked by ts_rank (it recomputes each tsvector)
FTS_KEEP = 100  # the best-ranked of those that become candidates
SALIENT_WORDS = 8
PAIR_WORDS = 5  # the full-text query pairs up this many salient words
MAX_DATES = 3
ARTICLES_PER_DATE = 300  # articles whose claims are checked for one mentioned date
DATE_WINDOW = (dt.timedelta(days=3), dt.timedelta(days=90))  # before, after the date
ARTICLES_NEAR = 300  # articles around the claim's own searched for shared actors
NEAR_WINDOW = (dt.timedelta(days=14), dt.timedelta(days=60))  # before, after its article

# How much each kind of overlap weighs in the score (they sum to 1).
WEIGHTS = {"actors": 0.30, "events": 0.25, "dates": 0.15, "text": 0.30}
SAME_SPEAKER_BONUS = 0.10
DUPLICATE_TEXT = 0.8  # word overlap above which the claims read as the same sentence

WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class RelatedCandidate:
    """One ranked candidate; ``claim`` has ``article`` and ``speaker`` loaded."""

    claim: Claim
    score: float  # 0..1
    reasons: tuple[str, ...]
    shared_actors: tuple[Actor, ...] = ()
    shared_events: tuple[Event, ...] = ()
    shared_dates: tuple[str, ...] = ()  # ISO dates
    text_similarity: float = 0.0
    same_speaker: bool = False


def _stem(word: str) -> str:
    # Plural folding is enough to match "sanctions"/"sanction", "talks"/"talk".
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str) -> set[str]:
    """Lower-cased, plural-folded words of ``text`` minus stopwords and 1-2 letter words."""
    return {
        _stem(w)
        for w in WORD_RE.findall(text.casefold())
        if w not in STOPWORDS and (len(w) > 2 or w.isdigit())
    }


def salient_words(text: str, limit: int = SALIENT_WORDS) -> list[str]:
    """The words most likely to find the same story: numbers and capitalised names first,
    then the longest words (a cheap stand-in for rarity)."""
    seen: dict[str, tuple[int, int, int]] = {}
    for index, word in enumerate(WORD_RE.findall(text)):
        key = word.casefold()
        if key in STOPWORDS or key in seen or (len(key) < 3 and not key.isdigit()):
            continue
        seen[key] = (0 if word.isdigit() or word[0].isupper() else 1, -len(word), index)
    return sorted(seen, key=seen.__getitem__)[:limit]


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def mentioned_iso_dates(claim_dates: object) -> set[str]:
    """ISO dates from ``mentioned_dates``; tolerant of malformed entries (it is free JSON)."""
    if not isinstance(claim_dates, list):
        return set()
    return {
        item["date"]
        for item in claim_dates
        if isinstance(item, dict) and isinstance(item.get("date"), str) and item["date"]
    }


# --- Stage 1: candidates in SQL --------------------------------------------------------------


def _read_connection() -> BaseDatabaseWrapper:
    """Where the ORM reads claims (a replica for API reads, when one is configured), so the
    raw full-text query reads the same database as the rest of the ranking."""
    return connections[router.db_for_read(Claim)]


def _nearby_articles(claim: Claim) -> QuerySet | None:
    """The ``ARTICLES_NEAR`` articles published closest after the claim's own article began
    its news cycle (ids, as a subquery), or None when the article has no date."""
    published = Article.objects.filter(pk=claim.article_id).values_list("published_on", flat=True)
    day = published.first()
    if day is None:
        return None
    return (
        Article.objects.filter(
            published_on__gte=day - NEAR_WINDOW[0], published_on__lte=day + NEAR_WINDOW[1]
        )
        .exclude(pk=claim.article_id)
        .order_by("published_on", "id")
        .values("id")[:ARTICLES_NEAR]
    )


def _by_actors(claim: Claim, actor_ids: set[int]) -> list[int]:
    """Claims said by or naming one of the actors, in articles published around the claim's
    own: a frequent actor (a country, a president) is in a sixth of all claims, and sorting
    those would cost more than everything else here; the same story is told around the same
    time. Undated articles: the first matches found, unordered but still LIMITed."""
    if not actor_ids:
        return []
    nearby = _nearby_articles(claim)
    spoken = Claim.objects.filter(speaker_id__in=actor_ids).exclude(article_id=claim.article_id)
    named = Claim.actors.through.objects.filter(actor_id__in=actor_ids).exclude(
        claim__article_id=claim.article_id
    )
    if nearby is not None:
        # No ORDER BY: the window bounds the rows, and sorting by id would make PostgreSQL
        # walk the claim-id index of the whole link table instead of the window's claims.
        spoken = spoken.filter(article_id__in=nearby)
        named = named.filter(claim__article_id__in=nearby)
    spoken, named = spoken.order_by(), named.order_by()
    return list(spoken.values_list("id", flat=True)[:PER_SOURCE_LIMIT]) + list(
        named.values_list("claim_id", flat=True)[:PER_SOURCE_LIMIT]
    )


def _by_events(claim: Claim, event_ids: set[int]) -> list[int]:
    if not event_ids:
        return []
    return list(
        Claim.events.through.objects.filter(event_id__in=event_ids)
        .exclude(claim__article_id=claim.article_id)
        .order_by("-claim_id")
        .values_list("claim_id", flat=True)[:PER_SOURCE_LIMIT]
    )


def _by_dates(claim: Claim, dates: set[str]) -> list[int]:
    """Claims naming one of ``dates``, looked for only among the claims of the
    ``ARTICLES_PER_DATE`` articles published first from just before each date on: there is
    no index on ``mentioned_dates``, so the articles bound the rows checked."""
    sources = []
    for iso in sorted(dates)[:MAX_DATES]:
        try:
            day = dt.date.fromisoformat(iso)
        except ValueError:
            continue
        articles = (
            Article.objects.filter(
                published_on__gte=day - DATE_WINDOW[0], published_on__lte=day + DATE_WINDOW[1]
            )
            .exclude(pk=claim.article_id)
            .order_by("published_on", "id")
            .values("id")[:ARTICLES_PER_DATE]
        )
        if _read_connection().vendor == "postgresql":
            match = Q(mentioned_dates__contains=[{"date": iso}])  # jsonb @>
        else:  # SQLite has no JSON containment: match the stored JSON text
            match = Q(dates_text__contains=f'"date": "{iso}"')
        sources.append(Q(article_id__in=articles) & match)
    if not sources:
        return []
    qs = Claim.objects.all()
    if _read_connection().vendor != "postgresql":
        qs = qs.annotate(dates_text=Cast("mentioned_dates", TextField()))
    condition = sources[0]
    for q in sources[1:]:
        condition |= q
    return list(
        qs.filter(condition).order_by("-id").values_list("id", flat=True)[:PER_SOURCE_LIMIT]
    )


def _tsquery(words: list[str]) -> str:
    """Pairs of salient words, OR-ed: "(a & b) | (a & c) | …". Single words OR-ed would
    match a large part of a million claims through any common word; two shared salient
    words are both a better signal and far fewer rows. One word alone if that is all."""
    words = words[:PAIR_WORDS]
    if len(words) < 2:
        return " | ".join(words)
    return " | ".join(f"({a} & {b})" for i, a in enumerate(words) for b in words[i + 1 :])


def _by_text(claim: Claim) -> list[int]:
    words = salient_words(claim.text)
    if not words:
        return []
    if _read_connection().vendor == "postgresql":
        # Same expression as the claim_text_fts index. The inner LIMIT bounds how many
        # matches get ranked: ts_rank recomputes each row's tsvector.
        table = Claim._meta.db_table
        tsquery = _tsquery(words)  # only letters and digits: safe tsquery syntax
        sql = f"""
            SELECT id FROM (
                SELECT id, text FROM {table}
                WHERE to_tsvector('english', text) @@ to_tsquery('english', %s)
                  AND article_id <> %s
                LIMIT {FTS_PREFILTER}
            ) AS matches
            ORDER BY ts_rank(to_tsvector('english', text), to_tsquery('english', %s)) DESC,
                     id DESC
            LIMIT {FTS_KEEP}
        """
        db = _read_connection()
        # When the words are common, the planner expects to find the few hundred matches
        # sooner by reading the table in order, computing to_tsvector for every row it reads
        # (thousands of them). The GIN index finds them without computing any: insist on it,
        # for this one query (SET LOCAL ends with the transaction).
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            # Words that are all PostgreSQL stopwords give an empty tsquery: no index can
            # answer that, and the scan would run to_tsvector over the whole table.
            cursor.execute("SELECT numnode(to_tsquery('english', %s))", [tsquery])
            if not cursor.fetchone()[0]:
                return []
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, [tsquery, claim.article_id, tsquery])
            return [row[0] for row in cursor.fetchall()]
    condition = Q()
    for word in words[:5]:
        condition |= Q(text__icontains=word)
    return list(
        Claim.objects.filter(condition)
        .exclude(article_id=claim.article_id)
        .order_by("-id")
        .values_list("id", flat=True)[:PER_SOURCE_LIMIT]
    )


@dataclass(frozen=True, slots=True)
class _Profile:
    """The claim asked about, as candidates are compared with it: its actors (speaker
    included) and events, loaded to name them in the reasons, its dates and its words."""

    claim: Claim
    actors: dict[int, Actor]  # named in it, and its speaker
    events: dict[int, Event]
    dates: set[str]  # ISO dates
    words: set[str]  # content_words of its text


def _profile(claim: Claim) -> _Profile:
    actors = {a.pk: a for a in Actor.objects.filter(mentioned_in=claim).only("id", "name")}
    if claim.speaker_id and claim.speaker_id not in actors:
        speaker = Actor.objects.filter(pk=claim.speaker_id).only("id", "name").first()
        if speaker:
            actors[speaker.pk] = speaker
    events = {e.pk: e for e in Event.objects.filter(claims=claim).only("id", "title", "date")}
    return _Profile(
        claim=claim,
        actors=actors,
        events=events,
        dates=mentioned_iso_dates(claim.mentioned_dates),
        words=content_words(claim.text),
    )


def _already_related(claim: Claim) -> set[int]:
    """The claim itself and every claim related to it, either way round: never candidates."""
    already = {claim.pk}
    for from_id, to_id in ClaimRelation.objects.touching(claim).values_list(
        "from_claim_id", "to_claim_id"
    ):
        already.update((from_id, to_id))
    return already


def _candidate_ids(profile: _Profile) -> list[int]:
    """Stage 1: the ids the sources find (events, dates, actors, then text), each once and
    none already related, cut at ``CANDIDATE_CAP`` in that order."""
    claim = profile.claim
    seen = _already_related(claim)
    candidate_ids: list[int] = []
    for source in (
        _by_events(claim, set(profile.events)),
        _by_dates(claim, profile.dates),
        _by_actors(claim, set(profile.actors)),
        _by_text(claim),
    ):
        for pk in source:
            if pk not in seen:
                seen.add(pk)
                candidate_ids.append(pk)
    return candidate_ids[:CANDIDATE_CAP]


# --- Stage 2: scoring ------------------------------------------------------------------------


def _pairs(through_rows: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for claim_id, other_id in through_rows:
        out[claim_id].add(other_id)
    return out


@dataclass(frozen=True, slots=True)
class _Overlap:
    """What one candidate shares with the claim asked about, and its score."""

    pk: int
    score: float
    shared_actors: set[int]
    shared_events: set[int]
    shared_dates: set[str]
    text_similarity: float
    same_speaker: bool


def _overlap(
    profile: _Profile,
    row: tuple[int, str, int | None, object],
    actor_ids: set[int],
    event_ids: set[int],
) -> _Overlap:
    """Score one candidate row (id, text, speaker_id, mentioned_dates) with its actor and
    event ids: weighted Jaccard overlaps, plus a bonus for the same speaker, capped at 1."""
    pk, text, speaker_id, mentioned = row
    if speaker_id:
        actor_ids = actor_ids | {speaker_id}
    dates = mentioned_iso_dates(mentioned)
    text_sim = jaccard(profile.words, content_words(text))
    same_speaker = bool(profile.claim.speaker_id and profile.claim.speaker_id == speaker_id)
    score = (
        WEIGHTS["actors"] * jaccard(set(profile.actors), actor_ids)
        + WEIGHTS["events"] * jaccard(set(profile.events), event_ids)
        + WEIGHTS["dates"] * jaccard(profile.dates, dates)
        + WEIGHTS["text"] * text_sim
        + (SAME_SPEAKER_BONUS if same_speaker else 0.0)
    )
    return _Overlap(
        pk=pk,
        score=round(min(score, 1.0), 4),
        shared_actors=set(profile.actors) & actor_ids,
        shared_events=set(profile.events) & event_ids,
        shared_dates=profile.dates & dates,
        text_similarity=text_sim,
        same_speaker=same_speaker,
    )


def _scored(profile: _Profile, candidate_ids: list[int], limit: int) -> list[_Overlap]:
    """The best ``limit`` candidates with a positive score, best first (score, then newest).
    Scores plain rows: three queries whatever the number of candidates."""
    rows = Claim.objects.filter(pk__in=candidate_ids).values_list(
        "id", "text", "speaker_id", "mentioned_dates"
    )
    cand_actors = _pairs(
        Claim.actors.through.objects.filter(claim_id__in=candidate_ids).values_list(
            "claim_id", "actor_id"
        )
    )
    cand_events = _pairs(
        Claim.events.through.objects.filter(claim_id__in=candidate_ids).values_list(
            "claim_id", "event_id"
        )
    )
    overlaps = [
        _overlap(profile, row, cand_actors.get(row[0], set()), cand_events.get(row[0], set()))
        for row in rows
    ]
    scored = [overlap for overlap in overlaps if overlap.score > 0]
    scored.sort(key=lambda overlap: (-overlap.score, -overlap.pk))
    return scored[:limit]


# --- Shaping ---------------------------------------------------------------------------------


def _reasons(profile: _Profile, other: Claim, overlap: _Overlap) -> tuple[str, ...]:
    """Why the candidate is suggested, in words an editor reads."""
    reasons = []
    if overlap.same_speaker:
        reasons.append(f"same speaker: {other.speaker.name}")
    if overlap.shared_actors:
        names = sorted(profile.actors[a].name for a in overlap.shared_actors)
        reasons.append("shared actors: " + ", ".join(names))
    if overlap.shared_events:
        titles = sorted(profile.events[e].title for e in overlap.shared_events)
        reasons.append("shared events: " + ", ".join(titles))
    if overlap.shared_dates:
        reasons.append("shared dates: " + ", ".join(sorted(overlap.shared_dates)))
    text_sim = overlap.text_similarity
    if text_sim >= DUPLICATE_TEXT:
        reasons.append(f"near-identical wording ({text_sim:.0%} of words): possible duplicate")
    elif text_sim > 0:
        reasons.append(f"similar wording ({text_sim:.0%} of words shared)")
    return tuple(reasons)


def _shaped(profile: _Profile, scored: list[_Overlap]) -> list[RelatedCandidate]:
    """Only the winners become Claim objects (with article and speaker), in one query."""
    winners = Claim.objects.select_related("article", "speaker").only(
        "id",
        "text",
        "verdict",
        "mentioned_dates",
        "article__id",
        "article__title",
        "article__published_on",
        "speaker__id",
        "speaker__name",
    )
    loaded = winners.in_bulk([overlap.pk for overlap in scored]) if scored else {}
    ranked: list[RelatedCandidate] = []
    for overlap in scored:
        other = loaded.get(overlap.pk)
        if other is None:  # deleted meanwhile
            continue
        actors = (profile.actors[a] for a in overlap.shared_actors)
        events = (profile.events[e] for e in overlap.shared_events)
        ranked.append(
            RelatedCandidate(
                claim=other,
                score=overlap.score,
                reasons=_reasons(profile, other, overlap),
                shared_actors=tuple(sorted(actors, key=str)),
                shared_events=tuple(sorted(events, key=lambda e: e.pk)),
                shared_dates=tuple(sorted(overlap.shared_dates)),
                text_similarity=round(overlap.text_similarity, 4),
                same_speaker=overlap.same_speaker,
            )
        )
    return ranked


def related_claims(claim: Claim, *, limit: int = 20) -> list[RelatedCandidate]:
    """Up to ``limit`` claims from other articles, best first (score, then newest)."""
    profile = _profile(claim)
    candidate_ids = _candidate_ids(profile)
    if not candidate_ids:
        return []
    return _shaped(profile, _scored(profile, candidate_ids, limit))
