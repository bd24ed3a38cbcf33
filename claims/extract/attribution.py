"""Who said a sentence: the attribution it names, or the speaker a pronoun points back to.

Pure and linear: every scan walks the text once (or a bounded window of it). Quotations
are found by ``quotes``, speech verbs by ``speech``.

Two questions are answered for a claim:

* who the attribution names (``find_attribution``): "Bolton says", "said Rubio", "warns
  Andrea Kendall-Taylor", "according to X", "X, a former official, argued that …";
* who a pronoun attribution ("he said", "she cautions") points back to (``SpeakerContext``).

Unnamed sources ("Analysts say", "critics argue", "officials said") are recognised too, so
that they give *no* speaker rather than the nearest name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, NamedTuple

from .lexicon import word_set
from .name_tokens import HYPHENED_SURNAME_RE
from .quotes import QuoteIndex, quote_regions
from .source_names import source_name
from .sources import (
    SPOKES_NOUNS,
    Source,
    is_speaker_noun,
    source_after,
    source_at_start,
    source_before,
)
from .speech import (
    ANONYMOUS_SUBJECTS,
    MAX_GAP,
    SpeechVerb,
    gap_is_transparent,
    speech_verbs,
)
from .subjects import (
    compound_subject,
    in_relative_clause,
    names_in_commas,
    owner_noun,
    spokesperson_of,
)
from .verb_use import (
    BASE_NOUNS,
    BE,
    claim_noun,
    closing_clause,
    in_aside,
    in_leading_clause,
    not_speech,
    noun_after_singular,
    word_before,
)


class PersonRef(NamedTuple):
    """A person mention as attribution sees it (offsets into the claim text)."""

    start: int
    end: int
    name: str
    possessive: bool = False


class Attribution(NamedTuple):
    # named: a person or known actor; pronoun: "he"/"she", resolved by SpeakerContext;
    # unnamed: an anonymous source; description: "the minister", resolved by role if it can
    # be; unresolved: a source the pipeline cannot name ("they said", an unknown name).
    kind: Literal["named", "pronoun", "unnamed", "description", "unresolved"]
    name: str | None = None  # for "named"
    pronoun: str = ""  # for "pronoun": "he" / "she"
    position: int = 0  # offset of the pronoun, description or unresolved source
    phrase: str = ""  # for "description" and "unresolved": the source as written


# After an inverted subject ("writes Timothy Garton Ash in The Guardian") a preposition or a
# time word may follow; a verb may not ("insist Trump wants": Trump is not the speaker).
_CLAUSE_ENDERS = word_set(
    "in on at for from of to during after before last this yesterday today earlier later who"
)
_FOLLOWING_WORD_RE = re.compile(r" ([A-Za-z]+)\b")
_PRONOUN_BEFORE_RE = re.compile(r"\b([Hh]e|[Ss]he)\b")
# The last word before a verb, as ``([^\W\d_][\w'’-]*)\W*$`` finds it: the run of word
# characters, apostrophes and hyphens holding the last word character, from its first letter.
# Read off the reversed text (the pattern, searched forward, tries every letter before it).
_LAST_RUN_RE = re.compile(r"(?:\W*[^\w'’-])?([\w'’-]*+)")  # (reversed: the run is group 1)
_LETTER_RE = re.compile(r"[^\W\d_]")


def _subject_word(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """(word, start, end) of the last word of ``text[start:end]``, or None."""
    head = text[start:end]
    run = _LAST_RUN_RE.match(head[::-1])
    size = len(head)
    stop = size - run.start(1)  # type: ignore[union-attr]
    letter = _LETTER_RE.search(head, size - run.end(1), stop)  # type: ignore[union-attr]
    if letter is None:
        return None
    return head[letter.start() : stop], start + letter.start(), start + stop


def _named_before(
    text: str,
    verb: SpeechVerb,
    refs: Sequence[PersonRef],
    quotes: QuoteIndex,
    strict: bool = False,
) -> Attribution | None:
    # A named subject: the nearest non-possessive mention ending before the verb, with only
    # transparent words between ("Kendall-Taylor, a … expert at …, warns"); ``strict``: no
    # appositive between (an organisation or country is seldom described before its verb).
    for ref in reversed(refs):
        if ref.end > verb.start:
            continue
        if quotes.inside(ref.start):
            continue
        if ref.possessive:
            if claim_noun(text, verb, ref.end):
                return Attribution("named", name=ref.name)
            continue
        if strict and "," in text[ref.end : verb.start]:
            break
        if in_relative_clause(text, ref.start):
            continue  # "Officials who met Ames said": Ames is not the subject
        owner = owner_noun(text, ref.start)
        if owner and not (strict and owner in SPOKES_NOUNS):
            continue  # "An aide to Ames said" (but "a spokesperson for Acme Corp" is Acme)
        if text[ref.end : verb.start].strip() == "," and names_in_commas(text, ref, refs):
            return Attribution("named", name=ref.name)
        if gap_is_transparent(text, ref.end, verb.start):
            return Attribution("named", name=ref.name)
        # Only the nearest one can be the subject, unless the gap to an earlier one is an
        # appositive it sits in ("Ames, who served under Lyle, said"): then that one is.
    return None


def _from_source(source: Source | None) -> Attribution | None:
    if source is None:
        return None
    return Attribution(source.kind, phrase=source.phrase, position=source.start)  # type: ignore[arg-type]


def _subject_before(
    text: str,
    verb: SpeechVerb,
    people: Sequence[PersonRef],
    quotes: QuoteIndex,
    actors: Sequence[PersonRef] = (),
    before: str = "",
) -> Attribution | None:
    """The subject written before the verb; ``before`` is ``_word_before`` the verb."""
    named = _named_before(text, verb, people, quotes)
    named = named or _named_before(text, verb, actors, quotes, True)
    if named is not None:
        return named
    relative = _relative_pronoun(text, verb)
    if relative is not None:
        return _antecedent(text, relative, verb, people, quotes, actors)
    compound = compound_subject(text, verb.start, people)
    if compound is not None:
        return Attribution("named", name=compound)
    window_start = max(0, verb.start - MAX_GAP)
    # A pronoun subject: "he told reporters", "she also cautions".
    last_pronoun = None
    for match in _PRONOUN_BEFORE_RE.finditer(text, window_start, verb.start):
        last_pronoun = match
    if (
        last_pronoun is not None
        and not quotes.inside(last_pronoun.start())
        and gap_is_transparent(text, last_pronoun.end(), verb.start)
    ):
        return Attribution(
            "pronoun", pronoun=last_pronoun.group(1).casefold(), position=last_pronoun.start()
        )
    # An unnamed subject: "Analysts say", "critics argue", "US officials said".
    word = _subject_word(text, window_start, verb.start)
    spoken_for = spokesperson_of(text, word, actors) if word else None
    if spoken_for is not None and gap_is_transparent(text, word[2], verb.start):  # type: ignore[index]
        return Attribution("named", name=spoken_for)
    if (
        word
        and word[0].casefold() in ANONYMOUS_SUBJECTS
        and not (word[0][0].isupper() and word[1] > 0)  # ("Institute for Fiscal Studies")
        and gap_is_transparent(text, word[2], verb.start)
    ):
        if word[0].casefold() in _PERSONAL_PRONOUNS:  # "I think", "they say": not anonymous
            return Attribution("unresolved", phrase=word[0], position=word[1])
        return Attribution("unnamed", phrase=word[0])
    quantifier = _quantifier_subject(text, verb)
    if quantifier is not None:
        return quantifier
    if (
        word
        and HYPHENED_SURNAME_RE.fullmatch(word[0])
        and gap_is_transparent(text, word[2], verb.start)
    ):
        return Attribution("unresolved", phrase=word[0], position=word[1])  # "al-Sisi said"
    if quotes.inside(max(0, verb.start - 2)):
        return None  # right after a quotation: the subject, if any, comes after the verb
    progressive = _PROGRESSIVE_RE.search(text, max(0, verb.start - 30), verb.start)
    return _from_source(source_before(text, progressive.start() if progressive else verb.start))


# A quantifier standing alone as the subject ("few believe", "Both want", "each recognized",
# "Another notes", "two in three said"): an unnamed part of a group the sentence names.
# The plural ones take a verb without "-s"; after one with "-s" ("some claims", "most
# reports") or a base form that is a noun too ("some support"), the "verb" is a noun.
_PLURAL_QUANTIFIERS = word_set("few both most many some several others all")
_SINGULAR_QUANTIFIERS = word_set("each another none")
_QUANTIFIER_RE = re.compile(
    r"(?:^|[,;:(—–]|\b(?:[Bb]ut|[Aa]nd|[Yy]et|while|though|that|because|as|so|[Ss]till))"
    r"\s*((?:[Nn]o one|[A-Za-z]+ in [a-z]+|[Aa]ll but [a-z]+|[A-Za-z]+ others|[A-Za-z]+))"
    r"\s+(?:[a-z]+ly\s+|also\s+|have\s+|had\s+|has\s+)?$"
)


def _quantifier_subject(text: str, verb: SpeechVerb) -> Attribution | None:
    if verb.start < 3 or verb.word in BASE_NOUNS:
        return None
    match = _QUANTIFIER_RE.search(text, max(0, verb.start - 30), verb.start)
    if match is None:
        return None
    phrase = match.group(1)
    last = phrase.rsplit(None, 1)[-1].casefold()
    first = phrase.split()[0].casefold()
    if last == "others" and first != "others" and first not in _NUMBERS:
        return None  # ("Two others said"; not "the others")
    if phrase.casefold().startswith("all but "):
        singular = False
    elif " in " in phrase:  # "two in three", "one in five"
        singular = False
        if not (phrase.split()[0].casefold() in _NUMBERS and last in _NUMBERS):
            return None
    elif last in _PLURAL_QUANTIFIERS:
        singular = False
    elif last in _SINGULAR_QUANTIFIERS or phrase.casefold() == "no one":
        singular = True
    else:
        return None
    if not singular and verb.word.endswith("s") and not verb.word.endswith("ss"):
        return None
    return Attribution("unnamed", phrase=phrase, position=match.start(1))


_NUMBERS = word_set("one two three four five six seven eight nine ten")


# "is demanding", "has been urging": the subject phrase ends before the auxiliary.
_PROGRESSIVE_RE = re.compile(r"\s(?:is|are|was|were|has been|have been|had been)\s+(?:\w+ly\s+)?$")


_RELATIVE_RE = re.compile(r"\b(?:who|which|that)\b")


def _relative_pronoun(text: str, verb: SpeechVerb) -> int | None:
    """Where a relative pronoun subject of the verb starts ("Ames, who has long argued",
    "the ministry, which denied", "a group that opposes"), or None."""
    window = max(0, verb.start - 60)
    if "wh" not in text[window : verb.start] and "that" not in text[window : verb.start]:
        return None  # (the common case, checked without a regex)
    last = None
    for match in _RELATIVE_RE.finditer(text, window, verb.start):
        last = match
    if last is None or not gap_is_transparent(text, last.end(), verb.start):
        return None
    if last.group() == "that" and not text[: last.start()].rstrip()[-1:].isalpha():
        return None  # ("…, that said": after punctuation "that" is no relative pronoun)
    return last.start()


def _antecedent(
    text: str,
    at: int,
    verb: SpeechVerb,
    people: Sequence[PersonRef],
    quotes: QuoteIndex,
    actors: Sequence[PersonRef],
) -> Attribution | None:
    """The relative pronoun's antecedent: the name or the noun phrase right before it."""
    pronoun = SpeechVerb(at, at, verb.word, False, False)
    found = _named_before(text, pronoun, people, quotes)
    found = found or _named_before(text, pronoun, actors, quotes, True)
    if found is not None or quotes.inside(max(0, at - 2)):
        return found
    return _from_source(source_before(text, len(text[:at].rstrip().rstrip(","))))


def _subject_after(
    text: str,
    verb: SpeechVerb,
    people: Sequence[PersonRef],
    quotes: QuoteIndex,
    actors: Sequence[PersonRef] = (),
) -> Attribution | None:
    """Inversions: "…,” said Rubio", "warns Andrea Kendall-Taylor", "according to X"."""
    if not (verb.inverted_ok or verb.word == "according to"):
        return None
    named = _named_after(text, verb, people) or _named_after(text, verb, actors)
    if named is not None:
        return named
    if verb.word != "according to":
        after = text[verb.end : verb.end + 12].lstrip().casefold()
        for pronoun in ("he", "she"):
            if after.startswith(pronoun) and not after[len(pronoun) : len(pronoun) + 1].isalpha():
                return Attribution("pronoun", pronoun=pronoun, position=verb.end)
    if quotes.inside(verb.end + 1):
        return None
    return _from_source(source_after(text, verb.end, verb.word == "according to"))


def _named_after(text: str, verb: SpeechVerb, refs: Sequence[PersonRef]) -> Attribution | None:
    for person in refs:
        if person.start < verb.end:
            continue
        gap = text[verb.end : person.start]
        # The subject must close the clause: "…,” said Rubio." but not "insist Trump wants".
        following = _FOLLOWING_WORD_RE.match(text, person.end)
        closes = text[person.end : person.end + 1] in ("", ",", ".", ";", ":", "—", "–", ")") or (
            following is not None and following.group(1).casefold() in _CLAUSE_ENDERS
        )
        if closes and (
            (len(gap) <= 6 and gap.strip().casefold() in ("", "the", ","))
            or _DESCRIBED_BEFORE_RE.fullmatch(gap)  # "…,” said one farmer, Ana Roux, 58."
        ):
            return Attribution("named", name=person.name)
        break
    return None


_DESCRIBED_BEFORE_RE = re.compile(
    r"\s+(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]he)\s+[^,;:()“”\"—–]{1,60},\s+"
)


_PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "it", "they", "one"})
# Reports and stances whose passive names the source after "by" (not "was found by a
# farmer", "was told by police").
_PASSIVE_REPORTS = word_set(
    "reported endorsed supported backed praised criticized criticised condemned welcomed "
    "rejected disputed denied confirmed announced described opposed mentioned cited "
    "questioned challenged dismissed slammed blasted"
)
_BY_RE = re.compile(r"(?: [a-z]+ly)? by ")


def _passive_agent(
    text: str,
    verb: SpeechVerb,
    people: Sequence[PersonRef],
    quotes: QuoteIndex,
    actors: Sequence[PersonRef],
) -> Attribution | None:
    """The agent of a passive speech verb: "was endorsed by the Daily Courier", "is backed
    by most unions"."""
    by = _BY_RE.match(text, verb.end) if verb.word in _PASSIVE_REPORTS else None
    if by is None or quotes.inside(by.end()):
        return None
    for ref in (*people, *actors):
        if ref.start == by.end() and not ref.possessive:
            return Attribution("named", name=ref.name)
    return _from_source(source_after(text, by.end()))


def find_attribution(
    text: str,
    people: Sequence[PersonRef],
    quotes: QuoteIndex | None = None,
    actors: Sequence[PersonRef] = (),
    verbs: Sequence[SpeechVerb] | None = None,
) -> Attribution | None:
    """Who ``text`` attributes its content to, from its first speech verb outside quotations
    that has a recognisable subject. ``people`` are the person mentions, sorted by offset;
    ``verbs`` the sentence's ``speech_verbs`` if the caller has them."""
    if quotes is None:
        quotes = QuoteIndex(quote_regions(text))
    if verbs is None:
        verbs = speech_verbs(text, quotes)
    closing = _closing_source(text, people, quotes, actors, verbs)
    if closing is not None:
        return closing
    fallback = None
    for verb in verbs:
        before = word_before(text, verb)
        source = _as_reported(text, verb) if before == "as" else None
        if source is not None and (found := _subject_after(text, source, people, quotes, actors)):
            return found  # "As stated in the council's report, …": that report
        if not_speech(text, verb, before):
            if before in BE or before == "been":  # "was first reported by the Courier"
                found = _passive_agent(text, verb, people, quotes, actors)
                if found is not None:
                    return found
            continue
        if verb.participle:
            # "…, asking, “…”": the participle's subject is the sentence's subject.
            found = (
                _sentence_subject(text, verb, people, quotes)
                or _subject_before(text, verb, people, quotes, actors, before)
                or _opening_source(text, verb, quotes)
            )
        elif verb.word == "according to":
            found = _subject_after(text, verb, people, quotes, actors)
        elif before in ("and", "but", "to"):
            # "She paid the loans, but said …", "He took to Twitter to announce …": the
            # subject of the sentence's first verb.
            found = (
                _sentence_subject(text, verb, people, quotes)
                or _sentence_subject(text, verb, actors, quotes)
                or _opening_source(text, verb, quotes)
            )
        else:
            found = _subject_before(text, verb, people, quotes, actors, before) or _subject_after(
                text, verb, people, quotes, actors
            )
        if found is None or noun_after_singular(text, verb, before, found.kind, found.phrase):
            continue
        if in_leading_clause(text, verb) or _is_weak(found) or in_aside(text, verb):
            # ("When Acme signaled a deal, Ames said …", "A message posted on Friday …, Ames
            # said"): a later verb may have the sentence's source.
            fallback = fallback or found
            continue
        return found
    return fallback


def _closing_source(
    text: str,
    people: Sequence[PersonRef],
    quotes: QuoteIndex,
    actors: Sequence[PersonRef],
    verbs: Sequence[SpeechVerb],
) -> Attribution | None:
    """ "Putin told Xi the West was to blame, Ushakov said.": the clause that closes the
    sentence names its source; the verbs before it are what that source reported."""
    if len(verbs) < 2 or not closing_clause(text, verbs):
        return None
    found = find_attribution(text, people, quotes, actors, verbs[-1:])
    return found if found is not None and _names_a_source(found) else None


_AS_REPORTED_RE = re.compile(r"\s+(?:in|by)\b")


def _as_reported(text: str, verb: SpeechVerb) -> SpeechVerb | None:
    """ "As reported by Reuters", "as stated in the filing": the source after "in"/"by",
    read as "according to" reads its own."""
    if not verb.word.endswith(("ed", "said", "written", "shown")):
        return None
    lead = _AS_REPORTED_RE.match(text, verb.end)
    return verb._replace(end=lead.end(), word="according to") if lead else None


def _names_a_source(found: Attribution) -> bool:
    """A person, a group or an organisation, not a thing ("the footage showed"), nor a
    pronoun (in a long sentence "he" may be anyone it names)."""
    if found.kind == "pronoun":
        return False
    if found.kind == "description":
        return is_speaker_noun(found.phrase.split()[-1])
    return not _is_weak(found)


def _is_weak(found: Attribution) -> bool:
    """An unresolved source that names nobody ("a Facebook message")."""
    return found.kind == "unresolved" and source_name(found.phrase) is None


def _opening_source(text: str, verb: SpeechVerb, quotes: QuoteIndex) -> Attribution | None:
    """The unnamed or described source the sentence opens with ("Local officials met …,
    saying"), when the verb has no subject of its own."""
    if quotes.inside(0):
        return None
    return _from_source(source_at_start(text, verb.start))


_LEADING_PRONOUN_RE = re.compile(r"\W*(?:\w+\s+){0,2}?(He|She|he|she)\b")


def _sentence_subject(
    text: str, verb: SpeechVerb, refs: Sequence[PersonRef], quotes: QuoteIndex
) -> Attribution | None:
    """The sentence's subject, for a participle or a second verb: its first mention before
    the verb outside quotations, or a "he"/"she" among its first words."""
    for ref in refs:
        if ref.start >= verb.start:
            break
        if not ref.possessive and not quotes.inside(ref.start):
            return Attribution("named", name=ref.name)
    lead = _LEADING_PRONOUN_RE.match(text)
    if lead is not None and lead.start(1) < verb.start and not quotes.inside(lead.start(1)):
        return Attribution("pronoun", pronoun=lead.group(1).casefold(), position=lead.start(1))
    return None
