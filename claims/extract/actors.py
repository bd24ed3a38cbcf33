"""Who claims name: people, organisations and countries. Pure: no database.

Two sources:

* **Known actors** (what the caller has in the database: the gazetteer's countries and
  organisations, and people imported before) are matched by name or alias, case-, accent-
  and possessive-insensitively ("Trump’s" → Donald Trump, "U.S." → United States).
  Organisations and countries come *only* from here.
* **New people** are recognised from how articles introduce them: a title or role right
  before the name ("Treasury Secretary Scott Bessent", "retired General Keith Kellogg",
  "American teacher Marc Fogel"), an appositive ("Andrea Kendall-Taylor, a … expert at …",
  "Trump’s special envoy, Steve Witkoff,"), "analysts like X", a speech verb ("Max Bergmann
  of the Center … calls"), an affiliation ("X of the Wilson Center"), or a two-part name whose
  surname recurs on its own ("Vladimir Putin" … "Putin’s"). A lone capitalised word is never
  a new person: it can only *resolve* to someone ("Dmitriev" → Kirill Dmitriev once
  introduced, or the one known person with that surname).

The work is done in two passes over the article's sentences (``people.PersonRegistry.build``,
then ``find_mentions`` here) so that surname recurrence can be counted first. Both are linear.
The parts: ``name_tokens`` (words and keys), ``known_actors`` (matching the database's
actors), ``new_people`` (finding introduced people), ``people`` (the article's registry).
"""

from __future__ import annotations

from .known_actors import KnownNameIndex, Span, known_spans
from .name_tokens import Part, fast_key
from .names import normalize_name
from .people import PersonRegistry
from .types import ActorMention


def find_mentions(
    registry: PersonRegistry, sentence_index: int, index: KnownNameIndex
) -> list[ActorMention]:
    """The actor mentions of one sentence (offsets into it), in order, never overlapping."""
    analysis = registry.analyses[sentence_index]
    text = analysis.text
    spans: list[Span] = []
    for cand in analysis.candidates:
        person = registry.lookup(cand.key)
        known = index.person(cand.key)
        if known is not None:
            person = registry.lookup(normalize_name(known.name)) or person
        if person is None:
            # Not a person after all: its words may still be surnames ("Putin Begs Trump").
            for part in cand.name_parts:
                analysis_single = _single_span(registry, part, "", sentence_index)
                if analysis_single:
                    spans.append(analysis_single)
            continue
        person.last_full = sentence_index
        spans.append(Span(cand.start, cand.end, person.name, "person", person.role, 2))
    for part, role in analysis.singles:
        span = _single_span(registry, part, role, sentence_index)
        if span:
            spans.append(span)
    for part in analysis.loose:
        span = _single_span(registry, part, "", sentence_index)
        if span:
            spans.append(span)
    spans.extend(known_spans(text, index))
    return _non_overlapping(text, spans)


def _single_span(
    registry: PersonRegistry, part: Part, role: str, sentence_index: int
) -> Span | None:
    person = registry.resolve_surname(fast_key(part.core), sentence_index)
    if person is None:
        return None
    start = part.start
    if role:
        # "President Trump": the mention includes the title.
        start = max(0, part.start - len(role) - 1)
    return Span(start, part.end, person.name, "person", person.role or role, 2)


def _non_overlapping(text: str, spans: list[Span]) -> list[ActorMention]:
    if len(spans) > 1:  # (most sentences have one mention or none)
        spans.sort(key=lambda s: (s.start, -(s.end - s.start), -s.priority))
    mentions: list[ActorMention] = []
    taken = 0
    for span in spans:
        if span.start < taken or span.start >= span.end:
            continue
        # (text, start, end, name, kind, role), positionally: a little cheaper.
        mentions.append(
            ActorMention(
                text[span.start : span.end], span.start, span.end, span.name, span.kind, span.role
            )
        )
        taken = span.end
    return mentions
