"""Hand-built response dicts for claims: the hot path of the API.

/api/claims/ is benchmarked against a plain ``.values()`` + JsonResponse view, so a page is
one ``.values()`` query joined to article and speaker, turned into dicts without DRF field
machinery. The actors and events of the page's claims come

- on PostgreSQL, inside that same query: each claim's lists as JSON, kept ready by triggers
  in ``claims_claim_lists`` (migration 0013) and read only for the rows the LIMIT keeps. A
  separate round trip costs about as much as the page query itself, so this is what keeps
  the API near the bare ``.values()`` speed;
- elsewhere (SQLite), from ONE query each for the whole page.

The shape is documented by ``claims.api.serializers.ClaimDoc``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import F, JSONField, QuerySet
from django.db.models.expressions import RawSQL
from django.http import HttpRequest
from django.urls import reverse

from claims.matching import RelatedCandidate
from claims.models import Actor, Claim, ClaimRelation
from claims.models.claims import claim_slug

# The columns of a claim payload; also the sort keys the keyset paginator reads.
CLAIM_VALUES = (
    "id",
    "article_id",
    "article__title",
    "article__published_on",
    "position",
    "text",
    "start",
    "end",
    "kind",
    "attribution",
    "speaker_id",
    "speaker__name",
    "mentioned_dates",
    "check_worthiness",
    "verdict",
    "verdict_note",
    "reviewed_at",
    "version",
    "assignee__username",
    "published_at",
)


def iso_datetime(value: dt.datetime | None) -> str | None:
    """The same string DRF's DateTimeField renders (ISO 8601, UTC as ``Z``)."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# The references a claim payload nests: the same shape wherever a claim is shown.


def article_ref(pk: int, title: str, published_on: dt.date | None) -> dict[str, Any]:
    return {"id": pk, "title": title, "published_on": iso_date(published_on)}


def actor_ref(pk: int | None, name: str) -> dict[str, Any] | None:
    """A speaker or named actor; None for a claim without a speaker."""
    return {"id": pk, "name": name} if pk is not None else None


def event_ref(pk: int, title: str, date: dt.date | None) -> dict[str, Any]:
    return {"id": pk, "title": title, "date": iso_date(date)}


_JSON = JSONField()  # output field of the inline lists; built once, not per request


def stored_lists_sql(claim_id: str = f"{Claim._meta.db_table}.id") -> tuple[str, str]:
    """(actors, events): SQL for the claim's lists as JSON, read from ``claims_claim_lists``
    (PostgreSQL only; kept by triggers, see migration 0013), for the claim whose id is the
    SQL expression ``claim_id`` (by default the claim table's own name: Django never
    aliases a query's base table). No row there means no actors and no events."""
    lists = "SELECT l.{} FROM claims_claim_lists l WHERE l.claim_id = " + claim_id
    return (
        f"COALESCE(({lists.format('actors')}), '[]')",
        f"COALESCE(({lists.format('events')}), '[]')",
    )


def claim_values(queryset: QuerySet) -> QuerySet:
    """The claim rows ``claim_payloads`` turns into dicts; see the module docstring."""
    if connections[queryset.db].vendor != "postgresql":
        return queryset.values(*CLAIM_VALUES)
    actors, events = stored_lists_sql()
    # Cast to text: Django's JSONField decodes text (psycopg would hand back parsed ``json``).
    # One JSON column for the actors, the events and mentioned_dates: one decode per row.
    claim = Claim._meta.db_table
    lists = f"SELECT json_build_array({actors}, {events}, {claim}.mentioned_dates)::text"
    columns = [c for c in CLAIM_VALUES if c != "mentioned_dates"]
    return queryset.annotate(m2m_json=RawSQL(lists, (), output_field=_JSON)).values(
        *columns, "m2m_json"
    )


def related_rows(rows: Sequence[dict[str, Any]]) -> tuple[dict[int, list], dict[int, list]]:
    """({claim id: actors}, {claim id: events}) for ``claim_values`` rows: read from the rows
    when PostgreSQL put them there (moving ``mentioned_dates`` to its usual key), else ONE
    query each."""
    if rows and "m2m_json" in rows[0]:
        actors, events = {}, {}
        for row in rows:
            actors[row["id"]], events[row["id"]], row["mentioned_dates"] = row["m2m_json"]
        return actors, events
    ids = [row["id"] for row in rows]
    return actors_by_claim(ids), events_by_claim(ids)


def actors_by_claim(ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not ids:
        return out
    rows = (
        Claim.actors.through.objects.filter(claim_id__in=ids)
        .order_by("actor__name", "actor_id")
        .values_list("claim_id", "actor_id", "actor__name", "actor__kind")
    )
    for claim_id, actor_id, name, kind in rows:
        out[claim_id].append({"id": actor_id, "name": name, "kind": kind})
    return out


def events_by_claim(ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not ids:
        return out
    rows = (
        Claim.events.through.objects.filter(claim_id__in=ids)
        .order_by(F("event__date").asc(nulls_last=True), "event__title", "event_id")
        .values_list("claim_id", "event_id", "event__title", "event__date")
    )
    for claim_id, event_id, title, date in rows:
        out[claim_id].append(event_ref(event_id, title, date))
    return out


def claim_payloads(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim dicts for ``claim_values`` rows, in their order: 2 queries at most."""
    actors, events = related_rows(rows)
    return [
        {
            "id": row["id"],
            "article": article_ref(
                row["article_id"], row["article__title"], row["article__published_on"]
            ),
            "position": row["position"],
            "text": row["text"],
            "start": row["start"],
            "end": row["end"],
            "kind": row["kind"],
            "attribution": row["attribution"],
            "speaker": actor_ref(row["speaker_id"], row["speaker__name"]),
            "actors": actors.get(row["id"], []),
            "events": events.get(row["id"], []),
            "mentioned_dates": row["mentioned_dates"],
            "check_worthiness": row["check_worthiness"],
            "verdict": row["verdict"],
            "verdict_note": row["verdict_note"],
            "reviewed_at": iso_datetime(row["reviewed_at"]),
            "version": row["version"],
            "assignee": row["assignee__username"],
            "published_at": iso_datetime(row["published_at"]),
        }
        for row in rows
    ]


def claim_payload(pk: int, claims: QuerySet | None = None) -> dict[str, Any] | None:
    """Claim ``pk`` among ``claims`` (default: all), or None."""
    claims = Claim.objects.all() if claims is None else claims
    rows = list(claim_values(claims.filter(pk=pk)))  # 1 query on PostgreSQL, else 3
    return claim_payloads(rows)[0] if rows else None


# --- Related candidates (claims.matching) -----------------------------------------------------


def related_payload(candidate: RelatedCandidate) -> dict[str, Any]:
    """One ranked candidate: a short claim from the row stage 1 read (its article and
    speaker included, so no query and no model instance) with what it shares with the
    claim asked about."""
    row = candidate.row
    return {
        "claim": {
            "id": row.id,
            "text": row.text,
            "article": article_ref(row.article_id, row.article_title, row.published_on),
            "speaker": actor_ref(row.speaker_id, row.speaker_name) if row.speaker_id else None,
            "verdict": row.verdict,
        },
        "score": candidate.score,
        "reasons": list(candidate.reasons),
        "shared_actors": [actor_ref(a.pk, a.name) for a in candidate.shared_actors],
        "shared_events": [event_ref(e.pk, e.title, e.date) for e in candidate.shared_events],
        "shared_dates": list(candidate.shared_dates),
        "text_similarity": candidate.text_similarity,
        "suggested_relation": candidate.suggested_relation,
        "relation_reasons": list(candidate.relation_reasons),
    }


# --- Relations -------------------------------------------------------------------------------


def relation_queryset(claim_id: int) -> QuerySet:
    # Only what an item shows: select_related would otherwise load both articles' bodies.
    return (
        ClaimRelation.objects.touching(claim_id)
        .select_related("from_claim__article", "to_claim__article", "created_by")
        .only(
            "id",
            "relation",
            "note",
            "created_at",
            "created_by__username",
            "from_claim__id",
            "from_claim__text",
            "from_claim__article__id",
            "from_claim__article__title",
            "to_claim__id",
            "to_claim__text",
            "to_claim__article__id",
            "to_claim__article__title",
        )
    )


def relation_payload(relation: ClaimRelation, claim_id: int) -> dict[str, Any]:
    outgoing = relation.from_claim_id == claim_id
    other = relation.to_claim if outgoing else relation.from_claim
    return {
        "id": relation.pk,
        "relation": relation.relation,
        "direction": "outgoing" if outgoing else "incoming",
        "from_claim": relation.from_claim_id,
        "to_claim": relation.to_claim_id,
        "other_claim": {
            "id": other.pk,
            "text": other.text,
            "article": {"id": other.article.pk, "title": other.article.title},
        },
        "note": relation.note,
        "created_by": relation.created_by.username if relation.created_by else None,
        "created_at": iso_datetime(relation.created_at),
    }


# --- schema.org ClaimReview ------------------------------------------------------------------

# Verdicts on the documented 1..5 scale (docs/api.md "Rating scale"): how far a reader can
# rely on the claim. 1 false (contradicted), 2 partly false (mixed: true and false parts, so
# misleading as a whole), 3 cannot tell (unverifiable: neither true nor false, the middle),
# 5 true (corroborated); 4 is left for a "mostly true" verdict. Google reads alternateName
# (the verdict's name); the number lets aggregators compare fact-checkers' scales.
# "unverified" claims are never published, so they have no rating.
RATING_SCALE = {"worst": 1, "best": 5}
RATING_VALUES: dict[str, int] = {
    Claim.Verdict.CONTRADICTED: 1,
    Claim.Verdict.MIXED: 2,
    Claim.Verdict.UNVERIFIABLE: 3,
    Claim.Verdict.CORROBORATED: 5,
}

CLAIMREVIEW_VALUES = (
    "id",
    "text",
    "verdict",
    "verdict_note",
    "reviewed_at",
    "published_at",
    "article_id",
    "article__title",
    "article__url",
    "article__publisher",
    "article__author",
    "article__published_on",
    "speaker_id",
    "speaker__name",
    "speaker__kind",
    "speaker__wikidata_id",
)


def _organization(name: str, url: str = "") -> dict[str, str]:
    org = {"@type": "Organization", "name": name}
    if url:
        org["url"] = url
    return org


def _rating(verdict: str) -> dict[str, Any]:
    label = Claim.Verdict(verdict).label
    return {
        "@type": "Rating",
        "ratingValue": RATING_VALUES[verdict],
        "bestRating": RATING_SCALE["best"],
        "worstRating": RATING_SCALE["worst"],
        "name": label,
        "alternateName": label,
    }


def _appearance(row: dict[str, Any]) -> dict[str, Any]:
    """The article the claim appeared in: its URL and date when known."""
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": row["article__title"]}
    if row["article__url"]:
        appearance["url"] = row["article__url"]
    if row["article__published_on"]:
        appearance["datePublished"] = iso_date(row["article__published_on"])
    if row["article__author"]:
        appearance["author"] = {"@type": "Person", "name": row["article__author"]}
    if row["article__publisher"]:
        appearance["publisher"] = _organization(row["article__publisher"])
    return appearance


def _claimant(row: dict[str, Any]) -> dict[str, Any] | None:
    """Who made the claim: its speaker; for a statement (no speaker) the article itself
    makes it, so its author, else its publisher."""
    if row["speaker_id"] is not None:
        is_person = row["speaker__kind"] == Actor.Kind.PERSON
        # schema.org wants a Person or Organization as a claim's author: countries and other
        # collective speakers are the latter (a government, a movement).
        author = {"@type": "Person" if is_person else "Organization", "name": row["speaker__name"]}
        if row["speaker__wikidata_id"]:
            author["sameAs"] = f"https://www.wikidata.org/wiki/{row['speaker__wikidata_id']}"
        return author
    if row["article__author"]:
        return {"@type": "Person", "name": row["article__author"]}
    if row["article__publisher"]:
        return _organization(row["article__publisher"])
    return None


def fact_check_url(row: dict[str, Any], request: HttpRequest) -> str:
    """The absolute URL of the claim's public page, the ClaimReview's ``url``."""
    path = reverse("public-fact-check", args=[row["id"], claim_slug(row["text"])])
    return request.build_absolute_uri(path)


def claimreview_payload(row: dict[str, Any], request: HttpRequest) -> dict[str, Any]:
    """One ClaimReview for a reviewed claim's ``.values(*CLAIMREVIEW_VALUES)`` row, with
    every field Google's fact-check documentation requires or recommends (``url``: the
    public page; ``datePublished``: the day it was published, else of the verdict)."""
    item: dict[str, Any] = {"@type": "Claim"}
    if (author := _claimant(row)) is not None:
        item["author"] = author
    if row["article__published_on"]:
        item["datePublished"] = iso_date(row["article__published_on"])
    item["appearance"] = _appearance(row)

    org = settings.CLAIMTRACKER_ORGANIZATION
    published = row["published_at"] or row["reviewed_at"]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": fact_check_url(row, request),
        "claimReviewed": row["text"],
        "datePublished": iso_date(published.date()) if published else None,
        "author": _organization(org["name"], org.get("url", "")),
        "reviewRating": _rating(row["verdict"]),
        "itemReviewed": item,
    }
    if row["verdict_note"]:
        review["reviewBody"] = row["verdict_note"]
    return review


def claimreview_payloads(rows: Iterable[dict[str, Any]], request: HttpRequest) -> list[dict]:
    return [claimreview_payload(row, request) for row in rows]
