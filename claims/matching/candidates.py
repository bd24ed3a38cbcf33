"""Stage 1 of the related-claim ranking: a few hundred candidate ids, whatever the table size.

Each source is one indexed query with its own LIMIT, never from the claim's own article:

- claims about one of its events;
- claims naming one of its dates, looked for only in the few hundred articles published
  first from just before that date (``mentioned_dates`` has no index, the article date has);
- claims said by or naming one of its *rare* actors (``Profile.is_rare_actor``): a country
  named in a sixth of all claims would bring thousands of rows that say nothing, a rare one
  (Rosneft, a governor) a handful that say much;
- claims containing one of its *rare* words (PostgreSQL: ``to_tsquery`` OR-ing them, held
  to the ``claim_text_fts`` GIN index; SQLite: substring matches). Rare words are few rows
  each, so the OR stays small; when every word is common, pairs of the rarest are AND-ed.

Candidates already related to the claim are left out; at most ``CANDIDATE_CAP`` survive.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from claims.models import Article, Claim, ClaimRelation

from . import similarity
from .profile import Profile

PER_SOURCE_LIMIT = 150  # candidates one SQL source may contribute
CANDIDATE_CAP = 300  # candidates scored in Python, whatever the table size
TEXT_WORDS = 6  # rare words OR-ed in the full-text query
TEXT_ROWS = 2000  # …as long as together they are in at most this many claims
PAIR_WORDS = 4  # when all are common: pairs of this many rarest words
MAX_DATES = 3
ARTICLES_PER_DATE = 300  # articles whose claims are checked for one mentioned date
DATE_WINDOW = (dt.timedelta(days=3), dt.timedelta(days=90))  # before, after the date
_ALPHA = re.compile(r"[^\W\d_]+")


def _read_connection() -> BaseDatabaseWrapper:
    """Where the ORM reads claims (a replica for API reads, when one is configured), so the
    raw full-text query reads the same database as the rest of the ranking."""
    return connections[router.db_for_read(Claim)]


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


def _by_actors(claim: Claim, actor_ids: set[int]) -> list[int]:
    """Claims said by or naming one of the (rare) actors: few rows each, no window."""
    if not actor_ids:
        return []
    spoken = Claim.objects.filter(speaker_id__in=actor_ids).exclude(article_id=claim.article_id)
    named = Claim.actors.through.objects.filter(actor_id__in=actor_ids).exclude(
        claim__article_id=claim.article_id
    )
    return list(spoken.order_by().values_list("id", flat=True)[:PER_SOURCE_LIMIT]) + list(
        named.order_by().values_list("claim_id", flat=True)[:PER_SOURCE_LIMIT]
    )


def _search_terms(profile: Profile) -> list[str]:
    """tsquery terms for the rarest words: each word as written in the claim OR-ed with
    its normalised spelling ("(defence | defense)"), so either spelling is found."""
    written: dict[str, set[str]] = {}
    for raw in _ALPHA.findall(profile.claim.text.casefold()):
        for token in similarity.tokens(raw):
            written.setdefault(token, set()).add(raw)
    terms = []
    for word in profile.rare_words():
        forms = sorted({word, *written.get(word, ())})
        terms.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
    return terms


def tsquery(profile: Profile) -> str:
    """The rarest words OR-ed while they are in at most ``TEXT_ROWS`` claims together; with
    no rare word, pairs of the ``PAIR_WORDS`` rarest words, OR-ed ("(a & b) | (a & c)")."""
    terms, rare = _search_terms(profile), profile.rare_words()
    chosen, rows = [], 0
    for term, word in zip(terms, rare, strict=True):
        rows += profile.rarity.frequency(word)
        if len(chosen) == TEXT_WORDS or (chosen and rows > TEXT_ROWS):
            break
        chosen.append(term)
    if chosen:
        return " | ".join(chosen)
    words = sorted(
        (w for w in profile.words if w.isalpha() and len(w) > 2),
        key=lambda w: (profile.rarity.frequency(w), w),
    )[:PAIR_WORDS]
    if len(words) < 2:
        return " | ".join(words)
    return " | ".join(f"({a} & {b})" for i, a in enumerate(words) for b in words[i + 1 :])


def _by_text(profile: Profile) -> list[int]:
    claim = profile.claim
    query = tsquery(profile)  # only letters, |, &, parentheses: safe tsquery syntax
    if not query:
        return []
    if _read_connection().vendor == "postgresql":
        # Same expression as the claim_text_fts index; no ranking in SQL (stage 2 ranks).
        table = Claim._meta.db_table
        sql = f"""
            SELECT id FROM {table}
            WHERE to_tsvector('english', text) @@ to_tsquery('english', %s)
              AND article_id <> %s
            LIMIT {PER_SOURCE_LIMIT}
        """
        db = _read_connection()
        # When the words are common, the planner expects to find the rows sooner by reading
        # the table in order, computing to_tsvector for every row it reads. The GIN index
        # finds them without computing any: insist on it, for this one query.
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            # Words that are all PostgreSQL stopwords give an empty tsquery: no index can
            # answer that, and the scan would run to_tsvector over the whole table.
            cursor.execute("SELECT numnode(to_tsquery('english', %s))", [query])
            if not cursor.fetchone()[0]:
                return []
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, [query, claim.article_id])
            return [row[0] for row in cursor.fetchall()]
    condition = Q()
    for word in _ALPHA.findall(query.replace("|", " ").replace("&", " "))[:TEXT_WORDS]:
        condition |= Q(text__icontains=word)
    return list(
        Claim.objects.filter(condition)
        .exclude(article_id=claim.article_id)
        .order_by("-id")
        .values_list("id", flat=True)[:PER_SOURCE_LIMIT]
    )


def _already_related(claim: Claim) -> set[int]:
    """The claim itself and every claim related to it, either way round: never candidates."""
    already = {claim.pk}
    for from_id, to_id in ClaimRelation.objects.touching(claim).values_list(
        "from_claim_id", "to_claim_id"
    ):
        already.update((from_id, to_id))
    return already


def candidate_ids(profile: Profile) -> list[int]:
    """The ids the sources find (events, dates, rare actors, then rare words), each once
    and none already related, cut at ``CANDIDATE_CAP`` in that order."""
    claim = profile.claim
    seen = _already_related(claim)
    rare_actors = {pk for pk in profile.actors if profile.is_rare_actor(pk)}
    found: list[int] = []
    for source in (
        _by_events(claim, set(profile.events)),
        _by_dates(claim, profile.dates),
        _by_actors(claim, rare_actors),
        _by_text(profile),
    ):
        for pk in source:
            if pk not in seen:
                seen.add(pk)
                found.append(pk)
    return found[:CANDIDATE_CAP]
