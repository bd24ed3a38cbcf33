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

The work is done in two passes over the article's sentences (``PersonRegistry.build`` then
``find_mentions``) so that surname recurrence can be counted first. Both are linear.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .attribution import FINITE_VERBS, skip_org_phrase, speech_verb_after
from .lexicon import FUNCTION_WORDS, MONTHS, NAME_SUFFIXES, WEEKDAYS, word_set
from .names import normalize_name
from .types import ActorKind, ActorMention, KnownActor

# --- Vocabulary ------------------------------------------------------------------------------

# Capitalised titles that precede a name: the last one before the name is the role's head.
TITLE_HEADS = word_set(
    """President President-elect Secretary Secretary-General Senator Sen. Representative Rep.
    Congressman Congresswoman Governor Gov. Mayor Minister Chancellor King Queen Prince
    Princess Sheikh Emir Pope Ambassador Envoy Adviser Advisor Director Chairman Chairwoman
    Chair CEO Leader Speaker Spokesman Spokeswoman Spokesperson General Gen. Lt. Colonel Col.
    Admiral Adm. Commander Marshal Sergeant Sgt. Captain Capt. Major Maj. Judge Justice
    Prosecutor Commissioner Chief Mr. Mrs. Ms. Dr. Prof. Professor Sir Dame Lord Lady Rev.
    Father Patriarch Ayatollah Premier Deputy Lawmaker Negotiator Coordinator Administrator
    Attorney Treasurer Official Officer Founder Editor Anchor Diplomat Senators"""
)
_TITLE_HEADS_CF = frozenset(t.casefold() for t in TITLE_HEADS)
# Heads after which "of <Place>" names a constituency: "Senator John Kennedy of Louisiana".
_CONSTITUENCY_HEADS = word_set(
    "senator sen. representative rep. congressman congresswoman governor gov. mayor lawmaker"
)
# Lower-case role nouns: "American teacher Marc Fogel", "a … security expert at …".
ROLE_NOUNS = word_set(
    """teacher expert analyst envoy negotiator journalist spokesman spokeswoman spokesperson
    lawyer attorney banker economist businessman businesswoman oligarch activist commentator
    adviser advisor official diplomat ambassador minister president senator lawmaker leader
    chief founder chairman chairwoman director professor researcher reporter correspondent
    editor author historian general colonel commander aide candidate mayor governor judge
    prosecutor investor billionaire tycoon dissident scientist doctor soldier pilot singer
    actor player coach ceo politician strategist pollster columnist writer novelist
    filmmaker artist athlete entrepreneur executive owner secretary representative
    congressman congresswoman premier chancellor king queen prince princess hawk associate
    predecessor successor counterpart deputy ally rival critic supporter partner son
    daughter wife husband brother sister father mother cousin friend colleague confidant
    scholar fellow specialist consultant officer administrator coordinator head boss
    founder manager negotiator mediator representative envoy monarch dictator ruler
    president-elect nominee pick appointee veteran student"""
)
# Lower-case words that can be part of a role before its noun ("retired General",
# "former investment banker", "transatlantic security expert").
_ROLE_MODIFIERS = word_set(
    """former retired acting late then outgoing incoming interim deputy senior top chief
    special longtime long-time veteran ex newly elected current assistant associate
    executive principal lead leading prominent independent opposition security policy
    foreign military political investment transatlantic national energy defense defence
    intelligence campaign economic trade finance financial state federal regional local
    international global legal constitutional human rights nuclear climate health
    presidential congressional parliamentary royal crown vice"""
)
# Words that make a capitalised phrase an organisation or a place rather than a person.
ORG_WORDS = word_set(
    """Center Centre Institute Institution University College School Academy Council Committee
    Commission Department Ministry Agency Bureau Office Service Services Bank Fund Foundation
    Trust Association Union Federation Republic Kingdom Emirates Party Group Holdings Company
    Corporation Corp Corp. Inc Inc. Ltd Ltd. LLC Co Co. Partners Associates Advisors Advisers
    Capital Ventures Energy Media News Times Post Journal Press Network Television Radio
    Palace House Senate Congress Parliament Duma Assembly Court Army Navy Force Forces
    Guard Police Church Mosque Museum Hospital Airport Station Square Street Avenue Road
    Bridge Tower Stadium Hotel Park Island Islands River Lake Sea Ocean Gulf Bay Valley
    Mountains Peninsula Region Province State States County City District Coast Strait
    Canal War Wars Treaty Accords Agreement Act Plan Doctrine Summit Conference Forum
    Initiative Project Program Programme Day Week Games Cup Prize Award Studies Affairs
    Security Council Club Team Global International Reserve Exchange Market Markets
    Index Street Airlines Motors Industries Systems Technologies Oil Gas Petroleum"""
)
_ORG_WORDS_CF = frozenset(w.casefold().rstrip(".") for w in ORG_WORDS)
# First words of place names: "North Korea", "New York", "South Africa".
_PLACE_FORMERS = word_set(
    """north south east west northern southern eastern western central new upper lower great
    greater saint san santa los las el la le st. st mount fort port lake cape gulf"""
)
# Lower-case particles inside names: Ursula von der Leyen, Mohammed bin Salman.
PARTICLES = word_set(
    "von van der den de da das do dos du del della di la le bin bint ibn al el ben ter zu y"
)
_MONTH_WORDS = frozenset(MONTHS)
# A weak signal (surname recurrence) does not count after these: "a banker at Goldman Sachs".
_BLOCKING_PREPOSITIONS = word_set(
    """at in from near into across inside outside toward towards throughout within via aboard
    to on"""
)
_LIKE_RE = re.compile(r"\b(?:like|including|such as|among them|namely)\s*$")
# An inverted attribution names its speaker: "…,” said Rubio", ", writes Timothy Garton Ash".
_INVERTED_BEFORE_RE = re.compile(
    r"(?:[,”\"»]\s*(?:"
    + "|".join(sorted(FINITE_VERBS, key=len, reverse=True))
    + r")|\baccording to)\s+$"
)

_ROLE_NOUN_ALT = "|".join(sorted((re.escape(n) for n in ROLE_NOUNS), key=len, reverse=True))
# "Trump’s special envoy, Steve Witkoff" / "the Kremlin’s envoy, X" / "his predecessor, X".
_PRE_APPOSITIVE_RE = re.compile(
    r"(?:^|[\s(])((?:[A-Z][\w.-]*[’']s?|his|her|their|its|the|a|an)\s+"
    rf"(?:[a-z][\w-]*\s+){{0,3}}?(?:{_ROLE_NOUN_ALT}))\s*,\s*$"
)
# ", a transatlantic security expert at …," / "—a close associate of Putin …—"
_POST_APPOSITIVE_RE = re.compile(
    r"\s*(?:,|—|–|\s-)\s*(?:a|an|the)\s+([^,—–“”\"]{2,160}?)\s*(?:,|—|–|\.\s|\.$|$)"
)
_WHO_RE = re.compile(r"\s*(?:,|—|–)\s*(?:who|whose)\b")
_PLACE_RE = re.compile(r"\s+of\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})(?![\w’'-])")
_AFFILIATION_RE = re.compile(r"\s+(?:of|at|from)\s+(?:the\s+)?")

# --- Tokens ----------------------------------------------------------------------------------

# A word is one with internal apostrophes, periods and hyphens ("Kendall-Taylor", "U.S.",
# "O’Brien") and a possessive ("Trump’s", "Brussels’"): \w+(?:['’.\-]\w+)*['’]?\.? (linear:
# the separators are never word characters). Names and titles are read from two kinds of
# words, each starting where no word character, apostrophe, period or hyphen precedes it:
#
# * words not starting with an ASCII/Latin-1 lower-case letter (the exact test, str.isupper,
#   is applied afterwards). The first character is matched by a class, so the regex engine
#   scans for it in C; the look-behind comes after it, two characters wide, and so says the
#   same about the character before the word. Skipping the ordinary lower-case words up
#   front is what keeps a megabyte of prose cheap.
# * the lower-case particles and "of"/"the" that names and titles contain, only ever looked
#   for right after a word of a run (see _runs).
_CAP_PART_RE = re.compile(r"[^\Wa-zß-öø-ÿ0-9_](?<![\w'’.\-].)\w*(?:['’.\-]\w+)*['’]?\.?")
_JOINER_RE = re.compile(  # matched one space before the word
    r" (von|van|der|den|de|da|das|do|dos|du|del|della|di|la|le|bin|bint|ibn|al|el|ben|ter|zu|y|"
    r"of|the)(?![\w'’\-])"
)
# Known names and aliases are matched on words without hyphens ("U.S.-Russia": U.S., Russia).
_SUB_RE = re.compile(r"\w+(?:['’.]\w+)*['’]?\.?")
# The tokens of ``_SUB_RE.finditer`` that may start a name: all but those beginning with an
# ASCII lower-case letter, and "_" ones, which ``_make_part`` drops. A token starts where
# no word character precedes it, nor an apostrophe or period that itself follows one (it
# would have continued that token: "U.S", "O’Brien"). The class comes first, so the regex
# engine scans for it in C; the look-behinds after it, one character wider.
_SUB_START_RE = re.compile(r"[^\Wa-z_](?<!\w.)(?<!\w['’.].)\w*(?:['’.]\w+)*['’]?\.?")
_KEEP_PERIOD = frozenset(
    t.casefold().rstrip(".") for t in TITLE_HEADS if t.endswith(".")
) | word_set("jr sr st mt ft")


@lru_cache(maxsize=65536)
def surname_key(key: str) -> str:
    """The surname of a normalised full name: its last word, generational suffixes aside
    ("robert kennedy jr" -> "kennedy"). Cached: asked for every name of every sentence."""
    words = key.split()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    return words[-1] if words else ""


class Part(NamedTuple):
    """A word of a sentence as names are read. A named tuple rather than a frozen dataclass:
    a sentence makes dozens, and a frozen dataclass pays ``object.__setattr__`` per field."""

    start: int
    end: int  # including a possessive ending
    core: str  # without the possessive: "Trump" for "Trump’s"
    possessive: bool
    cap: bool  # the core starts with a capital letter


@lru_cache(maxsize=65536)
def _word_shape(word: str) -> tuple[str, bool, bool, int] | None:
    """(core, possessive, capitalised, characters dropped from the end) of a token as
    written, or None if it is not a word. Cached: the same words recur, in an article and
    across articles, and this is asked of every capitalised word."""
    dropped = 0
    if word.endswith("."):
        body = word[:-1]
        # Keep the period of an initial, an abbreviation or a title ("J.", "U.S.", "Gen.").
        if not (len(body) == 1 or "." in body or body.casefold() in _KEEP_PERIOD):
            word = body
            dropped = 1
    if not word or word[0] == "_":
        return None
    possessive = False
    core = word
    if word.endswith(("’s", "'s")) and len(word) > 2:
        core, possessive = word[:-2], True
    elif word.endswith(("’", "'")):
        core, possessive = word[:-1], True
    if not core:
        return None
    return core, possessive, core[:1].isupper(), dropped


def _make_part(text: str, start: int, end: int) -> Part | None:
    shape = _word_shape(text[start:end])
    if shape is None:
        return None
    core, possessive, cap, dropped = shape
    return Part(start, end - dropped, core, possessive, cap)


@lru_cache(maxsize=65536)
def fast_key(core: str) -> str:
    """``normalize_name`` for one word, with a fast path for plain ASCII."""
    if core.isascii():
        plain = core.replace(".", "").replace("'", "")
        if plain.isalnum():
            return plain.lower()
    return normalize_name(core)


# --- Known actors ----------------------------------------------------------------------------


_UNSEEN = object()
_Start = str | tuple[int, str, ActorKind] | None  # see ActorIndex.start


class ActorIndex:
    """Known actors by normalised name and alias, with the prefixes of multi-word names so
    that matching can stop as soon as no name can continue."""

    def __init__(self, known: Sequence[KnownActor] = ()) -> None:
        self.by_key: dict[str, KnownActor] = {}
        self.prefixes: set[str] = set()
        self.person_by_surname: dict[str, list[str]] = {}
        self.max_words = 1
        self._starts: dict[str, _Start] = {}
        self._add(known)

    def _add(self, known: Sequence[KnownActor]) -> None:
        for actor in known:
            for name in (actor.name, *actor.aliases):
                key = normalize_name(name)
                if not key:
                    continue
                self.by_key.setdefault(key, actor)
                words = key.split()
                self.max_words = max(self.max_words, min(len(words), 12))
                for i in range(1, len(words)):
                    self.prefixes.add(" ".join(words[:i]))
            if actor.kind == "person":
                key = normalize_name(actor.name)
                if len(key.split()) >= 2:
                    # A new list rather than an append: extended() shares these lists.
                    surname = surname_key(key)
                    names = self.person_by_surname.get(surname, [])
                    self.person_by_surname[surname] = [*names, actor.name]

    def extended(self, more: Sequence[KnownActor]) -> ActorIndex:
        """A new index of this one's actors followed by ``more``: what building it from all
        of them gives (actors are indexed in order; the first to claim a key keeps it),
        without indexing this one's again. This index is left as it was."""
        index = ActorIndex()
        index.by_key = dict(self.by_key)
        index.prefixes = set(self.prefixes)
        index.person_by_surname = dict(self.person_by_surname)
        index.max_words = self.max_words
        index._add(more)
        return index

    def start(self, word: str) -> _Start:
        """What a token (as ``_SUB_RE`` matched it) can start: None if no known name (it is
        not capitalised or a number, or not a name's first word); (length, name, kind) if the
        token alone is a match and no longer name can continue from it; else its key, to
        read on from. Memoised: the same capitalised words recur in every article."""
        found = self._starts.get(word, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        found = None
        shape = _word_shape(word)
        if shape is not None and (word[0].isupper() or word[0].isdigit()):
            core, possessive, _cap, dropped = shape
            key = fast_key(core)
            if key in self.prefixes and not possessive:
                found = key
            elif key in self.by_key and _alias_text_ok(word[: len(word) - dropped], key):
                actor = self.by_key[key]
                found = (len(word) - dropped, actor.name, actor.kind)
        if len(self._starts) >= 100_000:
            self._starts.clear()  # bounded, whatever the input
        self._starts[word] = found
        return found

    def person(self, key: str) -> KnownActor | None:
        actor = self.by_key.get(key)
        return actor if actor is not None and actor.kind == "person" else None

    def non_person(self, key: str) -> bool:
        actor = self.by_key.get(key)
        return actor is not None and actor.kind != "person"

    def unique_person_by_surname(self, key: str) -> str | None:
        names = self.person_by_surname.get(key, [])
        return names[0] if len(set(names)) == 1 else None


_INDEX_CACHE: list[tuple[Sequence[KnownActor], ActorIndex]] = []


def actor_index(known: Sequence[KnownActor]) -> ActorIndex:
    """The index for ``known``, reused while the caller passes the same sequence object
    (the importer passes one tuple per batch). When the importer has created actors, the
    tuple it passes next is the last one with them appended: the last index is then
    extended with them rather than rebuilt, which with thousands of known actors costs
    more than parsing the article."""
    for cached_known, index in _INDEX_CACHE:
        if cached_known is known:
            return index
    index = None
    for cached_known, cached in _INDEX_CACHE:
        done = len(cached_known)
        if (
            isinstance(known, tuple)
            and isinstance(cached_known, tuple)
            and len(known) > done
            and known[:done] == cached_known
        ):
            index = cached.extended(known[done:])
    if index is None:
        index = ActorIndex(known)
    _INDEX_CACHE[:] = [(known, index)]
    return index


def _alias_text_ok(text: str, key: str) -> bool:
    """A match must be written as a proper noun: capitalised, and a short alias in capitals
    ("US" and "U.S.", never the pronoun "us"; "EU", never "eu")."""
    if not text[:1].isupper() and not text[:1].isdigit():
        return False
    if len(key.replace(" ", "")) <= 3:
        letters = [ch for ch in text if ch.isalpha()]
        return all(ch.isupper() for ch in letters)
    return True


class _Span(NamedTuple):
    """A possible mention; a named tuple for the same reason as ``Part``."""

    start: int
    end: int
    name: str
    kind: ActorKind
    role: str = ""
    priority: int = 0  # higher wins between equally long overlapping spans


def _next_token(text: str, pos: int) -> tuple[Part, int] | None:
    """The next ``_SUB_RE`` token at or after ``pos`` (as ``_SUB_RE.finditer`` would go on
    from there) that ``_make_part`` keeps, with the offset its match ends at."""
    while True:
        match = _SUB_RE.search(text, pos)
        if match is None:
            return None
        part = _make_part(text, match.start(), match.end())
        if part is not None:
            return part, match.end()
        pos = match.end()


def _known_spans(text: str, index: ActorIndex) -> list[_Span]:
    by_key = index.by_key
    if not by_key:
        return []
    prefixes = index.prefixes
    starts = index.start
    spans = []
    # Only a capitalised (or numeric) token can start a known name; _SUB_START_RE finds the
    # _SUB_RE tokens that may, and skips the lower-case ones, which are most of a text. The
    # tokens after a start are read one by one, and only while a name can continue.
    for match in _SUB_START_RE.finditer(text):
        found = starts(match.group())
        if found is None:
            continue  # the usual case: no known name starts with this word
        first = match.start()
        if isinstance(found, tuple):  # "Russia", "NATO": one word, and nothing longer
            length, name, kind = found
            spans.append(_Span(first, first + length, name, kind, priority=1))
            continue
        key = found
        token = _make_part(text, first, match.end())
        if token is None:
            continue
        best: Part | None = None
        best_key = ""
        last, raw_end = token, match.end()
        while True:
            if key in by_key:
                best, best_key = last, key
            if key not in prefixes or last.possessive:
                break
            following = _next_token(text, raw_end)
            if following is None or text[last.end : following[0].start] not in (" ", "-"):
                break
            last, raw_end = following
            key = f"{key} {fast_key(last.core)}"
        if best is None:
            continue
        written = text[token.start : best.end]
        if not _alias_text_ok(written, best_key):
            continue
        actor = by_key[best_key]
        spans.append(_Span(token.start, best.end, actor.name, actor.kind, priority=1))
    return spans


# --- New people ------------------------------------------------------------------------------


_INITIAL_RE = re.compile(r"(?:[A-Z]\.)+|[A-Z]{2}")


def _is_initial(core: str) -> bool:
    return bool(_INITIAL_RE.fullmatch(core))


@lru_cache(maxsize=65536)
def _name_word_ok(core: str) -> bool:
    """Whether a word (a part's core) can be part of a person's name. Cached: asked of every
    capitalised word of every sentence, and names recur."""
    folded = core.casefold()
    if folded in FUNCTION_WORDS or folded.rstrip(".") in _MONTH_WORDS or folded in WEEKDAYS:
        return False
    if folded in _TITLE_HEADS_CF or folded.rstrip(".") in _ORG_WORDS_CF:
        return False
    if _is_initial(core):
        return True
    segments = core.split("-")
    for k, segment in enumerate(segments):
        if not segment:
            return False
        if segment[0].isupper():
            continue
        # "al-Assad": a lower-case particle may lead a hyphenated surname.
        if segment in PARTICLES and k + 1 < len(segments):
            continue
        return False
    letters = [ch for ch in core if ch.isalpha()]
    # All capitals past two letters is an acronym (NATO, CNAS), not a name.
    return bool(letters) and not (len(letters) > 2 and all(ch.isupper() for ch in letters))


@dataclass(slots=True)
class Candidate:
    """A possible person in one sentence."""

    start: int  # of the mention (role included when it precedes the name)
    end: int
    name_start: int
    name_end: int  # before any possessive
    name_parts: list[Part]
    role: str
    strong: bool  # introduced by a role, appositive, "like", affiliation or speech verb
    blocked: bool  # right after "at", "in", … (a place or an employer, not a person)
    key: str = ""

    @property
    def surname_key(self) -> str:
        return surname_key(self.key)

    @property
    def name(self) -> str:
        # Parts are single-space separated (that is what joined them into a run).
        return " ".join(p.core for p in self.name_parts)


@dataclass(slots=True)
class _SentenceAnalysis:
    text: str
    candidates: list[Candidate]  # two or more name parts
    singles: list[tuple[Part, str]]  # lone capitalised words (and their role, if any)
    loose: list[Part]  # name-like parts of runs that were not a person


def _runs(text: str) -> list[list[Part]]:
    """Maximal sequences of capitalised parts separated by single spaces, with particles
    between them and "of"/"of the" right after a title ("Secretary of State").

    Only capitalised words are searched for; the lower-case words that join them are looked
    for right after a run's last word. Anywhere else a lower-case word (or an uncased one,
    "中") could only end a run, and that is not needed: the next capitalised word is then
    not one space after the run's last word, so it starts a run of its own anyway."""
    runs: list[list[Part]] = []
    current: list[Part] = []
    for match in _CAP_PART_RE.finditer(text):
        start = match.start()
        if not text[start].isupper():
            continue
        part = _make_part(text, start, match.end())
        if part is None:
            continue
        if current:
            prev = current[-1]
            if not (start - prev.end == 1 and text[prev.end] == " " and not prev.possessive):
                runs.append(current)
                current = []
        current.append(part)
        _add_joiners(text, current)
    if current:
        runs.append(current)
    # Particles and "of" cannot end a run.
    cleaned = []
    for run in runs:
        while run and not run[-1].cap:
            run = run[:-1]
        if run:
            cleaned.append(run)
    return cleaned


def _add_joiners(text: str, run: list[Part]) -> None:
    """Extend ``run`` with the particles ("Ursula von der Leyen") and the "of"/"of the" after a
    title ("Secretary of State") that follow it, each one space after the run's last word."""
    while True:
        last = run[-1]
        if last.possessive:
            return
        match = _JOINER_RE.match(text, last.end)
        if match is None:
            return
        word = match.group(1)
        if not (
            word in PARTICLES
            or (word == "of" and last.core.casefold() in _TITLE_HEADS_CF)
            or (word == "the" and last.core == "of")
        ):
            return
        part = _make_part(text, match.start(1), match.end())
        if part is None:
            return
        run.append(part)


_PLAIN_WORD_RE = re.compile(r"[\w’'.-]+")


def _words_before(text: str, pos: int, limit: int = 5) -> list[tuple[int, str]]:
    """Up to ``limit`` words right before ``pos`` (nearest first), each separated by one
    space, stopping at punctuation."""
    words: list[tuple[int, str]] = []
    end = pos
    while len(words) < limit and end > 0 and text[end - 1] == " ":
        start = text.rfind(" ", max(0, end - 41), end - 1) + 1
        if start == 0 and end - 41 > 0:
            break  # a "word" longer than 40 characters is not one
        word = text[start : end - 1]
        if not word or not _PLAIN_WORD_RE.fullmatch(word):
            break
        words.append((start, word))
        end = start
    return words


def _role_before(text: str, pos: int) -> tuple[int, str] | None:
    """A lower-case role noun right before a name, with the modifiers before it: "American
    teacher Marc Fogel", "Kremlin critic Alexei Navalny". (Capitalised titles such as
    "retired General Keith Kellogg" are handled by ``_name_start``.)"""
    # The nearest word first, without _words_before: it is a role noun for few names. (A
    # role noun is a short plain word, so a longer or odd "word" fails the lookup alike.)
    if not pos or text[pos - 1] != " ":
        return None
    nearest = text[text.rfind(" ", max(0, pos - 41), pos - 1) + 1 : pos - 1]
    if nearest not in ROLE_NOUNS:
        return None  # (the role nouns are lower-case, so this also checks the case)
    words = _words_before(text, pos)
    start = words[0][0]
    for word_start, word in words[1:4]:
        proper_adjective = word[0].isupper() and word.casefold() not in FUNCTION_WORDS
        if proper_adjective or word in _ROLE_MODIFIERS:
            start = word_start
        else:
            break
    return start, text[start : words[0][0] + len(words[0][1])]


def _modifiers_before(text: str, pos: int) -> int:
    """Lower-case modifiers before a title: "retired General", "former President"."""
    start = pos
    for word_start, word in _words_before(text, pos, 3):
        if word in _ROLE_MODIFIERS and word[0].islower():
            start = word_start
        else:
            break
    return start


def _name_start(run: list[Part]) -> int:
    """Index of the run's first name part: after the last title head that leaves a name
    behind it ("US President | Donald Trump"), and after a title's "of" complement
    ("US Secretary of State | Marco Rubio")."""
    head = -1
    for i, part in enumerate(run[:-1]):
        if part.core.casefold() in _TITLE_HEADS_CF or part.core.split("-")[-1] in TITLE_HEADS:
            head = i
    if head < 0:
        return 0
    rest = run[head + 1 :]
    if rest and rest[0].core == "of":
        complement = rest[1:]
        if complement and complement[0].core == "the":
            complement = complement[1:]
        # The complement keeps what a name does not need: with three or more words left the
        # name is the last two ("State | Marco Rubio"), with two the last one ("State |
        # Rubio"), with one there is no name at all ("Secretary of State").
        if len(complement) >= 3:
            return len(run) - 2
        if len(complement) == 2:
            return len(run) - 1
        return len(run)
    return head + 1


def _analyse_sentence(text: str, index: ActorIndex) -> _SentenceAnalysis:
    analysis = _SentenceAnalysis(text, [], [], [])
    for run in _runs(text):
        # Sentence-initial capitals of ordinary words are not names ("The", "But", "Yet").
        while run and run[0].core.casefold() in FUNCTION_WORDS:
            run = run[1:]
        if not run:
            continue
        if len(run) == 1:
            # Most runs are one word ("Putin", "Russia"): no title, no name to cut, so what
            # the general case below does comes down to this.
            part = run[0]
            if _name_word_ok(part.core):
                before = _role_before(text, part.start)
                analysis.singles.append((part, before[1] if before else ""))
            continue
        if len(run) > 12:
            # A dozen capitalised words in a row is a title-cased headline, a table or junk,
            # not prose naming people; skipping it keeps pathological input cheap.
            continue
        name_at = _name_start(run)
        role_parts = run[:name_at]
        name_parts = run[name_at:]
        # Cut the name at the first part that cannot be in a name ("Putin Thursday").
        valid: list[Part] = []
        for part in name_parts:
            if part.core in PARTICLES and valid:
                valid.append(part)
                continue
            if not _name_word_ok(part.core):
                break
            valid.append(part)
            if part.possessive:
                break
        while valid and valid[-1].core in PARTICLES:
            valid.pop()
        if not valid:
            analysis.loose.extend(p for p in run if _name_word_ok(p.core))
            continue
        role = ""
        start = valid[0].start
        if role_parts:
            # At most five words of role before the name; more is a headline.
            role_parts = role_parts[-5:]
            start = _modifiers_before(text, role_parts[0].start)
            role = text[start : role_parts[-1].end]
        else:
            before = _role_before(text, valid[0].start)
            if before:
                start, role = before
        strong_parts = [p for p in valid if p.core not in PARTICLES]
        if len(strong_parts) == 1 or len(strong_parts) > 4:
            if len(strong_parts) == 1:
                analysis.singles.append((valid[0], role))
            else:
                analysis.loose.extend(strong_parts)
            continue
        first_core = strong_parts[0].core
        # "JD Vance" only after a title; otherwise two capitals are an acronym ("US").
        if (
            _is_initial(first_core)
            and len(first_core) == 2
            and (not role or index.non_person(fast_key(first_core)))
        ):
            valid = valid[1:]
            if len([p for p in valid if p.core not in PARTICLES]) < 2:
                if valid:
                    analysis.singles.append((valid[0], role))
                continue
        candidate = _make_candidate(text, valid, start, role, index)
        if candidate is None:
            analysis.loose.extend(p for p in valid if p.core not in PARTICLES)
        else:
            analysis.candidates.append(candidate)
    return analysis


def _make_candidate(
    text: str, valid: list[Part], start: int, role: str, index: ActorIndex
) -> Candidate | None:
    name_start = valid[0].start
    last = valid[-1]
    name_end = last.start + len(last.core)
    end = last.end
    key = normalize_name(text[name_start:name_end])
    first_folded = valid[0].core.casefold()
    if index.non_person(key):
        return None
    # Organisation words inside the name itself ("Diriyah Palace", "Air Force One").
    if any(p.core.rstrip(".").casefold() in _ORG_WORDS_CF for p in valid):
        return None
    strong = bool(role)
    if not role and first_folded in _PLACE_FORMERS:
        return None  # "North Korea", "New York"
    after = text[end : end + 240]
    if not last.possessive:
        place = _PLACE_RE.match(after)
        if role and place and role.split()[-1].casefold() in _CONSTITUENCY_HEADS:
            role = f"{role} ({place.group(1)})"
        elif not role:
            appositive = _POST_APPOSITIVE_RE.match(after)
            if appositive and any(
                w.casefold().strip("()’'") in ROLE_NOUNS for w in appositive.group(1).split()[:8]
            ):
                role = " ".join(appositive.group(1).split())
                strong = True
            elif _WHO_RE.match(after):
                strong = True
            affiliation = _AFFILIATION_RE.match(after)
            if affiliation:
                org_start = end + affiliation.end()
                org_end = skip_org_phrase(text, org_start, min(len(text), org_start + 160))
                org = text[org_start:org_end]
                if org_end > org_start and any(
                    w.strip("()").rstrip(".").casefold() in _ORG_WORDS_CF for w in org.split()
                ):
                    strong = True
                    role = role or org
            if speech_verb_after(text, end) is not None:
                strong = True
    if not role:
        before = text[max(0, start - 100) : start]
        pre = _PRE_APPOSITIVE_RE.search(before)
        if pre:
            role = re.sub(r"^(?:his|her|their|its|the|a|an)\s+", "", pre.group(1))
            strong = True
        elif _LIKE_RE.search(before) or _INVERTED_BEFORE_RE.search(before):
            strong = True
    words_before = _words_before(text, start, 1)
    blocked = bool(words_before) and words_before[0][1].casefold() in _BLOCKING_PREPOSITIONS
    return Candidate(start, end, name_start, name_end, valid, role, strong, blocked, key)


# --- The article's people --------------------------------------------------------------------


@dataclass(slots=True)
class Person:
    name: str
    role: str
    known: bool
    first_sentence: int
    last_full: int = -1  # last sentence (so far, in pass two) naming them in full


@dataclass(slots=True)
class PersonRegistry:
    """Everyone the article names as a person, with the role it gives them."""

    index: ActorIndex
    people: dict[str, Person] = field(default_factory=dict)  # normalised name → person
    by_surname: dict[str, list[str]] = field(default_factory=dict)  # surname key → keys
    analyses: list[_SentenceAnalysis] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # "von der leyen" → full key

    def lookup(self, key: str) -> Person | None:
        return self.people.get(self.aliases.get(key, key))

    @classmethod
    def build(cls, sentences: Sequence[str], index: ActorIndex) -> PersonRegistry:
        registry = cls(index)
        registry.analyses = [_analyse_sentence(s, index) for s in sentences]
        # How often each word stands alone as a capitalised word: "Putin" after "Vladimir
        # Putin" is what makes "Vladimir Putin" a person and "Goldman Sachs" not one.
        alone: Counter[str] = Counter()
        for analysis in registry.analyses:
            for part, _role in analysis.singles:
                alone[fast_key(part.core)] += 1
            for part in analysis.loose:
                alone[fast_key(part.core)] += 1
        pending_roles: dict[str, str] = {}
        weak: list[tuple[int, Candidate]] = []
        for i, analysis in enumerate(registry.analyses):
            for cand in analysis.candidates:
                known = index.person(cand.key)
                if known or cand.strong:
                    registry._add(cand, known, i)
                elif alone[cand.surname_key] > 0 and not cand.blocked:
                    weak.append((i, cand))
            for part, role in analysis.singles:
                if role:
                    pending_roles.setdefault(fast_key(part.core), role)
        # Recurrence alone is a weak sign: "Can Trump’s …" at the start of a question is not
        # a new person when the article has already introduced Donald Trump.
        for i, cand in weak:
            same_surname = registry.by_surname.get(cand.surname_key, [])
            if not same_surname or cand.key in same_surname:
                registry._add(cand, None, i)
        registry._merge_surname_people()
        # "President Trump" before or after "Donald Trump": the role belongs to him.
        for surname, role in pending_roles.items():
            keys = registry.by_surname.get(surname, [])
            if len(keys) == 1 and not registry.people[keys[0]].role:
                registry.people[keys[0]].role = role
            elif not keys:
                name = index.unique_person_by_surname(surname)
                known = index.person(surname)
                target = known.name if known else name
                if target:
                    registry._add_known(target, role)
        return registry

    def _add(self, cand: Candidate, known: KnownActor | None, sentence: int) -> None:
        name = known.name if known is not None else cand.name
        key = normalize_name(name)
        person = self.people.get(key)
        if person is None:
            self.people[key] = Person(name, cand.role, known is not None, sentence)
            self.by_surname.setdefault(surname_key(key), []).append(key)
        elif cand.role and not person.role:
            person.role = cand.role

    def _merge_surname_people(self) -> None:
        """ "Von der Leyen said …" made a person of its own; it is Ursula von der Leyen.
        A person whose whole name ends someone else's becomes an alias of them."""
        suffixes: dict[str, list[str]] = {}
        for key in self.people:
            words = key.split()
            for i in range(1, min(len(words), 4)):
                suffixes.setdefault(" ".join(words[i:]), []).append(key)
        for key in list(self.people):
            targets = [t for t in suffixes.get(key, []) if t != key]
            if len(targets) != 1:
                continue
            short, full = self.people.pop(key), self.people[targets[0]]
            full.role = full.role or short.role
            self.aliases[key] = targets[0]
            surname = surname_key(key)
            self.by_surname[surname] = [k for k in self.by_surname.get(surname, []) if k != key]

    def _add_known(self, name: str, role: str) -> None:
        key = normalize_name(name)
        if key not in self.people:
            self.people[key] = Person(name, role, True, 10**9)
            self.by_surname.setdefault(surname_key(key), []).append(key)

    def resolve_surname(self, key: str, sentence: int) -> Person | None:
        """A lone surname: the article's one person with it (or, if several, the one named
        in full most recently), else the one known person with it. ``key`` is the normalised
        word as written ("kendall taylor" for "Kendall-Taylor")."""
        keys = self.by_surname.get(surname_key(key), [])
        if len(keys) == 1:
            return self.people[keys[0]]
        if keys:
            recent = max(keys, key=lambda k: self.people[k].last_full)
            if self.people[recent].last_full >= 0:
                return self.people[recent]
            return None
        known = self.index.person(key)
        name = known.name if known else self.index.unique_person_by_surname(surname_key(key))
        if name:
            self._add_known(name, "")
            return self.people[normalize_name(name)]
        return None

    def roles(self) -> dict[str, str]:
        return {p.name: p.role for p in self.people.values()}


def find_mentions(
    registry: PersonRegistry, sentence_index: int, index: ActorIndex
) -> list[ActorMention]:
    """The actor mentions of one sentence (offsets into it), in order, never overlapping."""
    analysis = registry.analyses[sentence_index]
    text = analysis.text
    spans: list[_Span] = []
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
        spans.append(_Span(cand.start, cand.end, person.name, "person", person.role, 2))
    for part, role in analysis.singles:
        span = _single_span(registry, part, role, sentence_index)
        if span:
            spans.append(span)
    for part in analysis.loose:
        span = _single_span(registry, part, "", sentence_index)
        if span:
            spans.append(span)
    spans.extend(_known_spans(text, index))
    return _non_overlapping(text, spans)


def _single_span(
    registry: PersonRegistry, part: Part, role: str, sentence_index: int
) -> _Span | None:
    person = registry.resolve_surname(fast_key(part.core), sentence_index)
    if person is None:
        return None
    start = part.start
    if role:
        # "President Trump": the mention includes the title.
        start = max(0, part.start - len(role) - 1)
    return _Span(start, part.end, person.name, "person", person.role or role, 2)


def _non_overlapping(text: str, spans: list[_Span]) -> list[ActorMention]:
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
