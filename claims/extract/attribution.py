"""Quotations and who said them.

Pure and linear: every scan here walks the text once (or a bounded window of it), so a
paragraph with thousands of quote marks costs no more than one with none.

Three questions are answered for a claim:

* where its quotations are (``quote_regions``) and whether one is a real *direct quotation*
  rather than a scare-quoted word (``has_direct_quote``);
* who the attribution names (``find_attribution``): "Bolton says", "said Rubio", "warns
  Andrea Kendall-Taylor", "according to X", "X, a former official, argued that …";
* who a pronoun attribution ("he said", "she cautions") points back to (``SpeakerContext``).

Unnamed sources ("Analysts say", "critics argue", "officials said") are recognised too, so
that they give *no* speaker rather than the nearest name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .lexicon import word_set

# --- Quotations ------------------------------------------------------------------------------

_QUOTE_CHAR_RE = re.compile(r"[“”«»\"]")
_OPENERS = frozenset("“«")
_CLOSERS = frozenset("”»")


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the end of the text if unclosed)
    closed: bool

    def content(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1 if self.closed else self.end]


def quote_regions(text: str) -> list[QuoteRegion]:
    """The outermost quotations of ``text``, in order and never overlapping.

    Curly quotes nest; a stray closing mark is ignored; straight double quotes toggle (and are
    ignored inside a curly quotation, where they can only be nested quotes). An opening mark
    that is never closed runs to the end of the text: that is how a quotation continuing into
    the next paragraph is written.
    """
    regions: list[QuoteRegion] = []
    depth = 0
    curly_start = -1
    straight_start = -1
    for match in _QUOTE_CHAR_RE.finditer(text):
        ch = match.group()
        pos = match.start()
        if ch == '"':
            if depth:
                continue
            if straight_start < 0:
                straight_start = pos
            else:
                regions.append(QuoteRegion(straight_start, pos + 1, True))
                straight_start = -1
        elif straight_start >= 0:
            continue  # curly marks inside a straight quotation are nested quotes
        elif ch in _OPENERS:
            if depth == 0:
                curly_start = pos
            depth += 1
        elif depth:  # a closer with something open
            depth -= 1
            if depth == 0:
                regions.append(QuoteRegion(curly_start, pos + 1, True))
    if depth:
        regions.append(QuoteRegion(curly_start, len(text), False))
    elif straight_start >= 0:
        regions.append(QuoteRegion(straight_start, len(text), False))
    return regions


class QuoteIndex:
    """Answers "is this offset inside a quotation?" in O(log n)."""

    def __init__(self, regions: Sequence[QuoteRegion]) -> None:
        self.regions = list(regions)
        self._starts = [r.start for r in self.regions]

    def inside(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self.regions[i].start <= pos < self.regions[i].end

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, end - 1) - 1
        return i >= 0 and self.regions[i].end > start


# A quoted phrase right after one of these is a term or a compound modifier ("a “peace
# through strength” doctrine"), not words someone is being quoted as saying.
_TERM_DETERMINERS = word_set(
    "a an the his her its their our your my this that these those so-called such"
)
_WORD_BEFORE_RE = re.compile(r"([\w-]+)\s*$")
# At least this many words make a quotation; one or two quoted words are scare quotes.
MIN_QUOTE_WORDS = 3


def is_direct_quote(text: str, region: QuoteRegion) -> bool:
    if not region.closed:
        return False
    content = region.content(text).strip()
    words = content.split()
    if len(words) < 2:
        return False
    if len(words) < MIN_QUOTE_WORDS and not content.endswith((",", ".", "?", "!")):
        return False
    before = _WORD_BEFORE_RE.search(text, max(0, region.start - 40), region.start)
    # "a “peace through strength” doctrine" is a named idea, not an utterance.
    return not (
        before and before.group(1).casefold() in _TERM_DETERMINERS and content[-1:].isalnum()
    )


def has_direct_quote(text: str, regions: Sequence[QuoteRegion] | None = None) -> bool:
    """Whether ``text`` quotes someone directly: a closed quotation of a few words at least."""
    if regions is None:
        regions = quote_regions(text)
    return any(is_direct_quote(text, r) for r in regions)


# --- Speech verbs ----------------------------------------------------------------------------

# Finite forms: "Bolton says", "said Rubio", "she cautions". Kept to verbs that report what
# someone said or publicly holds; "thinks", "hopes", "wants" are states, not statements.
_FINITE = (
    "say says said tell tells told assert asserts asserted argue argues argued warn warns "
    "warned caution cautions cautioned explain explains explained remark remarks remarked "
    "add adds added note notes noted insist insists insisted claim claims claimed state "
    "states stated write writes wrote tweet tweets tweeted declare declares declared "
    "lament laments lamented believe believes believed urge urges urged ask asks asked "
    "reply replies replied respond responds responded acknowledge acknowledges acknowledged "
    "admit admits admitted stress stresses stressed emphasize emphasizes emphasized "
    "emphasise emphasises emphasised announce announces announced recall recalls recalled "
    "observe observes observed predict predicts predicted concede concedes conceded counter "
    "counters countered conclude concludes concluded vow vows vowed promise promises "
    "promised pledge pledges pledged deny denies denied confirm confirms confirmed "
    "criticize criticizes criticized criticise criticises criticised lambast lambasts "
    "lambasted accuse accuses accused contend contends contended describe describes "
    "described complain complains complained testify testifies testified expressed "
    "calls called suggest suggests suggested told"
)
# Participles open a clause about the sentence's subject: "Bergmann …, asking, “…”".
_PARTICIPLES = (
    "saying telling asserting arguing warning cautioning explaining adding noting insisting "
    "claiming writing declaring asking replying acknowledging admitting stressing "
    "emphasizing emphasising announcing recalling observing predicting conceding "
    "countering concluding vowing promising pledging denying confirming criticizing "
    "criticising accusing contending describing complaining calling suggesting"
)
FINITE_VERBS = word_set(_FINITE)
PARTICIPLE_VERBS = word_set(_PARTICIPLES)
SPEECH_VERBS = FINITE_VERBS | PARTICIPLE_VERBS


def _whole_word_re(words: Iterable[str]) -> re.Pattern[str]:
    r"""``\b(?:word|word|…)\b``, written so the regex engine can scan for a first letter in C
    instead of trying every position: the alternatives grouped by first letter, each letter
    followed by a look-behind (one character wider) that says what ``\b`` said before it.
    (Which alternative comes first does not matter: two whole words cannot both match at
    one place.)"""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    groups = (
        f"{re.escape(first)}(?<!\\w.)(?:{'|'.join(rests)})" for first, rests in by_first.items()
    )
    return re.compile(f"(?:{'|'.join(groups)})\\b")


# Case-sensitive on purpose: "State" in "Secretary of State" is not the verb "state".
_SPEECH_VERB_RE = _whole_word_re(SPEECH_VERBS | {"according to", "According to"})

# Words that may stand between a subject and its verb: "Bolton, however, warns", "Trump has
# repeatedly vowed", "he also told".
_GAP_WORDS = word_set(
    "has have had is was were are will would has also again already repeatedly publicly "
    "privately openly bluntly later previously then recently once since still however "
    "too even further reportedly frequently often quickly swiftly flatly firmly "
    "explicitly separately earlier subsequently simply just only never not did does do "
    "himself herself themselves then has since emphatically confidently angrily "
    "cautiously sharply"
)
# "of the Wilson Center", "at Goldman Sachs", "from Colorado": small words an organisation or
# place name may contain.
_ORG_CONNECTIVES = word_set("for and of on the a an in & de du la")
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
# Plural or generic subjects: an attribution to them names nobody.
_UNNAMED_SUBJECTS = word_set(
    "analysts analyst officials official critics critic experts expert sources source "
    "observers diplomats diplomat people they some many others lawmakers legislators "
    "economists commentators reports report insiders aides aide spokesman spokeswoman "
    "spokesperson residents witnesses scholars researchers studies polls pundits "
    "supporters opponents activists voters leaders allies partners administration "
    "government ministry officers authorities we you i it one"
)
_WORD_RE = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w.,]*")

_MAX_GAP = 240  # characters: past that a "subject" is too far from its verb to be one


@dataclass(frozen=True, slots=True)
class SpeechVerb:
    start: int
    end: int
    word: str  # lowercased
    participle: bool
    inverted_ok: bool  # may be followed by its subject ("…,” said Rubio)


_LETTERS_RE = re.compile(r"[A-Za-z]+")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_VERBS_AND_ACCORDING = SPEECH_VERBS | {"according", "According"}


def _whole_words(text: str, words: set[str]) -> list[tuple[int, str]]:
    """(offset, word) of every occurrence of ``words`` in ``text`` as a whole ``_LETTERS_RE``
    word (no ASCII letter either side), in order: what iterating over the text's words and
    keeping these would give, but with ``str.find`` doing the walking."""
    found = []
    for word in words:
        size = len(word)
        pos = text.find(word)
        while pos >= 0:
            after = pos + size
            if not (pos and text[pos - 1] in _ASCII_LETTERS) and text[after : after + 1] not in (
                _ASCII_LETTERS
            ):
                found.append((pos, word))
            pos = text.find(word, pos + 1)
    found.sort()
    return found


def speech_verbs(text: str, quotes: QuoteIndex | None = None) -> list[SpeechVerb]:
    """Speech verbs of ``text`` outside quotations (a verb inside a quote is the speaker's).

    A scan of words and a set lookup rather than one big alternation: linear with a small
    constant, even on a megabyte-long "sentence"."""
    found: list[SpeechVerb] = []
    words = set(_LETTERS_RE.findall(text))  # C-speed; most sentences have no speech verb
    present = words & _VERBS_AND_ACCORDING
    if not present:
        return found
    for start, word in _whole_words(text, present):
        end = start + len(word)
        if word in ("according", "According"):
            if not text.startswith(" to", end) or text[end + 3 : end + 4].isalnum():
                continue
            word, end = "according to", end + 3
        if (start and text[start - 1].isalnum()) or text[end : end + 1].isalnum():
            continue  # part of a longer token ("said2")
        if quotes is not None and quotes.inside(start):
            continue
        head = text[max(0, start - 3) : start].rstrip()
        found.append(
            SpeechVerb(
                start,
                end,
                word,
                word in PARTICIPLE_VERBS,
                inverted_ok=not head or head[-1] in ',”"»:;—–(',
            )
        )
    return found


def skip_org_phrase(text: str, pos: int, limit: int) -> int:
    """After "of"/"at"/"from": skip a capitalised name with its small connectives ("the
    Center for Strategic and International Studies"). Returns the offset after its last
    capitalised word, or ``pos`` if there is no such name."""
    end = pos
    cursor = pos
    for match in _WORD_RE.finditer(text, pos, limit):
        if text[cursor : match.start()].strip() not in ("", "(", ")"):
            break
        word = match.group()
        if word[0].isupper():
            end = match.end()
        elif word.casefold() not in _ORG_CONNECTIVES:
            break
        cursor = match.end()
    if end == pos:
        return pos
    # A trailing acronym in brackets: "(CNAS)".
    tail = re.match(r"\s*\([^()\s]{1,12}\)", text[end:limit])
    return end + tail.end() if tail else end


def gap_is_transparent(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` could separate a subject from its verb: nothing, adverbs
    and auxiliaries, an appositive between commas or dashes, a parenthesis, or an affiliation
    ("of the Wilson Center")."""
    if end - start > _MAX_GAP:
        return False
    pos = start
    while pos < end:
        ch = text[pos]
        if ch.isspace():
            pos += 1
            continue
        if ch in ",—–(":
            closer = ")" if ch == "(" else ch if ch != "," else ","
            close = text.find(closer, pos + 1, end)
            if close < 0 and ch in "—–":  # an em dash may close with the other dash
                close = text.find("—" if ch == "–" else "–", pos + 1, end)
            if close < 0:
                return False
            inner = text[pos + 1 : close]
            if any(q in inner for q in '“”"') or _SPEECH_VERB_RE.search(inner):
                return False
            pos = close + 1
            continue
        match = _WORD_RE.match(text, pos, end)
        if not match:
            return False
        word = match.group().casefold()
        if word in ("of", "at", "from"):
            after = skip_org_phrase(text, match.end(), end)
            if after == match.end():
                return False
            pos = after
            continue
        if word in _GAP_WORDS or (word.endswith("ly") and len(word) > 4):
            pos = match.end()
            continue
        return False
    return True


def speech_verb_after(text: str, pos: int) -> SpeechVerb | None:
    """The first speech verb within reach after ``pos`` whose subject could sit at ``pos``."""
    match = _SPEECH_VERB_RE.search(text, pos, pos + _MAX_GAP + 20)
    if not match or not gap_is_transparent(text, pos, match.start()):
        return None
    word = match.group().casefold()
    return SpeechVerb(match.start(), match.end(), word, word in PARTICIPLE_VERBS, False)


# --- Attribution -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person mention as attribution sees it (offsets into the claim text)."""

    start: int
    end: int
    name: str
    possessive: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    kind: Literal["named", "pronoun", "unnamed"]
    name: str | None = None  # for "named"
    pronoun: str = ""  # for "pronoun": "he" / "she"
    position: int = 0  # offset of the pronoun (for "pronoun")


# After an inverted subject ("writes Timothy Garton Ash in The Guardian") a preposition or a
# time word may follow; a verb may not ("insist Trump wants": Trump is not the speaker).
_CLAUSE_ENDERS = word_set(
    "in on at for from of to during after before last this yesterday today earlier later who"
)
_FOLLOWING_WORD_RE = re.compile(r" ([A-Za-z]+)\b")
_PRONOUN_BEFORE_RE = re.compile(r"\b([Hh]e|[Ss]he)\b")
_SUBJECT_WORD_RE = re.compile(r"([^\W\d_][\w'’-]*)\W*$")


def _subject_before(
    text: str, verb: SpeechVerb, people: Sequence[PersonRef], quotes: QuoteIndex
) -> Attribution | None:
    # A named subject: the nearest non-possessive person ending before the verb, with only
    # transparent words between ("Kendall-Taylor, a … expert at …, warns").
    for person in reversed(people):
        if person.end > verb.start:
            continue
        if person.possessive or quotes.inside(person.start):
            continue
        if gap_is_transparent(text, person.end, verb.start):
            return Attribution("named", name=person.name)
        break  # only the nearest one can be the subject
    window_start = max(0, verb.start - _MAX_GAP)
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
    word = _SUBJECT_WORD_RE.search(text, window_start, verb.start)
    if (
        word
        and word.group(1).casefold() in _UNNAMED_SUBJECTS
        and gap_is_transparent(text, word.end(1), verb.start)
    ):
        return Attribution("unnamed")
    return None


def _subject_after(
    text: str, verb: SpeechVerb, people: Sequence[PersonRef], quotes: QuoteIndex
) -> Attribution | None:
    """Inversions: "…,” said Rubio", "warns Andrea Kendall-Taylor", "according to X"."""
    if not (verb.inverted_ok or verb.word == "according to"):
        return None
    for person in people:
        if person.start < verb.end:
            continue
        gap = text[verb.end : person.start]
        # The subject must close the clause: "…,” said Rubio." but not "insist Trump wants".
        following = _FOLLOWING_WORD_RE.match(text, person.end)
        closes = text[person.end : person.end + 1] in ("", ",", ".", ";", ":", "—", "–", ")") or (
            following is not None and following.group(1).casefold() in _CLAUSE_ENDERS
        )
        if len(gap) <= 6 and gap.strip().casefold() in ("", "the", ",") and closes:
            return Attribution("named", name=person.name)
        break
    if verb.word == "according to":
        return None
    after = text[verb.end : verb.end + 12].lstrip().casefold()
    for pronoun in ("he", "she"):
        if after.startswith(pronoun) and not after[len(pronoun) : len(pronoun) + 1].isalpha():
            return Attribution("pronoun", pronoun=pronoun, position=verb.end)
    return None


def find_attribution(
    text: str,
    people: Sequence[PersonRef],
    quotes: QuoteIndex | None = None,
) -> Attribution | None:
    """Who ``text`` attributes its content to, from its first speech verb outside quotations
    that has a recognisable subject. ``people`` are the person mentions, sorted by offset."""
    if quotes is None:
        quotes = QuoteIndex(quote_regions(text))
    for verb in speech_verbs(text, quotes):
        if verb.participle:
            # "…, asking, “…”": the participle's subject is the sentence's subject.
            for person in people:
                if person.start >= verb.start:
                    break
                if not person.possessive and not quotes.inside(person.start):
                    return Attribution("named", name=person.name)
            found = _subject_before(text, verb, people, quotes)
        elif verb.word == "according to":
            found = _subject_after(text, verb, people, quotes)
        else:
            found = _subject_before(text, verb, people, quotes) or _subject_after(
                text, verb, people, quotes
            )
        if found is not None:
            return found
    return None


@dataclass(slots=True)
class SpeakerContext:
    """What a pronoun can refer back to: the people of the last few sentences, most recent
    sentence first. Kept by the pipeline as it walks the article in order."""

    # Per sentence: (speaker or None, people outside quotations in order of appearance).
    history: list[tuple[str | None, list[str]]] = field(default_factory=list)
    depth: int = 2  # how many earlier sentences a pronoun may reach back

    def push(self, speaker: str | None, people: list[str]) -> None:
        self.history.append((speaker, people))
        if len(self.history) > self.depth:
            del self.history[0]

    def resolve(self, people_before: Sequence[str]) -> str | None:
        """The referent of "he"/"she": the subject (first person outside quotations) earlier
        in the same sentence; else the previous sentence's speaker, then its subject; then
        the sentence before that.

        Gender is not checked: the pipeline has no reliable way to know it, and in news prose
        the most recent speaker or subject is the referent far more often than not.
        """
        if people_before:
            return people_before[0]
        for speaker, people in reversed(self.history):
            if speaker:
                return speaker
            if people:
                return people[0]
        return None
