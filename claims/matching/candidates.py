"""Stage 1 of the related-claim ranking: at most ``CANDIDATE_CAP`` candidates, whatever the
table size, with what scoring and display need (``Candidate``).

Each source is one indexed query with its own LIMIT, never from the claim's own article
(SQLite runs them one by one; PostgreSQL as one statement, ``_rows_in_one_statement``):

- claims about one of its events;
- claims naming one of its dates, looked for only in the few hundred articles published
  first from just before that date (``mentioned_dates`` has no index, the article date has);
- claims said by or naming one of its *rare* actors (``Profile.is_rare_actor``: Rosneft, a
  governor; a handful of rows that say much), and claims said by a common one in the
  articles published around the claim's own (a country named in a sixth of all claims
  would bring thousands of rows that say nothing);
- claims containing one of its *rare* words (PostgreSQL: ``to_tsquery`` OR-ing them, held
  to the ``claim_text_fts`` GIN index; SQLite: substring matches). Rare words are few rows
  each, so the OR stays small; when every word is common, pairs of the rarest are AND-ed,
  as long as their posting lists are short enough to read (``PAIR_POSTINGS``).

Candidates already related to the claim are left out; at most ``CANDIDATE_CAP`` survive,
in source order.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper

from claims.models import Actor, Article, Claim, ClaimRelation

from . import reads, similarity
from .profile import Profile
from .reads import ARTICLES, CLAIM_ACTORS, CLAIM_EVENTS, CLAIMS, placeholders

PER_SOURCE_LIMIT = 100  # candidates one SQL source may contribute
CANDIDATE_CAP = 200  # candidates scored in Python, whatever the table size
TEXT_WORDS = 6  # rare words OR-ed in the full-text query
TEXT_ROWS = 2000  # …as long as together they are in at most this many claims
PAIR_WORDS = 4  # when all are common: pairs of this many rarest words…
# …as long as their posting lists are this long together (a GIN search reads every posting
# of its words, so this bounds its cost; past it the words are too common to tell anything).
PAIR_POSTINGS = 12000
ARTICLES_NEAR = 100  # articles around the claim's own searched for its common speakers
NEAR_WINDOW = (dt.timedelta(days=14), dt.timedelta(days=60))  # before, after its article
MAX_DATES = 3
ARTICLES_PER_DATE = 100  # articles whose claims are checked for one mentioned date
DATE_WINDOW = (dt.timedelta(days=3), dt.timedelta(days=90))  # before, after the date
_ALPHA = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Source:
    """One way of finding candidates: a SELECT of claim ids (one column) with its own LIMIT,
    run alone on SQLite and as a branch of one UNION ALL on PostgreSQL (``candidate_rows``).

    Raw SQL, not QuerySets: building and compiling the four or five QuerySets of a request
    cost more app CPU than the rest of stage 1 (1.6 ms at 1M claims). The statements are
    the ones the ORM wrote for them, so the plans (and which rows a LIMIT keeps) are too."""

    sql: str
    params: tuple[object, ...]


def _articles(
    db: BaseDatabaseWrapper, claim: Claim, start: dt.date, end: dt.date, limit: int
) -> Source:
    """The first ``limit`` articles other than the claim's own published from ``start`` to
    ``end`` (ids, as a subquery)."""
    return Source(
        f"SELECT a.id FROM {ARTICLES} a WHERE a.published_on >= %s AND a.published_on <= %s"
        f" AND NOT a.id = %s ORDER BY a.published_on, a.id LIMIT {limit}",
        (db.ops.adapt_datefield_value(start), db.ops.adapt_datefield_value(end), claim.article_id),
    )


def _by_events(claim: Claim, event_ids: set[int]) -> Source | None:
    if not event_ids:
        return None
    return Source(
        f"SELECT l.claim_id FROM {CLAIM_EVENTS} l JOIN {CLAIMS} c ON c.id = l.claim_id"
        f" WHERE l.event_id {placeholders(event_ids)} AND NOT c.article_id = %s"
        f" ORDER BY l.claim_id DESC LIMIT {PER_SOURCE_LIMIT}",
        (*event_ids, claim.article_id),
    )


def _date_match(db: BaseDatabaseWrapper, iso: str) -> Source:
    """Claims whose ``mentioned_dates`` name ``iso`` (a condition on ``c``)."""
    if db.vendor == "postgresql":  # jsonb @>
        return Source("c.mentioned_dates @> %s::jsonb", (json.dumps([{"date": iso}]),))
    # SQLite has no JSON containment: match the stored JSON text
    return Source("CAST(c.mentioned_dates AS text) LIKE %s ESCAPE '\\'", (f'%"date": "{iso}"%',))


def _by_dates(db: BaseDatabaseWrapper, claim: Claim, dates: set[str]) -> Source | None:
    """Claims naming one of ``dates``, looked for only among the claims of the
    ``ARTICLES_PER_DATE`` articles published first from just before each date on: there is
    no index on ``mentioned_dates``, so the articles bound the rows checked."""
    conditions, params = [], []
    for iso in sorted(dates)[:MAX_DATES]:
        try:
            day = dt.date.fromisoformat(iso)
        except ValueError:
            continue
        window = (day - DATE_WINDOW[0], day + DATE_WINDOW[1])
        articles = _articles(db, claim, *window, ARTICLES_PER_DATE)
        match = _date_match(db, iso)
        conditions.append(f"(c.article_id IN ({articles.sql}) AND {match.sql})")
        params += [*articles.params, *match.params]
    if not conditions:
        return None
    return Source(
        f"SELECT c.id FROM {CLAIMS} c WHERE {' OR '.join(conditions)}"
        f" ORDER BY c.id DESC LIMIT {PER_SOURCE_LIMIT}",
        tuple(params),
    )


def _nearby_articles(
    db: BaseDatabaseWrapper, claim: Claim, published: dt.date | None
) -> Source | None:
    """The ``ARTICLES_NEAR`` articles published closest after the claim's own article began
    its news cycle (ids, as a subquery), or None when the article has no date."""
    if published is None:
        return None
    window = (published - NEAR_WINDOW[0], published + NEAR_WINDOW[1])
    return _articles(db, claim, *window, ARTICLES_NEAR)


def _by_speakers(
    db: BaseDatabaseWrapper, profile: Profile, rare: set[int], common: set[int]
) -> Source | None:
    """Claims said by one of its rare actors anywhere, or by a common one in the articles
    around its own; None when there is neither to look for."""
    claim = profile.claim
    conditions, params = [], []
    if rare:
        conditions.append(f"c.speaker_id {placeholders(rare)}")
        params += rare
    nearby = _nearby_articles(db, claim, profile.published_on) if common else None
    if nearby is not None:
        conditions.append(
            f"(c.article_id IN ({nearby.sql}) AND c.speaker_id {placeholders(common)})"
        )
        params += [*nearby.params, *common]
    if not conditions:
        return None
    return Source(
        f"SELECT c.id FROM {CLAIMS} c WHERE ({' OR '.join(conditions)})"
        f" AND NOT c.article_id = %s LIMIT {PER_SOURCE_LIMIT}",
        (*params, claim.article_id),
    )


def _by_actors(db: BaseDatabaseWrapper, profile: Profile) -> tuple[Source | None, Source | None]:
    """Claims said by one of its actors, and claims naming one of its *rare* actors (few
    rows each, anywhere). A common actor (a country named in a sixth of all claims) is only
    looked for as the speaker, in the ``ARTICLES_NEAR`` articles around its own (the same
    story is told around the same time): checking which of those articles' claims merely
    *name* it costs a link lookup per claim, and sharing it tells almost nothing anyway."""
    claim = profile.claim
    if not profile.actors:
        return None, None
    rare = {pk for pk in profile.actors if profile.is_rare_actor(pk)}
    common = set(profile.actors) - rare
    named = None
    if rare:
        named = Source(
            f"SELECT l.claim_id FROM {CLAIM_ACTORS} l JOIN {CLAIMS} c ON c.id = l.claim_id"
            f" WHERE l.actor_id {placeholders(rare)} AND NOT c.article_id = %s"
            f" LIMIT {PER_SOURCE_LIMIT}",
            (*rare, claim.article_id),
        )
    return _by_speakers(db, profile, rare, common), named


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
    no rare word, pairs of the ``PAIR_WORDS`` rarest words, OR-ed ("(a & b) | (a & c)"),
    while their posting lists are at most ``PAIR_POSTINGS`` long; else nothing."""
    terms, rare = _search_terms(profile), profile.rare_words()
    chosen, rows = [], 0
    for term, word in zip(terms, rare, strict=True):
        rows += profile.rarity.frequency(word)
        if len(chosen) == TEXT_WORDS or (chosen and rows > TEXT_ROWS):
            break
        chosen.append(term)
    if chosen:
        return " | ".join(chosen)
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
        return ""  # one common word alone finds thousands of claims that share nothing else
    pairs = (f"({a} & {b})" for i, a in enumerate(words) for b in words[i + 1 :])
    return " | ".join(pairs)


def _by_text(db: BaseDatabaseWrapper, profile: Profile) -> Source | None:
    claim = profile.claim
    query = tsquery(profile)  # only letters, |, &, parentheses: safe tsquery syntax
    if not query:
        return None
    if db.vendor == "postgresql":
        # Same expression as the claim_text_fts index; no ranking in SQL (stage 2 ranks).
        # Words that are all PostgreSQL stopwords give an empty tsquery, which no index can
        # answer (the scan would run to_tsvector over the whole table): numnode() is a
        # one-time filter, checked before any row is read. The words' posting lists are
        # bounded (TEXT_ROWS, PAIR_POSTINGS), so the planner's estimate stays small and it
        # goes to the GIN index by itself.
        match = Source(
            "numnode(to_tsquery('english', %s)) > 0"
            " AND to_tsvector('english', c.text) @@ to_tsquery('english', %s)",
            (query, query),
        )
    else:
        words = _ALPHA.findall(query.replace("|", " ").replace("&", " "))[:TEXT_WORDS]
        match = Source(
            " OR ".join(["c.text LIKE %s ESCAPE '\\'"] * len(words)),
            tuple(f"%{word}%" for word in words),
        )
    return Source(
        f"SELECT c.id FROM {CLAIMS} c WHERE ({match.sql}) AND NOT c.article_id = %s"
        f" LIMIT {PER_SOURCE_LIMIT}",
        (*match.params, claim.article_id),
    )


def _sources(db: BaseDatabaseWrapper, profile: Profile) -> list[Source]:
    """The sources in the order their candidates count: events, dates, actors, words."""
    claim = profile.claim
    found = [
        _by_events(claim, set(profile.events)),
        _by_dates(db, claim, profile.dates),
        *_by_actors(db, profile),
        _by_text(db, profile),
    ]
    return [source for source in found if source is not None]


def _already_related(claim: Claim) -> set[int]:
    """The claim itself and every claim related to it, either way round: never candidates."""
    already = {claim.pk}
    for from_id, to_id in ClaimRelation.objects.touching(claim).values_list(
        "from_claim_id", "to_claim_id"
    ):
        already.update((from_id, to_id))
    return already


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate as stage 1 fetched it: what scoring reads, and what a winner shows
    (so the winners need no query of their own)."""

    id: int
    text: str
    verdict: str
    stored_dates: object  # mentioned_dates as read: JSON text from raw SQL, or decoded
    article_id: int
    article_title: str
    published_on: dt.date | None
    speaker_id: int | None
    speaker_name: str | None
    published: bool  # Claim.is_published: anonymous readers are shown it
    actor_ids: frozenset[int]
    event_ids: frozenset[int]

    @property
    def mentioned_dates(self) -> object:
        """Decoded when read: scoring reads them only when the claim names dates itself."""
        return reads.decoded_json(self.stored_dates)

    def as_claim(self) -> Claim:
        """The Claim, with its article and speaker attached, built as the ORM builds rows
        read with ``only()`` (``from_db``, other fields deferred): no query."""
        db = reads.read_connection().alias
        claim = reads.instance(
            Claim,
            db,
            id=self.id,
            text=self.text,
            verdict=self.verdict,
            mentioned_dates=self.mentioned_dates,
            article_id=self.article_id,
            speaker_id=self.speaker_id,
        )
        article = reads.instance(
            Article,
            db,
            id=self.article_id,
            title=self.article_title,
            published_on=self.published_on,
        )
        speaker = None
        if self.speaker_id:
            speaker = reads.instance(Actor, db, id=self.speaker_id, name=self.speaker_name)
        Claim.article.field.set_cached_value(claim, article)
        Claim.speaker.field.set_cached_value(claim, speaker)
        return claim


_COLUMNS = (
    "id", "text", "verdict", "mentioned_dates", "article_id", "article__title",
    "article__published_on", "speaker_id", "speaker__name", "published_at",
)  # fmt: skip


def candidate_rows(profile: Profile) -> list[Candidate]:
    """Stage 1: the candidates the sources find, each once, none already related, at most
    ``CANDIDATE_CAP`` in source order, with what scoring needs. PostgreSQL: one statement;
    SQLite: one query per source, then the rows and their actor and event links."""
    db = reads.read_connection()
    sources = _sources(db, profile)
    if not sources:
        return []
    if db.vendor == "postgresql":
        return _rows_in_one_statement(profile, sources, db)
    seen = _already_related(profile.claim)
    found: list[int] = []
    with db.cursor() as cursor:
        for source in sources:
            cursor.execute(source.sql, source.params)
            for (pk,) in cursor.fetchall():
                if pk not in seen:
                    seen.add(pk)
                    found.append(pk)
    return _rows(found[:CANDIDATE_CAP])


def _rows(ids: list[int]) -> list[Candidate]:
    rows = Claim.objects.filter(pk__in=ids).order_by().values_list(*_COLUMNS)
    actors, events = defaultdict(set), defaultdict(set)
    for claim_id, actor_id in Claim.actors.through.objects.filter(claim_id__in=ids).values_list(
        "claim_id", "actor_id"
    ):
        actors[claim_id].add(actor_id)
    for claim_id, event_id in Claim.events.through.objects.filter(claim_id__in=ids).values_list(
        "claim_id", "event_id"
    ):
        events[claim_id].add(event_id)
    return [
        Candidate(
            *row[:-1], row[-1] is not None, frozenset(actors[row[0]]), frozenset(events[row[0]])
        )
        for row in rows
    ]


_ONE_STATEMENT = """
    WITH found AS ({union}),
    kept AS (
        SELECT id FROM found
        WHERE id <> %s
          AND id NOT IN (SELECT to_claim_id FROM {relations} WHERE from_claim_id = %s)
          AND id NOT IN (SELECT from_claim_id FROM {relations} WHERE to_claim_id = %s)
        GROUP BY id ORDER BY min(source), id DESC LIMIT {cap}
    )
    SELECT c.id, c.text, c.verdict, c.mentioned_dates, c.article_id, a.title, a.published_on,
           c.speaker_id, s.name, {published},
           ARRAY(SELECT l.actor_id FROM {actors} l WHERE l.claim_id = c.id),
           ARRAY(SELECT l.event_id FROM {events} l WHERE l.claim_id = c.id)
    FROM kept JOIN {claims} c ON c.id = kept.id JOIN {articles} a ON a.id = c.article_id
    LEFT JOIN {people} s ON s.id = c.speaker_id
"""


def _rows_in_one_statement(
    profile: Profile, sources: list[Source], db: BaseDatabaseWrapper
) -> list[Candidate]:
    """Every source as a branch of one UNION ALL (each keeps its own LIMIT), the already
    related left out and the links gathered as ARRAY subqueries: one round trip, which
    under load costs more than any of these index lookups."""
    branches, params = [], []
    for index, source in enumerate(sources):
        # One column each (id or claim_id): named id by the alias list.
        branches.append(f"SELECT branch.id, {index} AS source FROM ({source.sql}) AS branch(id)")
        params.extend(source.params)
    claim_id = profile.claim.pk
    sql = _ONE_STATEMENT.format(
        union=" UNION ALL ".join(f"({b})" for b in branches),
        relations=ClaimRelation._meta.db_table,
        actors=Claim.actors.through._meta.db_table,
        events=Claim.events.through._meta.db_table,
        claims=Claim._meta.db_table,
        articles=Article._meta.db_table,
        people=Actor._meta.db_table,
        published=reads.PUBLISHED,
        cap=CANDIDATE_CAP,
    )
    with db.cursor() as cursor:
        cursor.execute(sql, [*params, claim_id, claim_id, claim_id])
        fetched = cursor.fetchall()
    return [Candidate(*row[:10], frozenset(row[10]), frozenset(row[11])) for row in fetched]
