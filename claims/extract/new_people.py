"""New people: capitalised-word runs a sentence introduces as a person (after a title or role,
in an appositive, before a speech verb...), as ``Candidate``s, with the vocabulary that
tells a name from a title, a role or an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .known_actors import KnownNameIndex
from .lexicon import FUNCTION_WORDS, WEEKDAYS
from .name_tokens import (
    CAP_PART_RE,
    JOINER_INITIALS,
    JOINER_RE,
    TITLE_HEADS,
    Part,
    fast_key,
    make_part,
    new_part,
    surname_key,
    word_shape,
)
from .names import normalize_name
from .not_people import not_a_person, portfolio_office
from .role_words import (
    BLOCKING_PREPOSITIONS,
    CONSTITUENCY_HEADS,
    LEADING_ROLE_WORDS,
    MONTH_WORDS,
    ORG_WORDS_CF,
    PARTICLES,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    TITLE_HEADS_CF,
)
from .speech import FINITE_VERBS, skip_org_phrase, speech_verb_after

# --- Vocabulary ------------------------------------------------------------------------------

_LIKE_WORDS = ("like", "including", "such as", "among them", "namely")
_LIKE_RE = re.compile(rf"\b(?:{'|'.join(_LIKE_WORDS)})\s*$")
# An inverted attribution names its speaker: "…,” said Rubio", ", writes Timothy Garton Ash".
_INVERTED_BEFORE_RE = re.compile(
    r"(?:[,”\"»]\s*(?:"
    + "|".join(sorted(FINITE_VERBS, key=len, reverse=True))
    + r")|\baccording to)\s+$"
)
_INVERTED_WORDS = (*FINITE_VERBS, "according to")

_ROLE_NOUN_ALT = "|".join(sorted((re.escape(n) for n in ROLE_NOUNS), key=len, reverse=True))
# "Trump’s special envoy, Steve Witkoff" / "the Kremlin’s envoy, X" / "his predecessor, X".
# The determiner may open the sentence ("The Energy Minister, X", "His wife, X"); the role
# may be capitalised and name what it is of ("The Labour MP for Leeds East, X", "The chief
# executive of Tesco, X", "The country's health minister, X").
_PRE_APPOSITIVE_RE = re.compile(
    r"(?:^|[\s(])((?:[A-Z][\w.-]*[’']s?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he|[Aa]n?)\s+"
    r"(?:[\w-]+[’']s\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?(?i:{_ROLE_NOUN_ALT})"
    r"(?:\s+(?:of|for|at|in|to)\s+(?:the\s+)?[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*){0,4})?)"
    r"\s*,\s*$"
)
_LEADING_DETERMINER_RE = re.compile(r"^(?:his|her|their|its|the|a|an)\s+", re.IGNORECASE)
# ", a transatlantic security expert at …," / "—a close associate of Putin …—"
_POST_APPOSITIVE_RE = re.compile(
    r"\s*(?:,|—|–|\s-)\s*(?:a|an|the)\s+([^,—–“”\"]{2,160}?)\s*(?:,|—|–|\.\s|\.$|$)"
)
_WHO_RE = re.compile(r"\s*(?:,|—|–)\s*(?:who|whose)\b")
_AGE_RE = re.compile(r",\s*\d{1,3},")
_PLACE_RE = re.compile(r"\s+of\s+([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})(?![\w’'-])")
_AFFILIATION_RE = re.compile(r"\s+(?:of|at|from)\s+(?:the\s+)?")

# --- New people ------------------------------------------------------------------------------


_INITIAL_RE = re.compile(r"(?:[A-Z]\.)+|[A-Z]{2}")


def _is_initial(core: str) -> bool:
    return bool(_INITIAL_RE.fullmatch(core))


@lru_cache(maxsize=65536)
def _name_word_ok(core: str) -> bool:
    """Whether a word (a part's core) can be part of a person's name. Cached: asked of every
    capitalised word of every sentence, and names recur."""
    folded = core.casefold()
    if folded in FUNCTION_WORDS or folded.rstrip(".") in MONTH_WORDS or folded in WEEKDAYS:
        return False
    if folded in TITLE_HEADS_CF or folded.rstrip(".") in ORG_WORDS_CF:
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
class SentenceAnalysis:
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
    joined = False  # whether any run took a particle or "of"
    for match in CAP_PART_RE.finditer(text):
        shape = word_shape(match.group())  # (make_part, inlined: this runs for every word)
        # ``cap`` says whether the word's first character, text[start], is a capital (a
        # cached answer: CAP_PART_RE also finds uncased and non-Latin lower-case words).
        if shape is None or not shape[2]:
            continue
        core, possessive, cap, dropped = shape
        start = match.start()
        end = match.end() - dropped
        if current:
            prev = current[-1]
            if not (start - prev.end == 1 and text[prev.end] == " " and not prev.possessive):
                runs.append(current)
                current = []
        current.append(new_part((start, end, core, possessive, cap)))
        if text[end + 1 : end + 2] in JOINER_INITIALS:  # (a joiner is one space after)
            size = len(current)
            _add_joiners(text, current)
            joined = joined or len(current) > size
    if current:
        runs.append(current)
    if not joined:
        return runs  # every part is a capitalised word
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
        match = JOINER_RE.match(text, last.end)
        if match is None:
            return
        word = match.group(1)
        surname = "-" in word  # ("al-Sisi": HYPHENED_SURNAME, a name's word)
        if not (
            surname
            or word in PARTICLES
            or (word == "of" and last.core.casefold() in TITLE_HEADS_CF)
            or (word == "the" and last.core == "of")
        ):
            return
        part = make_part(text, match.start(1), match.end())
        if part is None:
            return
        run.append(part._replace(cap=True) if surname else part)


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
        if proper_adjective or word in ROLE_MODIFIERS:
            start = word_start
        else:
            break
    return start, text[start : words[0][0] + len(words[0][1])]


def _modifiers_before(text: str, pos: int) -> int:
    """Lower-case modifiers before a title: "retired General", "former President"."""
    start = pos
    for word_start, word in _words_before(text, pos, 3):
        if word in ROLE_MODIFIERS and word[0].islower():
            start = word_start
        else:
            break
    return start


@lru_cache(maxsize=65536)
def _is_function_word(core: str) -> bool:
    return core.casefold() in FUNCTION_WORDS


@lru_cache(maxsize=65536)
def _is_title_head(core: str) -> bool:
    return core.casefold() in TITLE_HEADS_CF or core.split("-")[-1] in TITLE_HEADS


def _name_start(run: list[Part]) -> int:
    """Index of the run's first name part: after the last title head that leaves a name
    behind it ("US President | Donald Trump"), and after a title's "of" complement
    ("US Secretary of State | Marco Rubio")."""
    head = -1
    for i, part in enumerate(run[:-1]):
        if _is_title_head(part.core):
            head = i
        elif head == i - 1 and part.core.casefold() in LEADING_ROLE_WORDS and i < len(run) - 2:
            head = i  # a common word capitalised before a name: "Rival Ann Marsh"
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


def _name_parts(parts: list[Part]) -> list[Part]:
    """The parts of a run that make the name: cut at the first part that cannot be in a
    name ("Putin Thursday") or after a possessive, trailing particles dropped."""
    valid: list[Part] = []
    for part in parts:
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
    return valid


def _role_and_start(text: str, role_parts: list[Part], name_start: int) -> tuple[int, str]:
    """Where a mention starts and the role written before its name: the capitalised title
    words with their modifiers, else a role phrase ("American teacher"), else none."""
    if role_parts:
        # At most five words of role before the name; more is a headline.
        role_parts = role_parts[-5:]
        start = _modifiers_before(text, role_parts[0].start)
        return start, text[start : role_parts[-1].end]
    return _role_before(text, name_start) or (name_start, "")


def analyse_sentence(text: str, index: KnownNameIndex) -> SentenceAnalysis:
    analysis = SentenceAnalysis(text, [], [], [])
    for run in _runs(text):
        # Sentence-initial capitals of ordinary words are not names ("The", "But", "Yet").
        while run and _is_function_word(run[0].core):
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
        office = _portfolio_holder(text, run) if len(run) >= 3 else None
        if office is not None:  # "Minister for Housing | Darragh Byrne"
            start, role, valid = office
        else:
            name_at = _name_start(run)
            valid = _name_parts(run[name_at:])
            if not valid:
                analysis.loose.extend(p for p in run if _name_word_ok(p.core))
                continue
            start, role = _role_and_start(text, run[:name_at], valid[0].start)
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


def _portfolio_holder(text: str, valid: list[Part]) -> tuple[int, str, list[Part]] | None:
    """(start, role, name parts) when ``valid`` is a portfolio then a name after an office
    ("Minister for | Housing | Darragh Byrne"): the name is its last two words."""
    office = portfolio_office(text, valid[0].start)
    name = _name_parts(valid[-2:]) if office is not None else []
    if office is None or len(name) != 2:
        return None
    return office, text[office : valid[-3].end], name


def _make_candidate(
    text: str, valid: list[Part], start: int, role: str, index: KnownNameIndex
) -> Candidate | None:
    name_start = valid[0].start
    last = valid[-1]
    name_end = last.start + len(last.core)
    end = last.end
    key = normalize_name(text[name_start:name_end])
    if index.non_person(key):
        return None
    if not_a_person(text, start, [p.core for p in valid], bool(role)):
        return None
    strong = bool(role)
    after = text[end : end + 240]
    if not last.possessive:
        place = _PLACE_RE.match(after)
        if role and place and role.split()[-1].casefold() in CONSTITUENCY_HEADS:
            role = f"{role} ({place.group(1)})"
        elif not role:
            appositive = _POST_APPOSITIVE_RE.match(after)
            if appositive and any(
                w.casefold().strip("()’'") in ROLE_NOUNS for w in appositive.group(1).split()[:8]
            ):
                role = " ".join(appositive.group(1).split())
                strong = True
            elif _WHO_RE.match(after) or _AGE_RE.match(after):
                strong = True  # ("Ana Roos, who …", "Ana Roos, 43, lost her home")
            affiliation = _AFFILIATION_RE.match(after)
            if affiliation:
                org_start = end + affiliation.end()
                org_end = skip_org_phrase(text, org_start, min(len(text), org_start + 160))
                org = text[org_start:org_end]
                if org_end > org_start and any(
                    w.strip("()").rstrip(".").casefold() in ORG_WORDS_CF for w in org.split()
                ):
                    strong = True
                    role = role or org
            if not strong and speech_verb_after(text, end) is not None:
                strong = True
            elif not strong and _in_commas_before_speech(text, start, end):
                strong = True  # "Another parent, Glen Hatch, said …"
    if not role:
        before = text[max(0, start - 100) : start]
        # Each pattern ends with its last word or comma, then spaces: a test of how the
        # text ends rules it out before the regex engine tries every position of it.
        tail = before.rstrip()
        pre = _PRE_APPOSITIVE_RE.search(before) if tail.endswith(",") else None
        if pre:
            role = _LEADING_DETERMINER_RE.sub("", pre.group(1))
            strong = True
        elif (tail.endswith(_LIKE_WORDS) and _LIKE_RE.search(before)) or (
            tail.endswith(_INVERTED_WORDS) and _INVERTED_BEFORE_RE.search(before)
        ):
            strong = True
    word_before = _word_before(text, start)
    if word_before == "of" and not role and _affiliation(text, start, end):
        return None  # "Akiko Fujimoto of Mizuho Securities said": where she works
    blocked = word_before.casefold() in BLOCKING_PREPOSITIONS
    return Candidate(start, end, name_start, name_end, valid, role, strong, blocked, key)


def _in_commas_before_speech(text: str, start: int, end: int) -> bool:
    """Whether the name from ``start`` to ``end`` is set off by commas with a speech verb
    right after the closing one: an appositive naming who speaks."""
    return (
        text.startswith(",", end)
        and text[:start].rstrip().endswith(",")
        and speech_verb_after(text, end + 1) is not None
    )


def _affiliation(text: str, start: int, end: int) -> bool:
    """Whether the run at ``start`` (after "of") is where the full name before "of" works,
    that name being the subject of a speech verb after the run ("Akiko Fujimoto of Mizuho
    Securities said"; not "Supporters of Hillary Clinton", "The Making of Donald Trump")."""
    last = _word_before(text, start - 3)
    first = _word_before(text, start - 4 - len(last))
    return (
        last[:1].isupper()
        and first[:1].isupper()
        and first.casefold() not in FUNCTION_WORDS
        and speech_verb_after(text, end) is not None
    )


def _word_before(text: str, pos: int) -> str:
    """The word one space before ``pos`` (at most 40 characters), or "". What
    ``_words_before(text, pos, 1)`` finds when it is a plain word, without its regex: only
    compared with plain words."""
    if not pos or text[pos - 1] != " ":
        return ""
    cut = text.rfind(" ", max(0, pos - 41), pos - 1)
    if cut < 0 and pos > 41:
        return ""  # a "word" longer than 40 characters is not one
    return text[cut + 1 : pos - 1]
