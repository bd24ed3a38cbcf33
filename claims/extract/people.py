"""The article's people: the first pass over all sentences collects candidates into a
``PersonRegistry`` (full names, roles, surname recurrence) that mentions resolve against.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .known_actors import KnownNameIndex
from .lexicon import word_set
from .name_tokens import fast_key, surname_key
from .names import normalize_name
from .new_people import Candidate, SentenceAnalysis, analyse_sentence
from .pronouns import HONORIFIC_PRONOUNS
from .types import KnownActor

# Words of a description that say nothing of the role: "the", "his", "former", "Putin's".
_DESCRIPTION_SKIP = word_set(
    "the a an his her their its our this that former then current new top senior"
)
_POSSESSIVE_WORD_RE = re.compile(r"\S+(?:['’]s|s['’])(?=\s|$)")


# Titles written short before a name ("Gov. Ames"), as a description writes them out.
_ROLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "capt": "captain", "sgt": "sergeant",
    "supt": "superintendent", "atty": "attorney", "sec": "secretary", "prof": "professor",
    "insp": "inspector", "det": "detective", "adm": "admiral", "amb": "ambassador",
    "cmdr": "commander", "pres": "president",
    # One office, several words: "Justice Ann Roe" is "the judge" later.
    "justice": "judge", "magistrate": "judge",
}  # fmt: skip
# A rank of its own: "the chief minister" is not the Deputy Chief Minister.
_ROLE_QUALIFIERS = word_set("deputy vice assistant associate acting former junior under")
_ROLE_LINKS = word_set("of for on at in to")


def _role_fits(role: str, words: list[str]) -> bool:
    """Whether a person's ``role`` is what a description's ``words`` (normalised, without
    determiners) name: its head noun is the description's last word ("Minister of Power"
    is "the minister", "Gov." is "the governor"), every word of the description is in it,
    and it has no rank the description lacks ("Deputy Chief Minister")."""
    full = [_ROLE_ABBREVIATIONS.get(w, w) for w in normalize_name(role).split()]
    head = _head(full)
    # ("the Minister for Foreign Affairs" is a minister's description too)
    if head[-1] != _head(words)[-1] or not all(w in full for w in words):
        return False
    return not any(w in _ROLE_QUALIFIERS and w not in words for w in head)


def _head(words: list[str]) -> list[str]:
    """A role's words before its first link ("minister" of "minister for foreign affairs")."""
    for i, word in enumerate(words[1:], start=1):
        if word in _ROLE_LINKS:
            return words[:i]
    return words


def _description_words(description: str) -> list[str]:
    """The words of a description that say what it describes, normalised: "Putin's senior
    adviser" -> ["adviser"] (the owner, determiners and modifiers of rank dropped)."""
    owned = _POSSESSIVE_WORD_RE.sub(" ", description)
    words = normalize_name(owned).split()
    return [_ROLE_ABBREVIATIONS.get(w, w) for w in words if w not in _DESCRIPTION_SKIP]


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

    index: KnownNameIndex
    people: dict[str, Person] = field(default_factory=dict)  # normalised name → person
    by_surname: dict[str, list[str]] = field(default_factory=dict)  # surname key → keys
    analyses: list[SentenceAnalysis] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # "von der leyen" → full key
    # Lone words that named nobody (no one in the article or known with that surname); a
    # sentence's capitalised words recur ("Russia", "Moscow"). Cleared when a person is added.
    _nobody: set[str] = field(default_factory=set)

    def lookup(self, key: str) -> Person | None:
        return self.people.get(self.aliases.get(key, key))

    @classmethod
    def build(cls, sentences: Sequence[str], index: KnownNameIndex) -> PersonRegistry:
        registry = cls(index)
        registry.analyses = [analyse_sentence(s, index) for s in sentences]
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
                elif _recurs(alone, cand) and not cand.blocked:
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
            self._nobody.clear()
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
            self._nobody.clear()

    def _add_known(self, name: str, role: str) -> None:
        key = normalize_name(name)
        if key not in self.people:
            self.people[key] = Person(name, role, True, 10**9)
            self.by_surname.setdefault(surname_key(key), []).append(key)
            self._nobody.clear()

    def resolve_surname(self, key: str, sentence: int) -> Person | None:
        """A lone surname: the article's one person with it (or, if several, the one named
        in full most recently), else the one known person with it. ``key`` is the normalised
        word as written ("kendall taylor" for "Kendall-Taylor")."""
        if key in self._nobody:
            return None
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
        self._nobody.add(key)
        return None

    def resolve_first_word(self, key: str) -> Person | None:
        """A source named by the first word of the article's one person whose name starts
        with it: the family name written first ("Mao said" after "Mao Ning", "Lee" after
        "Lee Hsien Loong") or a given name ("Maria said" after "Maria Villanueva"). For a
        speaker only: a lone capitalised word elsewhere may be an ordinary word ("Rich")."""
        found = [p for k, p in self.people.items() if k.split(" ", 1)[0] == key and " " in k]
        return found[0] if len(found) == 1 else None

    def by_role(self, description: str, index: KnownNameIndex) -> str | None:
        """The person a description points to ("the minister", "the Treasury Secretary",
        "Putin's adviser"): the article's one person, or the one named most recently, whose
        role ends with the description's words; else a known actor of that name or alias."""
        words = _description_words(description)
        if not words:
            return None
        best: Person | None = None
        for person in self.people.values():
            if (
                person.role
                and _role_fits(person.role, words)
                and (best is None or person.last_full > best.last_full)
            ):
                best = person
        if best is not None:
            return best.name
        known = index.by_key.get(" ".join(words))
        return known.name if known is not None and known.kind == "person" else None

    def title_gender(self, name: str) -> str:
        """ "he" or "she" for a person introduced with an honorific ("Mrs. Abedini"), else
        ""."""
        person = self.people.get(normalize_name(name))
        title = person.role.split()[:1] if person is not None else []
        return HONORIFIC_PRONOUNS.get(title[0].casefold().rstrip("."), "") if title else ""

    def roles(self) -> dict[str, str]:
        return {p.name: p.role for p in self.people.values()}


def _recurs(alone: Counter[str], cand: Candidate) -> bool:
    """Whether a candidate's surname stands alone elsewhere: its last word, or its last
    word as written when hyphened ("Gilgeous-Alexander" for Shai Gilgeous-Alexander)."""
    if alone[cand.surname_key] > 0:
        return True
    last = cand.name_parts[-1].core
    # ("Post-ABC" in "Washington Post-ABC poll" joins an acronym: no surname)
    return "-" in last and not last.split("-")[-1].isupper() and alone[fast_key(last)] > 0
