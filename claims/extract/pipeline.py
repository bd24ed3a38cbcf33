"""The pure text pipeline: raw article text in, a ``ParsedArticle`` out. No database.

``parse_article`` runs the stages in order, each in its own module:

1. ``text``: normalise, drop site furniture, find title, dek, date, publisher, section, and
   the body's paragraphs (title / subtitle / heading / prose);
2. ``sentences``: split prose paragraphs into sentences, a quotation with its attribution
   kept whole;
3. ``actors``: find the article's people (first pass over all sentences), then each
   sentence's mentions of people and of known organisations and countries;
4. ``attribution``: who each sentence quotes or reports, pronouns resolved in order;
5. ``dates``: explicit dates, year-less ones given the published or most recent year;
6. ``worthiness``: a deterministic check-worthiness score with reasons.

Invariants (relied on by the importer and checked by the tests): claims are in order and
never overlap; ``body[c.start:c.end] == c.text`` with no surrounding whitespace; and every
non-whitespace character of the body is in exactly one claim or skipped span.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from .actors import find_mentions
from .attributing import Attributor, Said, document_source
from .boilerplate import maybe_disclaimer, sentence_reason
from .cuts import ParagraphCutter, segments
from .datelines import first_dateline
from .dates import YearContext, find_dates
from .errors import ArticleError
from .known_actors import known_name_index
from .names import normalize_name
from .people import PersonRegistry
from .quotes import QUOTE_OPENERS, QuoteRegion, has_direct_quote, quote_regions
from .sentences import is_question, split_sentences
from .text import Document, clean_document
from .transcript_speakers import label_description, resolve_speakers
from .transcripts import Turn, find_turns, stage_directions
from .types import (
    ActorMention,
    ArticleHints,
    DateMention,
    KnownActor,
    KnownActorSnapshot,
    ParsedArticle,
    ParsedClaim,
    SkippedSpan,
)
from .worthiness import ClaimFeatures, score

__all__ = ["parse_article"]

_DEFAULT_HINTS = ArticleHints()
_LETTER_RE = re.compile(r"[^\W\d_]")
_TWO_WORDS_RE = re.compile(r"\S\s+\S")
# A "sentence" this long is text the splitter could not divide (a flattened table, a list
# without punctuation, junk), not something an editor can check; the longest sentences in
# real news copy are a few hundred characters. Skipped like a fragment: never a claim, and
# not read for names, so such input stays cheap.
MAX_SENTENCE_CHARS = 2_000
_UNREAD = frozenset({"fragment", "overlong"})


class _Sentence(NamedTuple):  # (a named tuple is cheaper to make than a frozen dataclass)
    start: int  # offsets into the body
    end: int
    paragraph: int


def parse_article(
    raw: str,
    *,
    hints: ArticleHints = _DEFAULT_HINTS,
    known_actors: KnownActorSnapshot | Sequence[KnownActor] = (),
) -> ParsedArticle:
    """Parse one article's raw text. Raises ``ArticleError`` only when there is no text at
    all; an article in which nothing is checkable comes back with no claims (the caller
    decides what to do with it)."""
    if not isinstance(raw, str) or not raw.strip():
        raise ArticleError("no article text")
    doc = clean_document(raw, hints)
    body = doc.body
    index = known_name_index(known_actors)

    skipped: list[SkippedSpan] = []
    turns = find_turns(body, doc.paragraphs)
    sentences = _prose_sentences(doc, skipped, turns)
    texts = [body[s.start : s.end] for s in sentences]
    regions_of = [quote_regions(text) for text in texts]
    skip_reasons = _skip_reasons(doc, sentences, texts, regions_of)
    # Fragments ("1.", "—") name nobody; leaving them out keeps junk input cheap.
    registry = PersonRegistry.build(
        ["" if why in _UNREAD else text for text, why in zip(texts, skip_reasons, strict=True)],
        index,
    )
    turn_speakers = _turn_speakers(doc, turns, registry)
    dates_of = _dates(texts, skip_reasons, doc.published_on)
    attributor = Attributor(registry, index)
    claims = _Claims()

    for i, sentence in enumerate(sentences):
        text, regions, reason = texts[i], regions_of[i], skip_reasons[i]
        if reason in _UNREAD:
            skipped.append(SkippedSpan(sentence.start, sentence.end, reason))
            continue
        mentions = find_mentions(registry, i, index)
        turn = turns.get(sentence.paragraph)
        if turn is not None:  # in a transcript the turn's speaker says all of it
            said = attributor.turn(turn_speakers.get(turn.label), sentence.paragraph, mentions)
        elif not reason and attributor.header(text, mentions, sentence.paragraph):
            reason = "attribution line"  # its source is given to what follows, not a claim
        elif not reason and (credit := attributor.credit(text, mentions, sentence.paragraph)):
            reason = "attribution line"  # its source is given to the quotation before it
            claims.credit(credit, registry)
        else:
            said, _ = attributor.sentence(text, regions, mentions, sentence.paragraph)
            if said.mention is not None:
                mentions = _with_mention(mentions, said.mention)
            claims.settle(attributor, said, registry)
        if reason:
            skipped.append(SkippedSpan(sentence.start, sentence.end, reason))
            continue
        args = (sentence, text, regions, mentions, dates_of[i])
        claim = claims.add(attributor, args, said, registry)
        if turn is not None and said.speaker is None:
            claim.speaker_role = label_description(turn.label)

    skipped.sort(key=lambda s: s.start)
    return _article(doc, hints, _scored(claims.made), skipped, registry)


def _turn_speakers(
    doc: Document, turns: dict[int, Turn], registry: PersonRegistry
) -> dict[str, str]:
    """Label -> the person it names, read in the title and dek and in the prose before the
    first turn too: where a transcript says who speaks."""
    if not turns:
        return {}
    intro = [doc.body[p.start : p.end] for p in doc.paragraphs[: min(turns)] if p.kind == "prose"]
    return resolve_speakers(
        turns, registry, front=f"{doc.title}\n{doc.subtitle}", intro="\n".join(intro)
    )


def _dates(
    texts: list[str], skip_reasons: list[str | None], published: dt.date | None
) -> list[list[DateMention]]:
    """Each sentence's dates, read in order even in skipped sentences: they set the year
    later dates inherit. (All of them before the walk over the sentences, like every stage
    that needs none of its state: a stage run over all sentences keeps its caches in the
    processor's, which interleaving the stages sentence by sentence undoes.)"""
    years = YearContext(published=published)
    return [
        [] if why in _UNREAD else find_dates(text, years)
        for text, why in zip(texts, skip_reasons, strict=True)
    ]


def _scored(made: list[tuple[ParsedClaim, ClaimFeatures]]) -> list[ParsedClaim]:
    """The claims, each given its check-worthiness. Scored together once all are made rather
    than each as it is made: the scorer's per-word caches then stay in the processor's
    cache from one claim to the next (4 % of a pass on the synthetic articles), and a claim
    made again (``_Claims``) is scored once."""
    for claim, features in made:
        claim.check_worthiness, claim.check_reasons = score(features)
    return [claim for claim, _ in made]


class _Claims:
    """The article's claims as they are made, with what each was made of: a claim is made
    again when a later sentence names its quotation's source (the sentences of a quotation
    still open, ``Attributor.pending``, or those a credit line follows)."""

    __slots__ = ("args", "made", "pending")

    def __init__(self) -> None:
        self.made: list[tuple[ParsedClaim, ClaimFeatures]] = []  # scored at the end
        self.args: list[tuple] = []  # (``_claim``'s arguments but the attribution)
        self.pending: list[int] = []

    def add(
        self, attributor: Attributor, args: tuple, said: Said, registry: PersonRegistry
    ) -> ParsedClaim:
        self.made.append(_claim(*args, said, registry))
        self.args.append(args)
        if attributor.pending:
            self.pending.append(len(self.made) - 1)
        return self.made[-1][0]

    def settle(self, attributor: Attributor, said: Said, registry: PersonRegistry) -> None:
        if attributor.backfill:
            back = attributor.carried_back(said)
            for at in self.pending:
                self.made[at] = _claim(*self.args[at], back, registry)
        if not attributor.pending:
            self.pending.clear()

    def credit(self, said: Said, registry: PersonRegistry) -> None:
        """Give the quotation a credit line names (the sentences without a source of their
        own that end the paragraph before it, back to the one opening the quotation) its
        source."""
        made = self.made
        paragraph = made[-1][0].paragraph if made else -1
        at = len(made)
        while (
            at
            and made[at - 1][0].paragraph == paragraph
            and (made[at - 1][0].attribution in ("", "continuation"))
        ):
            at -= 1
        while at < len(made) and not made[at][0].text.startswith(QUOTE_OPENERS):
            at += 1  # (narration before the quotation stays narration)
        for k in range(at, len(made)):
            made[k] = _claim(*self.args[k], said, registry)


def _with_mention(mentions: list[ActorMention], new: ActorMention) -> list[ActorMention]:
    """``mentions`` with ``new`` in its place, unless it overlaps one of them."""
    if any(m.start < new.end and new.start < m.end for m in mentions):
        return mentions
    return sorted([*mentions, new], key=lambda m: m.start)


def _article(
    doc: Document,
    hints: ArticleHints,
    claims: list[ParsedClaim],
    skipped: list[SkippedSpan],
    registry: PersonRegistry,
) -> ParsedArticle:
    dateline = first_dateline(doc.body, skipped)
    return ParsedArticle(
        title=doc.title,
        body=doc.body,
        claims=claims,
        subtitle=doc.subtitle,
        publisher=doc.publisher,
        author=doc.author,
        url=(hints.url or "").strip(),
        published_on=doc.published_on,
        section=doc.section,
        language=(hints.language or "en").strip() or "en",
        skipped=skipped,
        people=registry.roles(),
        title_source=doc.title_source,
        dateline_place=dateline.place if dateline else "",
        dateline_agency=dateline.agency if dateline else "",
    )


def _prose_sentences(
    doc: Document, skipped: list[SkippedSpan], turns: dict[int, Turn]
) -> list[_Sentence]:
    """The sentences of the prose paragraphs and of a transcript's turns, speaker labels,
    reporters' questions, datelines, labels and credits cut out; every other paragraph goes
    to ``skipped``."""
    sentences: list[_Sentence] = []
    cut = ParagraphCutter(doc.body)
    for number, paragraph in enumerate(doc.paragraphs):
        start = paragraph.start
        turn = turns.get(number)
        if turn is not None:
            start = _cut_label(doc.body, turn, paragraph.end, skipped)
            if turn.question and start < paragraph.end:
                skipped.append(SkippedSpan(start, paragraph.end, "question"))
                continue
            cuts = stage_directions(doc.body, start, paragraph.end)
        elif paragraph.kind != "prose" and not document_source(doc.body[start : paragraph.end]):
            # (A document header such as "The following is attributable to …:" may look
            # like a heading; it is read as a sentence so that its source carries on.)
            skipped.append(SkippedSpan(paragraph.start, paragraph.end, paragraph.kind))
            continue
        else:
            cuts = cut(start, paragraph.end)
        skipped += cuts
        for begin, stop in segments(start, paragraph.end, cuts):
            for a, b in split_sentences(doc.body[begin:stop]):
                sentences.append(_Sentence(begin + a, begin + b, number))
    return sentences


def _cut_label(body: str, turn: Turn, end: int, skipped: list[SkippedSpan]) -> int:
    """Skip a turn's speaker label; where the paragraph's own words start."""
    if turn.label_end > turn.label_start:
        skipped.append(SkippedSpan(turn.label_start, turn.label_end, "speaker label"))
    start = turn.label_end
    while start < end and body[start].isspace():
        start += 1
    return start


def _claim(
    sentence: _Sentence,
    text: str,
    regions: Sequence[QuoteRegion],
    mentions: list[ActorMention],
    dates: list[DateMention],
    said: Said,
    registry: PersonRegistry,
) -> tuple[ParsedClaim, ClaimFeatures]:
    """One checkable sentence as a claim, and what its check-worthiness is scored on."""
    speaker = said.speaker
    # A partial quotation ("called the talks “very useful”") quotes its speaker too.
    is_quote = said.kind == "partial" or (bool(regions) and has_direct_quote(text, regions))
    # (Positional: keywords cost more for a tuple made per claim. No comprehension's frame
    # for the many claims without mentions or dates.)
    features = ClaimFeatures(
        text,
        bool(dates),
        len({m.name for m in mentions}) if mentions else 0,  # actor_count
        speaker is not None,  # has_speaker
        said.kind == "anonymous",  # unnamed_source
        is_quote,
        False,  # is_question (the default: the pipeline skips questions)
        tuple([(d.start, d.end) for d in dates]) if dates else (),  # date_spans
    )
    person = registry.people.get(normalize_name(speaker)) if speaker else None
    claim = ParsedClaim(
        text,
        sentence.start,
        sentence.end,
        sentence.paragraph,
        "quote" if is_quote else "statement",
        speaker,
        person.role if person else "",  # speaker_role
        mentions,
        dates,
        attribution=said.kind,
    )
    return claim, features


def _skip_reasons(
    doc: Document,
    sentences: list[_Sentence],
    texts: list[str],
    regions_of: list[list[QuoteRegion]],
) -> list[str | None]:
    """Why each sentence is not a claim (None: it is one). A sentence can only be a
    disclaimer if its paragraph has a disclaimer's words: one test a paragraph, not a
    sentence."""
    body, paragraphs = doc.body, doc.paragraphs
    may_disclaim = {
        number: maybe_disclaimer(body[paragraphs[number].start : paragraphs[number].end])
        for number in {s.paragraph for s in sentences}
    }
    return [
        _skip_reason(text, regions, may_disclaim[sentence.paragraph])
        for sentence, text, regions in zip(sentences, texts, regions_of, strict=True)
    ]


def _skip_reason(text: str, regions: Sequence[QuoteRegion], may_disclaim: bool) -> str | None:
    """Why a prose sentence is not a claim, or None."""
    if len(text) > MAX_SENTENCE_CHARS:
        return "overlong"
    if not _LETTER_RE.search(text) or not _TWO_WORDS_RE.search(text):
        return "fragment"
    inside = sum([r.end - r.start for r in regions])
    narration = len(text) - inside
    if is_question(text, narration_outside_quotes=narration > 20):
        return "question"
    return sentence_reason(text, may_disclaim)
