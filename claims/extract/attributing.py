"""Each sentence's speaker and how it was attributed (``ParsedClaim.attribution``), in
article order: what ``attribution`` finds in the sentence itself, resolved against the
article's people, or else what an earlier sentence carries over to it:

* the next sentences of a quotation (a sentence or paragraph that opens with a quotation
  mark, or that an earlier sentence's open quotation runs into) are the quoted speaker's:
  *continuation*;
* everything under "The following is attributable to Spokesperson Jane Doe:" is hers:
  *document*;
* a transcript's turns are their speaker's: *transcript*.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .attribution import Attribution, PersonRef, find_attribution
from .institutions import Institutions
from .known_actors import KnownNameIndex
from .name_tokens import fast_key
from .people import PersonRegistry
from .pronouns import SpeakerContext
from .quote_credits import credit_after_quote, credit_line
from .quotes import (
    QUOTE_OPENERS,
    QuoteIndex,
    QuoteRegion,
    has_direct_quote,
    quote_regions,
)
from .source_names import source_name
from .speech import speech_verbs
from .types import ActorMention, AttributionKind

_POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")
# A person described by age alone, as news copy refers back to the one it is about: "the
# 29-year-old", "the 45-year-old striker" (never a new, unnamed source: that is "a …").
_AGE_REFERENCE_RE = re.compile(r"[Tt]he\s+\d{1,3}-year-old\b(?:\s+[a-z][\w-]*){0,3}[.,]?$")
# "The following is attributable to Spokesperson Jane Doe:", "Statement from the Press
# Secretary:", "The minister issued the following statement:": a header that gives the
# whole text under it one source.
_DOCUMENT_RE = re.compile(
    r"(?:\battributable to\s+(?P<who>.+?)|^(?:(?:full|joint|official)\s+)?statement\s+"
    r"(?:from|by|of)\s+(?P<who2>.+?)|^(?P<who3>.+?)\s+(?:issued|released|made|gave)\s+"
    r"the following (?:statement|remarks|readout))\s*[:.]?\s*$",
    re.IGNORECASE,
)
_NEXT_WORD_RE = re.compile(r" ([A-Za-z]+)")
# "In a Courier poll released Monday, 40 percent …": the poll reports the sentence.
_IN_FINDING_RE = re.compile(
    r"In (?:a|an|the|this|that|its|their)\b[^,;:.]{0,60}?\b(?:poll|survey|study)\b[^,;:]{0,40},"
)
_FINDING_LEADS = ("Poll: ", "Polls: ", "Survey: ", "Study: ", "Report: ", "Analysis: ")
# After a name opening the sentence: ":" or "to/on/at … :" (an addressee, a topic, a venue).
_HEADLINE_LEAD_RE = re.compile(r":| (?:to|on|at) [^:.;,“”\"]{1,40}: ")
# A sentence that opens with its pronoun subject and verb: "He called it …", "She yells".
_LEAD_PRONOUN_RE = re.compile(r"(He|She) [a-z]+")
# A header in the first paragraphs heads the whole text; a later one only introduces.
_DOCUMENT_TOP = 3
# Carried speakers do not jump further than this many paragraphs (a quotation continued in
# the next paragraph, not one three paragraphs down).
_CARRY_PARAGRAPHS = 1


class Said(NamedTuple):
    speaker: str | None
    kind: AttributionKind
    # A mention of a speaker only the attribution names ("The Daily Courier reported"), so
    # that the importer knows what kind of actor it is.
    mention: ActorMention | None = None


_NO_QUOTES = QuoteIndex(())  # shared by the sentences without quotations: never changed
_NARRATION = Said(None, "")
_ANONYMOUS = Said(None, "anonymous")


def document_source(text: str) -> str | None:
    """The source a document header names, as written, or None if ``text`` is none."""
    if len(text) > 200 or not (text.rstrip()[-1:] == ":" or "attributable" in text):
        return None
    match = _DOCUMENT_RE.search(text.strip())
    if match is None:
        return None
    return match.group("who") or match.group("who2") or match.group("who3")


def own_kind(text: str, regions: Sequence[QuoteRegion]) -> AttributionKind:
    """Direct when a quotation opens the sentence ("“…,” she said"), closes it after a colon
    or comma ("He said: “…”") or makes most of it; partial when a quoted phrase sits inside
    a reported statement ("called the talks “very useful”"); indirect when nothing is
    quoted."""
    closed = [r for r in regions if r.closed and _quoted_words(text, r) >= 2]
    if not closed:
        return "indirect"  # nothing, or a scare-quoted word ("branding him a “dictator”")
    if has_direct_quote(text, regions):
        quoted = sum(r.end - r.start for r in closed)
        opens = not text[: closed[0].start].strip()
        # Closing the sentence, a quotation is direct when introduced ("He said: “…”"); run
        # into the sentence's own words it is partial ("called the talks “very useful.”").
        closes = not text[closed[-1].end :].strip(".!?)") and (
            text[: closed[-1].start].rstrip().endswith((":", ","))
        )
        if opens or closes or 2 * quoted >= len(text):
            return "direct"
    return "partial"


def _quoted_words(text: str, region: QuoteRegion) -> int:
    """The quotation's words; none for a term named with a determiner before it ("a “peace
    through strength” doctrine")."""
    before = text[max(0, region.start - 6) : region.start].split()
    if before and before[-1].casefold() in ("a", "an", "the", "so-called"):
        return 0
    return len(region.content(text).split())


@dataclass(slots=True)
class Attributor:
    """Walks an article's sentences in order, keeping what earlier ones carry over."""

    registry: PersonRegistry
    index: KnownNameIndex
    speakers: SpeakerContext = field(default_factory=SpeakerContext)
    institutions: Institutions = field(default_factory=Institutions)
    document: Said | None = None
    last: Said = _NARRATION
    last_paragraph: int = -1
    open_quote: bool = False  # the previous sentence left a quotation open
    introduces: bool = False  # the previous sentence was an attribution ending with ":"
    # (or carried one on: all of the introduced paragraph is the source's)
    introduced_in: int = -1  # the paragraph of that attribution
    # Sentences of a quotation still open and not yet attributed ("“We will win." before
    # "We always do,” Ames said."): the attribution that closes it is theirs too.
    pending: int = 0
    # Set by ``sentence`` when its own attribution closes such a quotation: the caller gives
    # ``pending``'s sentences the same speaker (they come before it in the article).
    backfill: bool = False
    awaits_credit: bool = False  # the previous sentence ended quoting no one: "— Ames." may follow
    credited: bool = False  # the previous quotation had a dash credit: complete, not continued

    def _continues_quotation(
        self, text: str, regions: Sequence[QuoteRegion], paragraph: int
    ) -> bool:
        """Whether the sentence starts inside the quotation the previous one left open in
        this paragraph: then its first mark closes it (unless the sentence opens with one)."""
        if not (self.open_quote and regions and paragraph == self.last_paragraph):
            return False
        return not text.lstrip().startswith(QUOTE_OPENERS)

    def header(self, text: str, mentions: list[ActorMention], paragraph: int) -> bool:
        """Whether ``text`` is a document header; if so, later sentences are its source's.
        Near the top it heads the whole text (a readout, a statement); further down ("The
        minister issued the following statement:") only what it introduces."""
        who = document_source(text)
        if who is None:
            return False
        offset = text.find(who)
        names = [m.name for m in mentions if m.start >= offset and m.kind != "country"]
        speaker = names[0] if names else self.registry.by_role(who, self.index)
        self.pending, self.backfill = 0, False
        if paragraph < _DOCUMENT_TOP:
            self.document = Said(speaker, "document")
        else:
            self.last, self.last_paragraph = Said(speaker, "continuation"), paragraph
            self.introduces, self.introduced_in = True, paragraph
        self.speakers.push(speaker, [])
        return True

    def sentence(
        self,
        text: str,
        regions: Sequence[QuoteRegion],
        mentions: list[ActorMention],
        paragraph: int,
    ) -> tuple[Said, Attribution | None]:
        """Who says one prose sentence, and the attribution the sentence itself gives."""
        continues = self._continues_quotation(text, regions, paragraph)
        if continues:
            regions = _inside_quotation(text)
        elif self.open_quote and not regions and paragraph == self.last_paragraph:
            # No mark at all inside a quotation still open: the whole sentence is quoted.
            continues, regions = True, [QuoteRegion(0, len(text), False)]
        quotes = QuoteIndex(regions) if regions else _NO_QUOTES  # (most sentences)
        verbs = speech_verbs(text, quotes)
        attribution, credited = None, False
        if verbs:  # (most sentences have none: then no references need making)
            people = [_ref(m) for m in mentions if m.kind == "person"]
            actors = [_ref(m) for m in mentions if m.kind != "person"]
            self.institutions.extend(r.name for r in actors)  # ("the ministry" after)
            attribution = find_attribution(text, people, quotes, actors, verbs)
        said = None
        if attribution is not None:
            said = self._own(text, regions, attribution, people, quotes)
        elif mentions and mentions[0].start == 0 and _HEADLINE_LEAD_RE.match(text, mentions[0].end):
            # "Alma Reyes: The port must stay open.", "Reyes to dock workers: …" (a headline's
            # or a panel's speaker)
            said = Said(mentions[0].name, own_kind(text, regions))
        elif text.startswith(_FINDING_LEADS) or (
            text.startswith("In ") and _IN_FINDING_RE.match(text) is not None
        ):
            # "Poll: Ames leads in the north." (a headline reporting a finding: attributed,
            # to no one it could name)
            said = Said(None, "indirect")
        elif regions and (credit := credit_after_quote(text, regions)) is not None:
            said = self._credited(text, credit, mentions, own_kind(text, regions))
            credited = True
        elif regions and has_direct_quote(text, regions):
            said = self._quoting_subject(text, regions, mentions)
        own = said is not None
        if said is None or (said.speaker is None and said.kind != "anonymous" and self.document):
            # ("We believe …" inside a statement is the statement's source speaking.)
            said, own = self._carried(text, paragraph), False
        self._track_pending(said, own, continues, regions)
        outside = (
            [m.name for m in mentions if m.kind == "person" and not quotes.inside(m.start)]
            if mentions
            else []  # (no comprehension's frame for a sentence naming nobody)
        )
        self.speakers.push(said.speaker, outside)
        self.last, self.last_paragraph = said, paragraph
        self._track_quotation(text, regions, said, own, credited)
        # "Trump wrote on Twitter:" introduces what follows, quoted or not: the rest of its
        # paragraph, or the whole next one.
        if attribution is not None and text.rstrip().endswith(":"):
            self.introduces, self.introduced_in = True, paragraph
        else:
            self.introduces = self.introduces and not own and said.kind == "continuation"
        return said, attribution

    def _track_quotation(
        self, text: str, regions: Sequence[QuoteRegion], said: Said, own: bool, credited: bool
    ) -> None:
        """What the sentence's quotations leave for the next (see the fields)."""
        self.open_quote = bool(regions) and not regions[-1].closed
        self.credited = credited
        ends_quoted = bool(regions) and not text[regions[-1].end :].strip(" .")
        self.awaits_credit = ends_quoted and not own and said.kind in ("", "continuation")

    def _track_pending(
        self, said: Said, own: bool, continues: bool, regions: Sequence[QuoteRegion]
    ) -> None:
        """Count the unattributed sentences of a quotation left open; flag ``backfill``
        when this sentence continues one and names its source."""
        self.backfill = bool(self.pending) and continues and own and said.kind != ""
        open_now = bool(regions) and not regions[-1].closed
        if open_now and said == _NARRATION:
            self.pending = self.pending + 1 if continues else 1
        else:
            self.pending = 0

    def _own(
        self,
        text: str,
        regions: Sequence[QuoteRegion],
        attribution: Attribution,
        people: Sequence[PersonRef],
        quotes: QuoteIndex,
    ) -> Said | None:
        if attribution.kind == "unnamed":
            return _ANONYMOUS
        kind = own_kind(text, regions)
        if attribution.kind == "named":
            return Said(attribution.name, kind)
        if attribution.kind == "pronoun":
            before = [
                p.name
                for p in people
                if p.start < attribution.position and not quotes.inside(p.start)
            ]
            gender = self.registry.title_gender
            return Said(self.speakers.resolve(before, attribution.pronoun, gender), kind)
        if attribution.kind == "description":
            found = self.registry.by_role(attribution.phrase, self.index)
            if found is not None:
                return Said(found, kind)
            organisation = self.institutions.resolve(attribution.phrase)
            if organisation is not None:
                return Said(organisation, kind, _written_out(attribution, organisation))
            if _AGE_REFERENCE_RE.match(attribution.phrase):
                # "said the 29-year-old striker": the person the last sentences were about
                return Said(self.speakers.resolve([]), kind)
        if attribution.phrase.casefold() == "it" and self.last.speaker in self.institutions:
            return Said(self.last.speaker, kind)  # "…, the bank said. It added that …"
        return _by_name(attribution, kind, self.registry, self.institutions)

    def credit(self, text: str, mentions: list[ActorMention], paragraph: int) -> Said | None:
        """Who a credit line ("— Sen. Jane Ames, in a debate") after a quotation of no
        source names (for that quotation's sentences; the line is no claim), or None."""
        if not (self.awaits_credit and paragraph == self.last_paragraph + 1):
            return None
        start = credit_line(text)
        if start is None:
            return None
        said = self._credited(text, start, mentions, "direct")
        self.speakers.push(said.speaker, [])
        self.last, self.last_paragraph = said, paragraph
        self.awaits_credit = self.open_quote = self.introduces = False
        self.credited = True
        return said

    def _credited(
        self, text: str, start: int, mentions: list[ActorMention], kind: AttributionKind
    ) -> Said:
        """The source a dash credit starting at ``start`` names."""
        person, lead = _credit_source(text, start, mentions)
        if person is not None:
            return Said(person, kind)
        unresolved = Attribution("unresolved", position=start, phrase=lead)
        return _by_name(unresolved, kind, self.registry, self.institutions)

    def _quoting_subject(
        self, text: str, regions: Sequence[QuoteRegion], mentions: list[ActorMention]
    ) -> Said | None:
        """A quotation with no speech verb ("Ames branded the plan “a gift to smugglers.”",
        "She chanted “not in our name”"): the sentence's subject, written before the
        quotation and followed by its verb, is the one quoted."""
        first = regions[0].start
        for mention in mentions:
            if mention.start >= first:
                break
            if mention.text.endswith(_POSSESSIVE_ENDINGS):
                continue
            following = _NEXT_WORD_RE.match(text, mention.end)
            if following is not None and following.group(1).islower():
                return Said(mention.name, own_kind(text, regions))
            return None  # only the first name can be the subject
        lead = _LEAD_PRONOUN_RE.match(text)
        if lead is not None and lead.end() < first:
            referent = self.speakers.resolve([], lead.group(1).lower(), self.registry.title_gender)
            return Said(referent, own_kind(text, regions))
        return None

    def _carried(self, text: str, paragraph: int) -> Said:
        if self.last.kind in ("", "document") or self.credited:  # (nothing to carry)
            return self.document or _NARRATION
        opens = text.lstrip().startswith(QUOTE_OPENERS)
        near = paragraph - self.last_paragraph <= _CARRY_PARAGRAPHS
        introduced = self.introduces and paragraph - self.introduced_in <= _CARRY_PARAGRAPHS
        carries = opens or self.open_quote or introduced
        if carries and near:
            kind = "anonymous" if self.last.kind == "anonymous" else "continuation"
            return Said(self.last.speaker, kind)
        if self.document is not None:
            return self.document
        return _NARRATION

    def turn(self, speaker: str | None, paragraph: int, mentions: list[ActorMention]) -> Said:
        """A transcript turn's sentence: the turn's speaker says it."""
        said = Said(speaker, "transcript")
        self.speakers.push(speaker, [m.name for m in mentions if m.kind == "person"])
        self.last, self.last_paragraph = said, paragraph
        self.open_quote = self.introduces = self.backfill = self.awaits_credit = False
        self.credited = False
        self.pending = 0
        return said

    def carried_back(self, said: Said) -> Said:
        """What an earlier sentence of the quotation ``said`` closes is attributed as."""
        return _ANONYMOUS if said.kind == "anonymous" else Said(said.speaker, "continuation")


def _by_name(
    attribution: Attribution,
    kind: AttributionKind,
    registry: PersonRegistry,
    institutions: Institutions,
) -> Said:
    """A source written as a name the article did not introduce as a person: the
    article's person with that surname if there is one; else the name itself, with a
    mention saying what it is (an organisation, or "other" for a lone word, which may be
    a surname or a company, unless it is quoted directly: companies seldom are)."""
    found = source_name(attribution.phrase)
    if found is None:
        return Said(None, kind)
    name, actor = found
    if actor != "organization":
        key = fast_key(name.split()[-1])
        person = registry.resolve_surname(key, 0)
        if person is None and " " not in name:
            person = registry.resolve_first_word(key)
        if person is not None:
            return Said(person.name, kind)
    if " " not in name:
        whole = institutions.short_for(name)  # "Kestrel" after "Kestrel Power Holdings"
        if whole is not None:
            return Said(whole, kind, _mention(attribution, name, whole, "organization"))
    if actor == "other" and kind in ("direct", "partial"):
        actor = "person"
    if actor == "organization":
        institutions.add(name)
    mention = _mention(attribution, name, name, actor) if actor != "person" else None
    return Said(name, kind, mention)


def _mention(attribution: Attribution, written: str, name: str, kind: str) -> ActorMention:
    """The mention of ``name``, written as ``written`` in the source's phrase."""
    start = attribution.position + attribution.phrase.find(written)
    return ActorMention(written, start, start + len(written), name, kind)  # type: ignore[arg-type]


def _written_out(attribution: Attribution, organisation: str) -> ActorMention | None:
    """The mention of an organisation a source names ("according to the European Union.",
    "the Brennan Center" after "the Brennan Center for Justice"), as ``_by_name`` gives
    it; none where the source only describes it ("the ministry")."""
    found = source_name(attribution.phrase)
    if found is None or found[1] != "organization":
        return None
    return _mention(attribution, found[0], organisation, "organization")


def _inside_quotation(text: str) -> list[QuoteRegion]:
    """The quotations of a sentence that starts inside one an earlier sentence opened
    ("“We will win. We always do,” Ames said." split after "win."): its first mark closes."""
    opener = "''" if "''" in text else '"' if '"' in text else "“"
    regions = quote_regions(opener + text)
    shift = len(opener)
    return [QuoteRegion(max(0, r.start - shift), r.end - shift, r.closed) for r in regions]


def _credit_source(text: str, start: int, mentions: list[ActorMention]) -> tuple[str | None, str]:
    """(the person a dash credit at ``start`` mentions first, before any comma, or None;
    the credit's name as written)."""
    lead = re.split(r"[,;(]", text[start:], maxsplit=1)[0].rstrip(" .")
    for mention in mentions:
        if mention.start >= start:
            if mention.kind == "person" and mention.start < start + len(lead):
                return mention.name, lead
            break
    return None, lead


def _ref(mention: ActorMention) -> PersonRef:
    return PersonRef(
        mention.start, mention.end, mention.name, mention.text.endswith(_POSSESSIVE_ENDINGS)
    )
