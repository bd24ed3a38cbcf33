"""Who speaks under a transcript's labels: the person each label names in the document,
its title and dek, or the known actors (``transcripts`` finds the turns)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .lexicon import word_set
from .name_tokens import surname_key
from .names import normalize_name
from .new_people import SentenceAnalysis
from .people import PersonRegistry
from .transcript_labels import (
    NOT_FIRST_NAMES,
    TITLE_WORD,
    Parts,
    full_labels,
    initials,
    label_parts,
)
from .transcripts import Turn

__all__ = ["label_description", "resolve_speakers"]

_ROLE_QUALIFIERS = frozenset({"vice", "deputy", "former", "acting", "assistant", "under"})
# Words of two-word labels that name nobody ("AUDIENCE MEMBER", "UNIDENTIFIED MALE").
_NOBODY = word_set(
    """audience member members unidentified unknown male female man woman crowd voice voices
    announcer narrator participant participants protester protesters translator interpreter
    panelist caller speaker speakers several multiple all group everyone reporter reporters
    question answer off camera student students official officials"""
)
_NOT_NAME_WORDS = _NOBODY | NOT_FIRST_NAMES
# Headline capitals that split a name from its role for the name reader ("Secretary of State
# Marisol Ortega With Foreign Minister …"): lower-cased in the title before it is read.
_HEADLINE_SMALL_RE = re.compile(
    r"(?<=\s)(?:With|Before|After|At|On|In|And|For|To|From|The|About|Into|During|Amid|Their|"
    r"His|Her|Its|Ahead|Following|Over|Upon|Via)(?=\s)"
)


def label_description(label: str) -> str:
    """The label as a description of its speaker: "THE PRESIDENT" -> "The President"."""
    words = label.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(w if not w.isupper() else w.capitalize() for w in words)


def resolve_speakers(
    turns: Mapping[int, Turn], registry: PersonRegistry, front: str = "", intro: str = ""
) -> dict[str, str]:
    """Label -> the person it names, for the labels that name one: ``MR. SMITH`` the one
    Smith in the document or the known actors, ``THE PRESIDENT`` the person the document
    gives that role, ``VLADIMIR PUTIN`` himself, ``BROWN`` the full name of the label
    ``SEN. SHERROD BROWN``. ``front`` is the title and dek: a briefing's transcript often
    names its speaker only there ("Press Briefing by Press Secretary Laura Vance"); ``intro``
    the prose before the first turn, which introduces who speaks ("Ana Roos runs …"). Labels
    naming nobody ("MODERATOR") are left out."""
    labels = sorted({turn.label for turn in turns.values() if not turn.question})
    if not labels:
        return {}
    heading = _front_registry(front, registry)
    opening = _front_registry(f"{front}\n{intro}", registry) if intro.strip() else heading
    fulls = full_labels(labels)
    # The full names the name reader saw in the title and intro, and in the whole document.
    introduced = _full_names(opening.analyses)
    everywhere = [*introduced, *_full_names(registry.analyses)]
    resolved: dict[str, str] = {}
    for label in labels:
        full = fulls.get(label, label)
        if label == "A":  # the witness's or interviewee's: the one person named, if one
            name = _only_person(heading) or _only_person(registry) or _only_one(introduced)
        else:
            parts = label_parts(full)
            name = _resolve(parts, registry, heading) or _named_in_front(parts, front)
            name = name or _named_in_full(parts, label, introduced, everywhere)
        if name:
            resolved[label] = name
    return resolved


def _named_in_full(
    parts: Parts, label: str, introduced: Sequence[str], everywhere: Sequence[str]
) -> str | None:
    """The one full name a lone-word label stands for, where the name reader saw a name but
    not (for want of a role or a speech verb) a person: a surname ("SUNAK" for "The debate
    between Rishi Sunak and …", or for "Rishi Sunak" in another speaker's turn) anywhere in
    the document; initials ("LK" for "… with Laura Kuenssberg") in the title or the intro
    only, as two letters match too many names across a whole document."""
    if parts.role or len(parts.keys) != 1 or parts.titled:
        return None
    key = parts.keys[0]
    found = _only_one([n for n in everywhere if surname_key(normalize_name(n)) == key])
    if found or not (label.isupper() and 2 <= len(key) <= 3):
        return found
    return _only_one([n for n in introduced if initials(normalize_name(n).split()) == key])


def _full_names(analyses: Sequence[SentenceAnalysis]) -> list[str]:
    """The names of two or more words the name reader found, in order (not after "at" or
    "in": a place or an employer)."""
    return [
        c.name
        for analysis in analyses
        for c in analysis.candidates
        if len(c.name_parts) > 1 and not c.blocked
    ]


def _only_one(names: Sequence[str]) -> str | None:
    keys = {normalize_name(n) for n in names}
    return names[0] if len(keys) == 1 else None


def _only_person(registry: PersonRegistry) -> str | None:
    people = list(registry.people.values())
    return people[0].name if len(people) == 1 else None


def _front_registry(front: str, registry: PersonRegistry) -> PersonRegistry:
    """The people the title and dek name, read as the body's sentences are (headline
    capitals of small words lowered, so that a name ends where its sentence would)."""
    lines = [
        _HEADLINE_SMALL_RE.sub(lambda m: m.group(0).lower(), line) for line in front.split("\n")
    ]
    return PersonRegistry.build([line for line in lines if line.strip()], registry.index)


def _named_in_front(parts: Parts, front: str) -> str | None:
    """The full name in the title that the label's surname ("MS. VANCE") or role ("THE
    PRESIDENT": "Remarks by President Jane Smith") points to, when the name reader finds
    none there ("… debate between Jane Roe and John Doe"). ``parts``: the label's."""
    if not front or not (parts.role or parts.keys):
        return None
    name = rf"{TITLE_WORD}(?:\s[A-Z]\.)*"  # a first name and any initials: "Donald J."
    # ("Remarks by President Biden Before Marine One Departure": "Before" is no surname.)
    front = _HEADLINE_SMALL_RE.sub(lambda m: m.group(0).lower(), front)
    if parts.role:
        lead = r"\s+".join(re.escape(w.capitalize()) for w in parts.role.split())
        full = rf"{name}\s+{TITLE_WORD}"
        match = re.search(rf"\b{lead}\s+({full}|{TITLE_WORD}(?![\w'’\-]|\s+[A-Z]))", front)
    else:  # (the surname as the label writes it: "JEAN-PIERRE" for "Jean-Pierre")
        surname = re.escape(parts.name[-1])
        match = re.search(rf"\b({name}\s+(?i:{surname}))(?![\w'’\-])", front)
    if match is None or match.group(1).split()[0].casefold() in NOT_FIRST_NAMES:
        return None
    return match.group(1)


def _resolve(parts: Parts, registry: PersonRegistry, heading: PersonRegistry) -> str | None:
    if parts.role or not parts.keys:
        role = parts.role or " ".join(parts.keys)
        return _person_with_role(role, registry) or _person_with_role(role, heading)
    whole = " ".join(parts.keys)
    if len(parts.keys) > 1:  # a full name: the person it names, however often named
        person = registry.lookup(whole) or heading.lookup(whole)
        known = registry.index.person(whole)
        if person is not None or known is not None:
            return (person or known).name  # type: ignore[union-attr]
        if _names_someone(parts.keys):
            return " ".join(_cased(word) for word in parts.name)
        return _person_with_role(whole, registry) or _person_with_role(whole, heading)
    if not parts.titled and not registry.by_surname.get(whole):
        # A lone word ("MODERATOR", "PUTIN") names someone only when the article does.
        known = registry.index.person(whole)
        person = heading.resolve_surname(whole, 10**9) if heading.by_surname.get(whole) else None
        return known.name if known else person.name if person else None
    person = registry.resolve_surname(whole, 10**9) or heading.resolve_surname(whole, 10**9)
    return person.name if person else None


def _names_someone(keys: Sequence[str]) -> bool:
    """Whether a label's words are a name ("GREG BECKER"), not a role ("AUDIENCE MEMBER",
    "PRIME MINISTER", "SPEAKER 3")."""
    return (
        all(
            len(k) == 1 or (k.replace(" ", "").isalpha() and k not in _NOT_NAME_WORDS)
            for k in keys  # (an initial, "W.", may be any letter)
        )
        and len(keys[-1]) > 1
    )


def _cased(word: str) -> str:
    """An upper-case name's word as names are written: "JEAN-PIERRE" -> "Jean-Pierre",
    "O'ROURKE" -> "O'Rourke", "MCCAIN" -> "McCain"; "W." and title-case words stay."""
    if not word.isupper():
        return word
    cased = re.sub(r"[A-Z]+", lambda m: m.group(0).capitalize(), word)
    return "Mc" + cased[2:].capitalize() if cased.startswith("Mc") and len(cased) > 3 else cased


def _person_with_role(role: str, registry: PersonRegistry) -> str | None:
    """The one person whose role is ``role`` ("president" matches "U.S. President" but not
    "Vice President"); when several are, the one the document names first."""
    if not role:
        return None
    matches = []
    for person in registry.people.values():
        words = normalize_name(person.role).split()
        if "of" in words[1:]:  # "Secretary of State": the role's head is "Secretary"
            words = words[: words.index("of", 1)]
        tail = role.split()
        if words[-len(tail) :] != tail:
            continue
        before = words[: -len(tail)]
        if before and before[-1] in _ROLE_QUALIFIERS:
            continue
        matches.append(person)
    if not matches:
        return None
    return min(matches, key=lambda p: p.first_sentence).name
