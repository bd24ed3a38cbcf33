"""Transcripts: press briefings, interviews and debates written as turns.

A turn opens a paragraph with a speaker label: an upper-case label of one to five words
ending in a colon (``THE PRESIDENT:``, ``MR. SMITH:``, ``SECRETARY RUBIO:``, ``Q:``), a
title-case label ending in a period (``The President.``, ``Mr. Smith.``), or the bare
reporter's ``Q``/``Q.``. Paragraphs without a label continue the turn before them.

A document is a transcript only when labels recur through it: several labelled paragraphs,
at least two different speakers, one of them speaking more than once, and labels opening a
good share of the paragraphs. A lone ``Note:`` line, a dateline, or a quoted ``Q:`` inside a
paragraph never makes one, so ordinary articles parse exactly as they did.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple, Protocol

from .lexicon import FUNCTION_WORDS
from .name_tokens import TITLE_HEADS
from .names import normalize_name
from .people import PersonRegistry

__all__ = ["Turn", "find_turns", "label_description", "resolve_speakers"]

_UPPER_WORD = r"[A-Z][A-Z.'’\-]*+"
_TITLE_WORD = r"[A-Z][\w'’\-]*+"
_LABEL_RE = re.compile(
    # A transcript quoted whole opens each paragraph with a quotation mark: "MR. SMITH: …
    r"[\"“]?(?:"
    # MR. SMITH: / THE PRESIDENT: / Q: (upper case, one to five words, a colon)
    rf"(?P<upper>(?:{_UPPER_WORD}\s){{0,4}}{_UPPER_WORD}):(?=\s|\Z)"
    # The President. / Mr. Smith. ("The" or a short title abbreviation, then a name)
    rf"|(?P<title>(?:The|[A-Z][a-z]{{1,3}}\.)(?:\s{_TITLE_WORD}){{1,3}})\.(?=\s+[A-Z“\"‘'])"
    # Q Mr. President, … / Q. Do you … (the reporter, unlabelled otherwise)
    r"|(?P<q>Q)\.?(?=\s))"
)
_QUESTION_LABELS = frozenset({"q", "question", "reporter"})
# The share of the paragraphs that must open with a label: a transcript is made of turns,
# while an article with a few "UPDATE:" or "READ MORE:" lines is mostly prose.
_MIN_SHARE = 1 / 3
_MIN_LABELLED = 3
# Capitalised words of a title that stand before a surname without being a first name:
# the titles names carry ("Secretary", "Mr.") and function words ("By", "With").
_NOT_FIRST_NAMES = frozenset(t.casefold().rstrip(".") for t in TITLE_HEADS) | FUNCTION_WORDS
_ROLE_QUALIFIERS = frozenset({"vice", "deputy", "former", "acting", "assistant", "under"})


class Turn(NamedTuple):
    """The turn a paragraph belongs to."""

    label: str  # the speaker label as written, without its colon or period: "MR. SMITH"
    question: bool  # a reporter's question: never a claim
    label_start: int  # body offsets of this paragraph's own label (equal for a continuation)
    label_end: int


class _Paragraph(Protocol):
    start: int
    end: int
    kind: str


def _label_at(body: str, start: int, end: int) -> tuple[str, int] | None:
    """The speaker label opening the paragraph body[start:end], and where it ends."""
    match = _LABEL_RE.match(body, start, end)
    if match is None:
        return None
    label = match.group("upper") or match.group("title") or match.group("q")
    return label, match.end()


def find_turns(body: str, paragraphs: Sequence[_Paragraph]) -> dict[int, Turn]:
    """Paragraph index -> its turn, for a transcript; empty for any other document."""
    labels: dict[int, tuple[str, int]] = {}
    candidates = 0
    for number, paragraph in enumerate(paragraphs):
        if paragraph.kind not in ("prose", "heading"):
            continue
        candidates += 1
        found = _label_at(body, paragraph.start, paragraph.end)
        if found is not None:
            labels[number] = found
    if not _is_transcript([label for label, _ in labels.values()], candidates):
        return {}
    turns: dict[int, Turn] = {}
    current: Turn | None = None
    for number, paragraph in enumerate(paragraphs):
        if number in labels:
            label, end = labels[number]
            current = Turn(label, _is_question(label), paragraph.start, end)
            turns[number] = current
        elif current is not None and paragraph.kind == "prose":
            turns[number] = current._replace(label_start=paragraph.start, label_end=paragraph.start)
    return turns


def _is_transcript(labels: Sequence[str], candidates: int) -> bool:
    if len(labels) < _MIN_LABELLED or len(labels) < candidates * _MIN_SHARE:
        return False
    counts = Counter(_key(label) for label in labels)
    return len(counts) >= 2 and max(counts.values()) >= 2


def _key(label: str) -> str:
    return normalize_name(label)


def _is_question(label: str) -> bool:
    return _key(label) in _QUESTION_LABELS


def label_description(label: str) -> str:
    """The label as a description of its speaker: "THE PRESIDENT" -> "The President"."""
    words = label.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(w if not w.isupper() else w.capitalize() for w in words)


def resolve_speakers(
    turns: Mapping[int, Turn], registry: PersonRegistry, front: str = ""
) -> dict[str, str]:
    """Label -> the person it names, for the labels that name one: ``MR. SMITH`` the one
    Smith in the document or the known actors, ``THE PRESIDENT`` the person the document
    gives that role. ``front`` is the title and dek: a briefing's transcript often names
    its speaker only there ("Press Briefing by Press Secretary Laura Vance"). Labels naming
    nobody ("MODERATOR") are left out."""
    resolved: dict[str, str] = {}
    for turn in turns.values():
        if turn.question or turn.label in resolved:
            continue
        name = _resolve(turn.label, registry) or _named_in_front(turn.label, front)
        if name:
            resolved[turn.label] = name
    return resolved


def _named_in_front(label: str, front: str) -> str | None:
    """The full name in the title that the label's surname ("MS. VANCE") or role ("THE
    PRESIDENT": "Remarks by President Jane Smith") points to."""
    words = _key(label).split()
    if not front or not words:
        return None
    if words[0] == "the":
        if len(words) < 2:
            return None
        lead = r"\s+".join(re.escape(w.capitalize()) for w in words[1:])
        match = re.search(rf"\b{lead}\s+({_TITLE_WORD}\s+{_TITLE_WORD})", front)
    else:
        surname = re.escape(words[-1].capitalize())
        match = re.search(rf"\b({_TITLE_WORD}\s+{surname})\b", front)
    if match is None or match.group(1).split()[0].casefold() in _NOT_FIRST_NAMES:
        return None
    return match.group(1)


def _resolve(label: str, registry: PersonRegistry) -> str | None:
    words = _key(label).split()
    if not words:
        return None
    if words[0] == "the":
        return _person_with_role(" ".join(words[1:]), registry)
    whole = registry.lookup(" ".join(words))
    if whole is not None:
        return whole.name
    if len(words) == 1 and not registry.by_surname.get(words[0]):
        # A lone word ("MODERATOR", "PUTIN") names someone only when the article does.
        known = registry.index.person(words[0])
        return known.name if known else None
    person = registry.resolve_surname(words[-1], 10**9)
    return person.name if person else None


def _person_with_role(role: str, registry: PersonRegistry) -> str | None:
    """The one person whose role is ``role`` ("president" matches "U.S. President" but not
    "Vice President"); when several are, the one the document names first."""
    if not role:
        return None
    matches = []
    for person in registry.people.values():
        words = normalize_name(person.role).split()
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
