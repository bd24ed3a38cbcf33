"""One synthetic article at a time: its body, its claims (offsets into the body), their reviews
and evidence, and their links to actors and events.

The body is built the way the importer reads one: the title is paragraph 0, then paragraphs of
one to four sentences, so every claim satisfies ``body[start:end] == text`` and ``paragraph``
counts as ``claims.extract.paragraphs`` does.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from claims.devtools.datagen.sampling import (
    FIRST_DAY,
    LAST_DAY,
    ts,
    weighted,
    zipf_cum,
)
from claims.devtools.datagen.sentences import Sentences
from claims.devtools.datagen.shapes import Batch
from claims.devtools.datagen.vocabulary import (
    FILLERS,
    FIRST_NAMES,
    LAST_NAMES,
    NOTES,
    PUBLISHERS,
    REASONS,
    SECTION_WEIGHTS,
    SECTIONS,
    STANCE_FOR,
    VERBS,
    VERDICT_WEIGHTS,
)
from claims.extract.paragraphs import PARAGRAPH_BREAK

# One claim in this many is assigned to an editor (when it is still unreviewed): the desk's
# open work, for the "assigned to me" filters to find.
ASSIGNED_EVERY = 40

if TYPE_CHECKING:
    from claims.devtools.datagen.generator import Generator


class Body:
    """An article body as it grows: the text so far, its length and the current paragraph."""

    def __init__(self, title: str) -> None:
        self.parts = [title]
        self.length = len(title)
        self.paragraph = 0
        self.in_paragraph = 0  # sentences in the current paragraph

    def append(self, text: str) -> int:
        """Add ``text``; returns where it starts."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def text(self) -> str:
        return "".join(self.parts)


class ArticleRows:
    """Builds the rows of each article in turn, from the generator's actors and events.

    The lookup tables are made once per run; the article ids, claim ids and random draws
    come from the generator, in a fixed order, so a seed always gives the same data."""

    def __init__(self, generator: Generator) -> None:
        self.g = generator
        rng = generator.rng
        self.random = rng.random
        self.sentences = Sentences(generator)
        self.verdicts, self.verdict_cum = weighted(VERDICT_WEIGHTS)
        self.publisher_cum = zipf_cum(len(PUBLISHERS), 1.0)
        self.section_cum = list(itertools.accumulate(SECTION_WEIGHTS))
        self.authors = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(300)]
        self.reasons_json = {
            mask: json.dumps([r for bit, r in enumerate(REASONS) if mask >> bit & 1])
            for mask in range(16)
        }
        self.editor_cum = zipf_cum(len(generator.editor_ids), 0.8)
        self.span = (LAST_DAY - FIRST_DAY).days
        self.reviews_for = self._reviews_per_claim()
        self.counts = self._claims_per_article()
        self.claim_index = 0

    def _claims_per_article(self) -> list[int]:
        """Lognormal article lengths summing exactly to ``sizes.claims``."""
        rng = self.g.rng
        n, total = self.g.sizes.articles, self.g.sizes.claims
        if n == 0:
            return []
        weights = [rng.lognormvariate(0.0, 0.5) for _ in range(n)]
        scale = total / sum(weights)
        counts = [int(w * scale) for w in weights]
        for i in rng.sample(range(n), total - sum(counts)) if total > sum(counts) else ():
            counts[i] += 1
        return counts

    def _reviews_per_claim(self) -> dict[int, int]:
        """claim index -> number of reviews, for the reviewed claims.

        A fifth of the reviews are re-reviews (a verdict changed), so ~80 % of ``--reviews``
        claims get a verdict and the rest of the claims stay unverified."""
        rng = self.g.rng
        n_claims, n_reviews = self.g.sizes.claims, self.g.sizes.reviews
        reviewed = min(n_claims, n_reviews, max(1 if n_reviews else 0, round(n_reviews / 1.25)))
        chosen = rng.sample(range(n_claims), reviewed)
        counts = dict.fromkeys(chosen, 1)
        for _ in range(n_reviews - reviewed):
            counts[chosen[rng.randrange(reviewed)]] += 1
        return counts

    def _pick(self, values: Any, cum: list[float]) -> Any:
        return values[bisect.bisect_left(cum, self.random() * cum[-1])]

    # -- the article -------------------------------------------------------------------------

    def article(self, batch: Batch, a_index: int, n_claims: int) -> None:
        random_ = self.random
        article_id = self.g.next_id("claims_article")
        pub = FIRST_DAY + timedelta(days=int(random_() * self.span))
        publisher = self._pick(PUBLISHERS, self.publisher_cum)
        lead_actor = self.g.mentioned()[1]
        title = f"{lead_actor} {VERBS[int(random_() * len(VERBS))]} {self.sentences.topic()}"
        title = title[0].upper() + title[1:]
        body = Body(title)
        for position in range(n_claims):
            self._next_sentence_slot(body)
            self.claim(batch, body, article_id, a_index, position, pub)
        if n_claims == 0:
            body.append(PARAGRAPH_BREAK + FILLERS[0])
        text = body.text()
        slug = "-".join(title.lower().split()[:6]).replace(",", "")
        imported = ts(pub, 3600 * 6 + int(random_() * 3600 * 12))
        batch.rows["claims_article"].append(
            (
                article_id,
                title,
                "",
                publisher,
                self.authors[int(random_() * len(self.authors))],
                f"https://news.example.org/{pub:%Y/%m/%d}/{slug}-{article_id}",
                pub.isoformat(),
                self._pick(SECTIONS, self.section_cum),
                "en",
                "header",  # the generator writes its titles as a header would
                "",
                "",
                text,
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                f"feeds/{publisher.lower().replace(' ', '-')}/{pub}-{article_id}.txt",
                "",  # pipeline_version: no pipeline wrote these
                imported,
                imported,
            )
        )

    def _next_sentence_slot(self, body: Body) -> None:
        """A new paragraph every 1-4 sentences (the first claim opens paragraph 1), sometimes
        led by a filler sentence that is no claim; else a space after the previous one."""
        random_ = self.random
        if body.in_paragraph == 0 or random_() < 0.35:
            body.append(PARAGRAPH_BREAK)
            body.paragraph += 1
            body.in_paragraph = 0
            if random_() < 0.1:
                body.append(FILLERS[int(random_() * len(FILLERS))])
                body.in_paragraph = 1
        if body.in_paragraph:
            body.append(" ")

    # -- its claims --------------------------------------------------------------------------

    def claim(
        self, batch: Batch, body: Body, article_id: int, a_index: int, position: int, pub: date
    ) -> None:
        random_ = self.random
        g = self.g
        text, kind, speaker_id, actor_ids, dates_json, mask = self.sentences.sentence(
            pub.toordinal()
        )
        claim_id = next(g.ids["claims_claim"])
        start = body.append(text)
        body.in_paragraph += 1
        worth = 0.15 * random_() + 0.25 * (mask & 1) + 0.1 * (mask >> 1 & 1)
        worth = round(min(1.0, worth + 0.5 * random_() ** 2), 3)
        n_reviews = self.reviews_for.get(self.claim_index, 0)
        verdict, note, reviewer, reviewed_at = "unverified", "", None, None
        if n_reviews:
            verdict, note, reviewer, reviewed_at = self._verdict(batch, claim_id, n_reviews, pub)
        batch.rows["claims_claim"].append(
            (
                claim_id,
                article_id,
                position,
                text,
                start,
                body.length,
                body.paragraph,
                kind,
                _attribution(kind, speaker_id),
                speaker_id,
                dates_json,
                worth,
                self.reasons_json[mask],
                verdict,
                note,
                reviewer,
                reviewed_at,
                n_reviews + 1,
                *self._assignment(claim_id, verdict, pub),
                # Published when reviewed, by the reviewer: the generated desk publishes its
                # verdicts, so anonymous (public) reads have the same data to work on.
                reviewed_at,
                reviewer,
            )
        )
        for actor_id in actor_ids:
            batch.rows["claims_claim_actors"].append(
                (next(g.ids["claims_claim_actors"]), claim_id, actor_id)
            )
        if g.event_ids and random_() < 0.18:
            # An event within a month of the article, as the importer would link.
            near = pub.toordinal() + int(random_() * 60) - 30
            i = min(bisect.bisect_left(g.event_days, near), len(g.event_ids) - 1)
            batch.rows["claims_claim_events"].append(
                (next(g.ids["claims_claim_events"]), claim_id, g.event_ids[i])
            )
        g.claim_article.append(a_index)
        self.claim_index += 1

    def _assignment(self, claim_id: int, verdict: str, pub: date) -> tuple[Any, Any, Any]:
        """(assignee, assigned by, when): one unreviewed claim in ASSIGNED_EVERY is on an
        editor's desk. Chosen from the id, not the random stream, so the rest of the data
        stays what it was."""
        editors = self.g.editor_ids
        if verdict != "unverified" or claim_id % ASSIGNED_EVERY or editors == [None]:
            return None, None, None
        editor = editors[claim_id // ASSIGNED_EVERY % len(editors)]
        return editor, editors[0], ts(pub, 1800)

    def _verdict(
        self, batch: Batch, claim_id: int, n_reviews: int, pub: date
    ) -> tuple[str, str, int | None, str]:
        """(verdict, note, reviewer, reviewed_at) of a reviewed claim, writing its reviews."""
        verdict = self._pick(self.verdicts, self.verdict_cum)
        reviewer = self._pick(self.g.editor_ids, self.editor_cum)
        seconds = 3600 + int(self.random() * 86400 * 60)
        self._reviews(batch, claim_id, verdict, n_reviews, reviewer, pub, seconds)
        self.g.reviewed_claims.append(self.claim_index)
        return verdict, NOTES[verdict], reviewer, ts(pub, seconds)

    def _reviews(
        self,
        batch: Batch,
        claim_id: int,
        verdict: str,
        n: int,
        editor: int | None,
        pub: date,
        last_seconds: int,
    ) -> None:
        """A chain of ``n`` reviews ending at ``verdict``, an hour or more apart."""
        rng = self.g.rng
        chain = [rng.choice(VERDICT_WEIGHTS)[0] for _ in range(n - 1)] + [verdict]
        previous = "unverified"
        review_id = 0
        for i, step in enumerate(chain):
            review_id = self.g.next_id("claims_review")
            seconds = last_seconds - (n - 1 - i) * 3600 * (1 + rng.randrange(48))
            batch.rows["claims_review"].append(
                (review_id, claim_id, step, previous, NOTES[step], editor, ts(pub, seconds))
            )
            previous = step
        if rng.random() < self.g.sizes.evidence_share:
            batch.rows["claims_evidence"].append(
                (
                    self.g.next_id("claims_evidence"),
                    claim_id,
                    review_id,
                    f"https://evidence.example.org/claims/{claim_id}",
                    "Official statistics",
                    "The published figures for the period.",
                    STANCE_FOR[verdict],
                    editor,
                    ts(pub, last_seconds),
                )
            )


def _attribution(kind: str, speaker_id: int | None) -> str:
    """How the importer would have found the generated speaker: a quote's attribution is
    direct, a statement with a speaker is reported speech, one without is narration."""
    if speaker_id is None:
        return ""
    return "direct" if kind == "quote" else "indirect"
