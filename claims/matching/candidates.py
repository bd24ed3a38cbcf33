"""Stage 1 of the related-claim ranking: a few hundred candidate ids, whatever the table size.

Each source is one indexed query with its own LIMIT, never from the claim's own article:

- claims about one of its events;
- claims naming one of its dates, looked for only in the few hundred articles published
  first from just before that date (``mentioned_dates`` has no index, the article date has);
- claims said by or naming one of its actors: anywhere for a *rare* actor
  (``Profile.is_rare_actor``: Rosneft, a governor; a handful of rows that say much), only in
  the articles published around the claim's own for a common one (a country named in a
  sixth of all claims would bring thousands of rows that say nothing);
- claims containing one of its *rare* words (PostgreSQL: ``to_tsquery`` OR-ing them, held
  to the ``claim_text_fts`` GIN index; SQLite: substring matches). Rare words are few rows
  each, so the OR stays small; when every word is common, pairs of the rarest are AND-ed,
  as long as their posting lists are short enough to read (``PAIR_POSTINGS``).

Candidates already related to the claim are left out; at most ``CANDIDATE_CAP`` survive.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from claims.models import Article, Claim, ClaimRelation

from . import similarity
from .profile import Profile

PER_SOURCE_LIMIT = 150  # candidates one SQL source may contribute
CANDIDATE_CAP = 300  # candidates scored in Python, whatever the table size
TEXT_WORDS = 6  # rare words OR-ed in the full-text query
TEXT_ROWS = 2000  # …as long as together they are in at most this many claims
PAIR_WORDS = 4  # when all are common: pairs of this many rarest words…
# …as long as their posting lists are this long together (a GIN search reads every posting
# of its words, so this bounds its cost; past it the words are too common to tell anything).
PAIR_POSTINGS = 12000
ARTICLES_NEAR = 100  # articles around the claim's own searched for its common actors
NEAR_WINDOW = (dt.timedelta(days=14), dt.timedelta(days=60))  # before, after its article
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


def _nearby_articles(claim: Claim, published: dt.date | None) -> QuerySet | None:
    """The ``ARTICLES_NEAR`` articles published closest after the claim's own article began
    its news cycle (ids, as a subquery), or None when the article has no date."""
    if published is None:
        return None
    return (
        Article.objects.filter(
            published_on__gte=published - NEAR_WINDOW[0],
            published_on__lte=published + NEAR_WINDOW[1],
        )
        .exclude(pk=claim.article_id)
        .order_by("published_on", "id")
        .values("id")[:ARTICLES_NEAR]
    )


def _by_actors(profile: Profile) -> list[int]:
    """Claims said by or naming one of its actors: any claim for a rare actor (few rows
    each), only those in the ``ARTICLES_NEAR`` articles around its own for a common one (a
    country is named in a sixth of all claims; the same story is told around the same
    time). Two queries, whatever the mix."""
    claim = profile.claim
    if not profile.actors:
        return []
    rare = {pk for pk in profile.actors if profile.is_rare_actor(pk)}
    common = set(profile.actors) - rare
    nearby = _nearby_articles(claim, profile.published_on) if common else None
    if nearby is None:
        rare |= common  # undated: the first matches found, unordered but still LIMITed
        spoken_q, named_q = Q(speaker_id__in=rare), Q(actor_id__in=rare)
    else:
        spoken_q = Q(speaker_id__in=rare) | Q(speaker_id__in=common, article_id__in=nearby)
        named_q = Q(actor_id__in=rare) | Q(actor_id__in=common, claim__article_id__in=nearby)
    spoken = Claim.objects.filter(spoken_q).exclude(article_id=claim.article_id)
    named = Claim.actors.through.objects.filter(named_q).exclude(claim__article_id=claim.article_id)
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


def tsquery(profile: Profile) -> tuple[str, bool]:
    """The rarest words OR-ed while they are in at most ``TEXT_ROWS`` claims together, and
    True (they are rare); with no rare word, pairs of the ``PAIR_WORDS`` rarest words, OR-ed
    ("(a & b) | (a & c)"), and False."""
    terms, rare = _search_terms(profile), profile.rare_words()
    chosen, rows = [], 0
    for term, word in zip(terms, rare, strict=True):
        rows += profile.rarity.frequency(word)
        if len(chosen) == TEXT_WORDS or (chosen and rows > TEXT_ROWS):
            break
        chosen.append(term)
    if chosen:
        return " | ".join(chosen), True
    words, postings = [], 0
    for word in sorted(
        (w for w in profile.words if w.isalpha() and len(w) > 2),
        key=lambda w: (profile.rarity.frequency(w), w),
    ):
        postings += profile.rarity.frequency(word)
        if len(words) == PAIR_WORDS or postings > PAIR_POSTINGS:
            break
        words.append(word)
    if len(words) < 2:
        return " | ".join(words), False
    pairs = (f"({a} & {b})" for i, a in enumerate(words) for b in words[i + 1 :])
    return " | ".join(pairs), False


def _by_text(profile: Profile) -> list[int]:
    claim = profile.claim
    query, rare = tsquery(profile)  # only letters, |, &, parentheses: safe tsquery syntax
    if not query:
        return []
    if _read_connection().vendor == "postgresql":
        # Same expression as the claim_text_fts index; no ranking in SQL (stage 2 ranks).
        # Words that are all PostgreSQL stopwords give an empty tsquery, which no index can
        # answer (the scan would run to_tsvector over the whole table): numnode() is a
        # one-time filter, checked before any row is read.
        table = Claim._meta.db_table
        sql = f"""
            SELECT id FROM {table}
            WHERE numnode(to_tsquery('english', %s)) > 0
              AND to_tsvector('english', text) @@ to_tsquery('english', %s)
              AND article_id <> %s
            LIMIT {PER_SOURCE_LIMIT}
        """
        params = [query, query, claim.article_id]
        db = _read_connection()
        if rare:  # few rows: the planner goes to the GIN index by itself
            with db.cursor() as cursor:
                cursor.execute(sql, params)
                return [row[0] for row in cursor.fetchall()]
        # Common words: the planner expects to find the rows sooner by reading the table in
        # order, computing to_tsvector for every row it reads. The GIN index finds them
        # without computing any: insist on it, for this one query (SET LOCAL).
        with transaction.atomic(using=db.alias), db.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
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
    found: list[int] = []
    for source in (
        _by_events(claim, set(profile.events)),
        _by_dates(claim, profile.dates),
        _by_actors(profile),
        _by_text(profile),
    ):
        for pk in source:
            if pk not in seen:
                seen.add(pk)
                found.append(pk)
    return found[:CANDIDATE_CAP]
