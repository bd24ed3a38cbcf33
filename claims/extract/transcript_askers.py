"""Who asks in a transcript: their turns are questions, however they are phrased
("Minister, the opposition says …"), and never claims. ``transcripts`` finds the turns.

A reporter's label ("Q", "QUESTION") or an interviewer's ("MODERATOR", "RACHEL MARTIN,
HOST") says so. A transcript that labels its host by name alone says it elsewhere: in its
title or opening lines ("… hosted by Julie Etchingham", "Sunday Politics with Laura
Kuenssberg"), or in how the host speaks: most turns asking, or opening the conversation in
short turns that ask more often than the guest's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Protocol

from .lexicon import word_set
from .names import normalize_name
from .transcript_labels import Label, initials

__all__ = ["interviews", "is_question_label", "questioners"]

_QUESTION_LABELS = frozenset({"q", "question", "reporter"})
# Words of a label or its description that make its speaker the one who asks.
_INTERVIEWERS = word_set("interviewer host co-host cohost moderator anchor questioner")
_SEAT_WORDS = word_set(
    "senator sen rep representative congressman congresswoman chairman chairwoman chair mp "
    "councillor councilor councilman councilwoman delegate"
)
_NAME = r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+){1,2}"
# Who a transcript's opening lines say runs it: "hosted by Julie Etchingham", "moderated by
# WKTV's Dan Ochoa", "Interview by Owen Marsh"; or "with" after a programme's capitalised
# name ("BBC Sunday with Laura Kuenssberg"), though not after "Interview" ("Interview with
# Jens Berg" names the guest).
_HOST_RE = re.compile(
    r"\b(?:(?:[Ii]nterview(?:s|ed)?|hosted|moderated|presented|chaired|anchored|conducted)\s+by"
    rf"|(?P<before>[A-Z][\w'’\-]*)\s+with)\s+"
    # (a channel's possessive first: "WKTV's", "Channel 9's")
    rf"(?:(?:[A-Z0-9][\w.\-]*\s){{0,2}}[A-Z0-9][\w.\-]*['’]s\s+)?(?P<name>{_NAME})"
)
_MEETINGS = word_set(
    "interview interviews conversation conversations talk talks chat chats meeting meetings "
    "q&a session sessions exchange exchanges debate debates dinner lunch breakfast"
)
# Of the turns, the share that must ask for a speaker to be the questioner by that alone.
_MOSTLY = 0.5
# The share of the first speaker's turns that must ask for their brevity to make them host.
_SOMETIMES = 1 / 5


class _Paragraph(Protocol):
    start: int
    end: int
    kind: str


def questioners(
    body: str,
    paragraphs: Sequence[_Paragraph],
    labels: Mapping[int, Label],
    last: Mapping[int, int],
    speakers: Mapping[str, str],
) -> set[str]:
    """The speakers who ask: a reporter ("Q"), an interviewer by label or description
    ("RACHEL MARTIN, HOST", and then "MARTIN") or as the opening lines name them; in a
    transcript naming none, the one more of whose turns ask than anyone else's, at least
    half of them ("TAPPER: … Which is it?"; a guest asks now and then, and a debate's
    candidates alike), else the host by how they speak (``_opening_host``)."""
    asking = {
        speakers[f.label] for f in labels.values() if is_question_label(f.label) or interviews(f)
    }
    hosts = _hosts_named(body, paragraphs, labels)
    asking |= {s for s in speakers.values() if any(_is_named(s, host) for host in hosts)}
    if asking:
        return asking
    turns = _turns_of(body, paragraphs, labels, last, speakers)
    # A lawmaker's questions in a hearing or a parliament assert what is to be checked.
    members = {speakers[f.label] for f in labels.values() if _holds_a_seat(f)}
    shares = {
        speaker: sum(ends for ends, _, _ in said) / len(said)
        for speaker, said in turns.items()
        if speaker not in members
    }
    if not shares:
        return set()
    top = max(shares.values())
    found = {speaker for speaker, share in shares.items() if share >= _MOSTLY and share == top}
    if found:
        return found if len(found) < len(turns) else set()
    order = [speakers[labels[n].label] for n in sorted(labels)]
    # (the first who speaks again: a narrator's or a clip's one turn may come before the host)
    first = next((s for s in order if len(turns[s]) > 1), order[0])
    # A host hands over after each turn: the guest answers before the host speaks again.
    hands_over = all(a != first or b != first for a, b in pairwise(order))
    return {first} if hands_over and first in shares and _opening_host(first, turns) else set()


def _turns_of(
    body: str,
    paragraphs: Sequence[_Paragraph],
    labels: Mapping[int, Label],
    last: Mapping[int, int],
    speakers: Mapping[str, str],
) -> dict[str, list[tuple[bool, bool, int]]]:
    """Speaker -> each of their turns, in order: whether it ends asking, whether it asks
    anywhere ("Crossings fell by a third. Is that down to you?"), and its length in words."""
    turns: dict[str, list[tuple[bool, bool, int]]] = {}
    for opener, found in sorted(labels.items()):
        text = body[found.end : paragraphs[last[opener]].end]
        ends = text.rstrip(" \"”’')]").endswith("?")
        said = (ends, "?" in text, len(text.split()))
        turns.setdefault(speakers[found.label], []).append(said)
    return turns


def _opening_host(first: str, turns: Mapping[str, list[tuple[bool, bool, int]]]) -> bool:
    """Whether the one who speaks first runs the conversation: they speak more than once,
    their turns are shorter on average than anyone else's, and more of them ask than of
    anyone else's ("Home Secretary, good evening." / "Crossings fell. Is that down to
    you?"). Two candidates neither of whom asks stay candidates."""
    mine = turns[first]
    if len(mine) < 2:
        return False
    length = sum(words for _, _, words in mine) / len(mine)
    asks = sum(asks for _, asks, _ in mine) / len(mine)
    for speaker, said in turns.items():
        if speaker == first:
            continue
        if sum(words for _, _, words in said) / len(said) <= length:
            return False
        if sum(asks for _, asks, _ in said) / len(said) >= asks:
            return False
    return asks >= _SOMETIMES


def _hosts_named(
    body: str, paragraphs: Sequence[_Paragraph], labels: Mapping[int, Label]
) -> list[str]:
    """The normalised names the lines before the first turn give as the host."""
    hosts = []
    for paragraph in paragraphs[: min(labels)]:
        for match in _HOST_RE.finditer(body, paragraph.start, paragraph.end):
            if match["before"] and normalize_name(match["before"]) in _MEETINGS:
                continue
            hosts.append(normalize_name(match["name"]))
    return hosts


def _is_named(speaker: str, host: str) -> bool:
    """Whether a speaker's key ("dan ochoa", "ochoa", "lk") is the host's name in full,
    their surname or (two or three letters) their initials."""
    words = host.split()
    if speaker == host or speaker == words[-1]:
        return True
    return 2 <= len(speaker) <= 3 and " " not in speaker and speaker == initials(words)


def _holds_a_seat(found: Label) -> bool:
    """A lawmaker's label: "SENATOR KING", "Rep. Ames", "Ann Lee (Leeds East) (Lab)"."""
    return found.bracketed or any(w in _SEAT_WORDS for w in normalize_name(found.label).split())


def is_question_label(label: str) -> bool:
    return normalize_name(label) in _QUESTION_LABELS


def interviews(found: Label) -> bool:
    words = f"{normalize_name(found.label)} {normalize_name(found.desc)}".split()
    return any(word in _INTERVIEWERS for word in words)
