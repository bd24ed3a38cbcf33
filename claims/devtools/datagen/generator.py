"""The generator: actors and events first, then articles in batches, then relations.

Pure Python and deterministic for a seed; each step uses what the previous ones made (the
actors an article names, the events a claim links to, the claims a relation joins).
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
from collections.abc import Iterator
from datetime import timedelta

from claims.devtools.datagen.articles import ArticleRows
from claims.devtools.datagen.sampling import FIRST_DAY, LAST_DAY, NOW, ts, weighted, zipf_cum
from claims.devtools.datagen.shapes import Batch, Sizes, Start
from claims.devtools.datagen.vocabulary import (
    CITIES,
    EVENT_STATUS,
    FIRST_NAMES,
    LAST_NAMES,
    ORG_FIRST,
    ORG_LAST,
    ORG_MIDDLE,
    RELATIONS,
    ROLES,
    TOPICS,
)
from claims.extract.names import normalize_name


class Generator:
    """Deterministic for a seed. ``actors()`` and ``events()`` first, then ``articles()``
    (batches), then ``relations()``; each step uses what the previous ones made."""

    def __init__(self, sizes: Sizes, start: Start, seed: int = 1):
        self.sizes = sizes
        self.start = start
        self.rng = random.Random(seed)
        # One counter per table: ids are assigned here, COPY writes them explicitly.
        self.ids = {table: itertools.count(first) for table, first in start.ids.items()}
        self.editor_ids = list(start.editor_ids) or [None]
        # Filled by actors() / events() / articles():
        self.speakers: list[tuple[int, str]] = []
        self.speaker_cum: list[float] = []
        self.mentionable: list[tuple[int, str]] = []
        self.mention_cum: list[float] = []
        self.event_ids: list[int] = []
        self.event_days: list[int] = []
        self.claim_article: list[int] = []  # claim index -> article index
        self.reviewed_claims: list[int] = []  # claim indexes with a verdict
        self.first_claim_id = start.ids["claims_claim"]
        self.stats: dict[str, int] = {}

    def next_id(self, table: str) -> int:
        return next(self.ids[table])

    # -- actors ------------------------------------------------------------------------------

    def actors(self) -> Batch:
        rng = self.rng
        batch = Batch()
        taken = set(self.start.taken_names)
        wikidata = set(self.start.taken_wikidata)
        n_org = self.sizes.actors // 7
        person_names = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
        org_names = [f"{a} {b} {c}" for a in ORG_FIRST for b in ORG_MIDDLE for c in ORG_LAST]
        rng.shuffle(person_names)
        rng.shuffle(org_names)
        orgs = self._new_actors(batch, "organization", org_names, n_org, taken, wikidata)
        want = self.sizes.actors - len(orgs)
        people = self._new_actors(batch, "person", person_names, want, taken, wikidata)
        self._rank(people, orgs)
        return batch

    def _new_actors(
        self,
        batch: Batch,
        kind: str,
        names: list[str],
        want: int,
        taken: set[str],
        wikidata: set[str],
    ) -> list[tuple[int, str]]:
        """``want`` actors of ``kind`` whose names are not ``taken`` yet; (id, name) each."""
        rng = self.rng
        made: list[tuple[int, str]] = []
        for name in names:
            if len(made) >= want:
                break
            key = normalize_name(name)
            if key in taken:
                continue
            taken.add(key)
            pk = self.next_id("claims_actor")
            qid = ""
            if rng.random() < 0.2:
                qid = f"Q{900_000_000 + pk}"
                if qid in wikidata:
                    qid = ""
                wikidata.add(qid)
            role = rng.choice(ROLES) if kind == "person" else ""
            created = ts(FIRST_DAY, rng.randrange(86400 * 30))
            batch.rows["claims_actor"].append((pk, name, kind, role, qid, key, created))
            made.append((pk, name))
            # One person in ten is also known by title and surname ("Minister Novak").
            if kind == "person" and rng.random() < 0.1:
                alias = f"{role.split()[0]} {name.split()[-1]}"
                akey = normalize_name(alias)
                if akey not in taken:
                    taken.add(akey)
                    batch.rows["claims_actoralias"].append(
                        (self.next_id("claims_actoralias"), pk, alias, akey)
                    )
        if len(made) < want:
            raise ValueError(f"cannot make {want} distinct {kind} names (made {len(made)})")
        return made

    def _rank(self, people: list[tuple[int, str]], orgs: list[tuple[int, str]]) -> None:
        """Order who is mentioned and who speaks, most frequent first (Zipf)."""
        rng = self.rng
        existing = list(self.start.existing_actors)
        # Countries and big organisations (the gazetteer) are named most often; then the
        # generated actors in a random order, so a few of them are very frequent too.
        known = [(pk, name) for pk, name, kind in existing if kind in ("country", "organization")]
        others = people + orgs
        rng.shuffle(others)
        self.mentionable = known[:30] + others + known[30:]
        self.mention_cum = zipf_cum(len(self.mentionable), 1.0)
        speakers = people + [(pk, name) for pk, name, kind in existing if kind == "person"]
        if not speakers:
            speakers = self.mentionable
        rng.shuffle(speakers)
        self.speakers = speakers
        self.speaker_cum = zipf_cum(len(speakers), 1.1)

    def mentioned(self) -> tuple[int, str]:
        cum = self.mention_cum
        return self.mentionable[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    def speaker(self) -> tuple[int, str]:
        cum = self.speaker_cum
        return self.speakers[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    # -- events ------------------------------------------------------------------------------

    def events(self) -> Batch:
        rng = self.rng
        batch = Batch()
        statuses, status_cum = weighted(EVENT_STATUS)
        topics, topic_cum = weighted(TOPICS)
        span = (LAST_DAY - FIRST_DAY).days
        made: list[tuple[int, int]] = []
        for _ in range(self.sizes.events):
            pk = self.next_id("claims_event")
            day = FIRST_DAY + timedelta(days=rng.randrange(span))
            city = rng.choice(CITIES)
            topic = topics[bisect.bisect_left(topic_cum, rng.random() * topic_cum[-1])]
            shape = rng.random()
            if shape < 0.5:
                title = f"Talks on {topic} in {city}"
            elif shape < 0.8:
                title = f"{city} summit on {topic}"
            else:
                title = f"Vote on {topic}"
            r = rng.random()
            precision = "day" if r < 0.8 else "month" if r < 0.95 else "year"
            if precision == "month":
                day = day.replace(day=1)
            elif precision == "year":
                day = day.replace(month=1, day=1)
            end = (
                day + timedelta(days=rng.randint(1, 3)) if precision == "day" and r < 0.2 else None
            )
            aliases = json.dumps([f"{city} talks"] if rng.random() < 0.4 else [])
            status = statuses[bisect.bisect_left(status_cum, rng.random() * status_cum[-1])]
            batch.rows["claims_event"].append(
                (
                    pk,
                    title,
                    day.isoformat(),
                    precision,
                    end.isoformat() if end else None,
                    city,
                    f"{title}, as reported in the press.",
                    aliases,
                    status,
                    ts(day, rng.randrange(86400)),
                )
            )
            self._participants(batch, pk)
            made.append((day.toordinal(), pk))
        made.sort()
        self.event_days = [d for d, _ in made]
        self.event_ids = [pk for _, pk in made]
        return batch

    def _participants(self, batch: Batch, event_id: int) -> None:
        chosen: set[int] = set()
        for _ in range(self.rng.randint(1, 4)):
            actor_id = self.mentioned()[0]
            if actor_id not in chosen:
                chosen.add(actor_id)
                batch.rows["claims_event_participants"].append(
                    (self.next_id("claims_event_participants"), event_id, actor_id)
                )

    # -- articles and their claims ------------------------------------------------------------

    def articles(self, batch_articles: int = 500) -> Iterator[Batch]:
        """Whole articles with their claims, reviews, evidence and links, in batches."""
        rows = ArticleRows(self)
        batch = Batch()
        for a_index, n_claims in enumerate(rows.counts):
            rows.article(batch, a_index, n_claims)
            if len(batch.rows["claims_article"]) >= batch_articles:
                yield batch
                batch = Batch()
        if batch.rows["claims_article"]:
            yield batch

    # -- relations ---------------------------------------------------------------------------

    def relations(self) -> Batch:
        """Links between claims of different articles; half start from a reviewed claim."""
        rng = self.rng
        batch = Batch()
        n_claims = len(self.claim_article)
        if n_claims < 2 or len(set(self.claim_article[:1000] + self.claim_article[-1000:])) < 2:
            return batch
        kinds, kind_cum = weighted(RELATIONS)
        seen: set[tuple[int, int, str]] = set()
        reviewed = self.reviewed_claims or list(range(n_claims))
        attempts = 0
        while len(seen) < self.sizes.relations and attempts < self.sizes.relations * 20:
            attempts += 1
            a = reviewed[rng.randrange(len(reviewed))] if rng.random() < 0.5 else None
            if a is None:
                a = rng.randrange(n_claims)
            b = rng.randrange(n_claims)
            if self.claim_article[a] == self.claim_article[b]:
                continue
            relation = kinds[bisect.bisect_left(kind_cum, rng.random() * kind_cum[-1])]
            # Symmetric, like the database's constraint: b → a repeats a → b.
            key = (min(a, b), max(a, b), relation)
            if key in seen:
                continue
            seen.add(key)
            batch.rows["claims_claimrelation"].append(
                (
                    self.next_id("claims_claimrelation"),
                    self.first_claim_id + a,
                    self.first_claim_id + b,
                    relation,
                    "",
                    self.editor_ids[rng.randrange(len(self.editor_ids))],
                    (NOW - timedelta(seconds=rng.randrange(86400 * 300))).isoformat(),
                )
            )
        return batch
