"""Claim counts by verdict: the selectors every count on a page comes from.

The admin (article list and page, event page, speaker filter), the API (article, actor and
event counts, /api/stats/) and through it the dashboard all read their counts here, so what
"a claim counted under a verdict" means is decided once. Two sources:

- live: a GROUP BY over claims_claim, for any (filtered) QuerySet of claims;
- counted: ``ClaimCount``, the (speaker, verdict) counters database triggers keep exact
  (migration 0005), for whole-database counts by verdict or speaker; a few rows per speaker
  instead of a scan of every claim.

Selectors take QuerySets and plain values, never a request: parsing is the caller's job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Aggregate, Count, F, Model, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from claims.models import Actor, Article, Claim, ClaimCount, Event

VERDICTS: list[str] = list(Claim.Verdict.values)

Counts = dict[str, int]


def zero_counts() -> Counts:
    """A {verdict: 0} dict with all five verdicts, so charts never miss a key."""
    return dict.fromkeys(VERDICTS, 0)


# --- The verdict-count helper ----------------------------------------------------------------


def verdict_columns(to_claim: str = "", *, summing: str = "") -> dict[str, Aggregate]:
    """Aggregate columns ``n_<verdict>``, one per verdict, for ``.annotate()``.

    ``to_claim`` is the lookup path from the queried model to its claims ("claims__" from
    Article); ``summing`` adds up a counter column (ClaimCount.n) instead of counting rows.
    """
    if summing:
        return {f"n_{v}": Coalesce(Sum(summing, filter=Q(verdict=v)), 0) for v in VERDICTS}
    counted = f"{to_claim}pk" if to_claim else "pk"
    return {f"n_{v}": Count(counted, filter=Q(**{f"{to_claim}verdict": v})) for v in VERDICTS}


def verdicts_of(row: Any) -> Counts:
    """{verdict: n} from a row or object annotated with ``verdict_columns``."""
    get = row.__getitem__ if isinstance(row, dict) else lambda name: getattr(row, name)
    return {v: get(f"n_{v}") for v in VERDICTS}


def verdict_counts(claims: QuerySet[Claim]) -> Counts:
    """{verdict: n} over ``claims``, all five verdicts: one GROUP BY verdict query."""
    counts = zero_counts()
    counts.update(claims.order_by().values_list("verdict").annotate(n=Count("pk")))
    return counts


def verdict_counts_by(
    key: str, ids: Sequence[Any], *, claims: QuerySet[Claim] | None = None
) -> dict[Any, Counts]:
    """{id: {verdict: n}} for the ``claims`` (default: all) whose ``key`` (a Claim column or
    relation: "article", "speaker", "actors", "events") is one of ``ids``; every id present.
    One query."""
    counts = {pk: zero_counts() for pk in ids}
    if not ids:
        return counts
    claims = Claim.objects.all() if claims is None else claims
    rows = (
        claims.filter(**{f"{key}__in": ids})
        .order_by()
        .values_list(key, "verdict")
        .annotate(n=Count("pk"))
    )
    for pk, verdict, n in rows:
        counts[pk][verdict] = n
    return counts


def actors_with_claim_counts(actors: QuerySet[Actor]) -> QuerySet[Actor]:
    """Actors annotated with ``spoken_count`` and ``mentioned_count`` (sortable columns)."""
    # Subqueries, not two joined Counts: joining both relations would multiply the rows.
    spoken = (
        Claim.objects.filter(speaker=OuterRef("pk"))
        .order_by()
        .values("speaker")
        .annotate(n=Count("pk"))
        .values("n")
    )
    mentioned = (
        Claim.actors.through.objects.filter(actor=OuterRef("pk"))
        .order_by()
        .values("actor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return actors.annotate(
        spoken_count=Coalesce(Subquery(spoken), 0),
        mentioned_count=Coalesce(Subquery(mentioned), 0),
    )


def events_with_claim_counts(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events annotated with ``claim_count`` (a sortable column)."""
    return events.annotate(claim_count=Count("claims", distinct=True))


def with_verdict_counts(articles: QuerySet[Article]) -> QuerySet[Article]:
    """Articles annotated with ``claim_count`` and ``n_<verdict>`` (sortable list columns)."""
    return articles.annotate(claim_count=Count("claims"), **verdict_columns("claims__"))


def speaker_counters() -> QuerySet[ClaimCount]:
    """``speaker_id`` and ``total`` per speaker from the counters, largest first. A speaker
    whose claims all went (deleted, merged, reassigned) keeps rows summing to 0: left out, as
    a live GROUP BY would leave it out."""
    return (
        ClaimCount.objects.order_by()
        .values("speaker_id")
        .annotate(total=Sum("n"))
        .filter(total__gt=0)
        .order_by("-total", "speaker_id")
    )


def claims_by_verdict(event: Event, *, per_verdict: int = 50) -> list[tuple[str, int, list[Claim]]]:
    """An event's claims grouped by verdict: (verdict, count, first ``per_verdict`` claims)
    for each verdict that has claims, in the order of ``Claim.Verdict``."""
    counts = verdict_counts(event.claims.all())
    groups = []
    for verdict in VERDICTS:
        if not counts[verdict]:
            continue
        claims = list(
            event.claims.filter(verdict=verdict)
            .select_related("article", "speaker")
            .order_by(F("article__published_on").desc(nulls_last=True), "article_id", "position")[
                :per_verdict
            ]
        )
        groups.append((verdict, counts[verdict], claims))
    return groups


# --- Stats: claim counts per verdict, grouped ------------------------------------------------

# group_by -> (the claim column or relation grouped on, the model and field its labels come
# from). Actors are those NAMED in the claim (Claim.actors); who said it is "speaker". Grouping
# on the id alone keeps the label tables out of the big GROUP BY; the labels of the <= limit
# groups kept are one more query.
GROUPS: dict[str, tuple[str, type[Model] | None, str]] = {
    "verdict": ("verdict", None, ""),
    "article": ("article_id", Article, "title"),
    "speaker": ("speaker_id", Actor, "name"),
    "actor": ("actors", Actor, "name"),
    "event": ("events", Event, "title"),
    "month": ("month", None, ""),
}
# Answered from the trigger-maintained ClaimCount table when no claim filter is given.
COUNTED = {"verdict", "speaker"}
NO_GROUP_LABEL = {
    "speaker": "(no speaker)",
    "actor": "(no actor named)",
    "event": "(no event)",
    "month": "(undated article)",
}


def claim_stats(
    claims: QuerySet[Claim] | None, *, group_by: str = "verdict", limit: int = 50
) -> dict[str, Any]:
    """Counts per verdict of ``claims`` grouped by ``group_by`` (a key of GROUPS): the `limit`
    largest groups, or for "month" the latest `limit` months, oldest first; "verdict" lists
    all five. ``claims=None`` means every claim: verdict and speaker groups then read the
    counters (at most three queries, whatever the table size)."""
    if claims is None and group_by in COUNTED:
        if group_by == "verdict":  # one query
            counters = ClaimCount.objects.order_by().values_list("verdict").annotate(Sum("n"))
            return _by_verdict(dict(counters))
        return _speakers_counted(limit)
    claims = (Claim.objects.all() if claims is None else claims).order_by()
    if group_by == "verdict":  # one query; every claim has exactly one verdict
        return _by_verdict(verdict_counts(claims))
    return _grouped(claims, group_by, limit)


def _answer(group_by: str, total: int, truncated: bool, results: list) -> dict[str, Any]:
    return {"group_by": group_by, "total": total, "truncated": truncated, "results": results}


def _row(key: Any, label: str, total: int, verdicts: Counts) -> dict[str, Any]:
    return {"key": key, "label": label, "total": total, "verdicts": verdicts}


def _by_verdict(by_verdict: dict[str, int]) -> dict[str, Any]:
    results = []
    for value, name in Claim.Verdict.choices:
        n = by_verdict.get(value, 0)
        results.append(_row(value, str(name), n, zero_counts() | {value: n}))
    return _answer("verdict", sum(by_verdict.values()), False, results)


def _labels(model: type[Model], field: str, keys: Iterable[Any]) -> dict[Any, str]:
    keys = [key for key in keys if key is not None]
    return dict(model.objects.filter(pk__in=keys).values_list("pk", field)) if keys else {}


def _kept(rows: Iterable[dict[str, Any]], limit: int) -> tuple[list[dict[str, Any]], bool]:
    """The first ``limit`` of ``limit + 1`` rows read, and whether there were more."""
    rows = list(rows)
    return rows[:limit], len(rows) > limit


def _speakers_counted(limit: int) -> dict[str, Any]:
    """The unfiltered speaker answer from the counters: the same shape and order as the live
    one (tested against it). total + groups + labels: three queries, as the live path."""
    total = ClaimCount.objects.aggregate(total=Sum("n"))["total"] or 0
    rows, truncated = _kept(
        speaker_counters().annotate(**verdict_columns(summing="n"))[: limit + 1], limit
    )
    labels = _labels(Actor, "name", (row["speaker_id"] for row in rows))
    results = [
        _row(
            row["speaker_id"],
            labels.get(row["speaker_id"], "")
            if row["speaker_id"] is not None
            else NO_GROUP_LABEL["speaker"],
            row["total"],
            verdicts_of(row),
        )
        for row in rows
    ]
    return _answer("speaker", total, truncated, results)


def _grouped(claims: QuerySet[Claim], group_by: str, limit: int) -> dict[str, Any]:
    key, label_model, label_field = GROUPS[group_by]
    total = claims.count()
    if group_by == "month":
        grouped = claims.annotate(month=TruncMonth("article__published_on")).values("month")
        order = [F("month").desc(nulls_last=True)]
    else:
        grouped = claims.values(key)
        order = ["-total", key]
    rows, truncated = _kept(
        grouped.annotate(total=Count("pk"), **verdict_columns()).order_by(*order)[: limit + 1],
        limit,
    )
    if group_by == "month":
        # The latest months were kept; charts read oldest first, undated at the end.
        rows.sort(key=lambda row: (row["month"] is None, row["month"] or 0))
        for row in rows:
            row["month"] = row["month"].strftime("%Y-%m") if row["month"] else None
        labels = {row["month"]: row["month"] for row in rows}
    else:
        labels = _labels(label_model, label_field, (row[key] for row in rows))
    results = [
        _row(
            row[key],
            labels.get(row[key], "") if row[key] is not None else NO_GROUP_LABEL[group_by],
            row["total"],
            verdicts_of(row),
        )
        for row in rows
    ]
    return _answer(group_by, total, truncated, results)


def cached(question: Iterable[tuple[str, Sequence[str]]], answer: Callable[[], dict]) -> dict:
    """``answer()``, kept for CLAIMTRACKER_STATS_CACHE_SECONDS (default 0: off, so counts are
    exact) under ``question`` (the parameters, in any order). An opt-in trade-off for live
    aggregates; ``answer`` raises on a bad question, so only valid answers are stored and a
    hit needs no validation (nor any query)."""
    seconds = settings.CLAIMTRACKER_STATS_CACHE_SECONDS
    if not seconds:
        return answer()
    params = sorted((name, tuple(values)) for name, values in question)
    key = "claimtracker:stats:" + hashlib.sha256(repr(params).encode()).hexdigest()
    if (data := cache.get(key)) is not None:
        return data
    data = answer()
    cache.set(key, data, seconds)
    return data
