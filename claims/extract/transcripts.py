"""Transcripts: press briefings, interviews, debates and hearings written as turns.

A turn opens a paragraph with a speaker label: an upper-case label of one to five words
ending in a colon (``THE PRESIDENT:``, ``MR. SMITH:``, ``Q:``), perhaps with a party and a
description (``SEN. JANE ROE (D-MA), CHAIR:``); a label ending in a period (``The
President.``, ``Mr. Smith.``, ``Chancellor Maas.``, ``Mrs. PARK of Virginia.``); a title-case
label ending in a colon (``Vladimir Putin:``, ``Moderator:``); or the bare reporter's
``Q``/``Q.``. A time stamp may stand before or after it (``[00:01:05] CHIEF RUIZ:``, ``Luis
Alvarez: (00:04)``). Paragraphs without a label continue the turn before them; a newsroom
label (``NOTE:``) ends it.

A document is a transcript only when labels recur through it: several labelled paragraphs,
at least two different speakers, one of them speaking more than once, and labels opening a
good share of the paragraphs. Title-case colon labels count only when two of them recur
(an article has "Note:" lines and "Zelensky: …" headlines), and labels that could as well be
colon datelines (``MUMBAI:`` and ``SMITH:`` look alike) only when the turns read as speech.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple, Protocol

from .datelines import find_dateline
from .labels import is_label_phrase
from .names import normalize_name
from .prompts import opens_end_matter
from .transcript_askers import interviews, is_question_label, questioners
from .transcript_labels import (
    NOT_FIRST_NAMES,
    TITLE_KEYS,
    Label,
    full_labels,
    initials,
    is_own_line_label,
    label_at,
    label_parts,
)
from .types import SkippedSpan

__all__ = ["Turn", "find_turns", "is_own_line_label", "stage_directions"]

# The share of the paragraphs that must open with a label: a transcript is made of turns,
# while an article with a few "UPDATE:" or "READ MORE:" lines is mostly prose.
_MIN_SHARE = 1 / 3
_MIN_LABELLED = 3
# Of the turns under labels that could be datelines, the share that must read as speech.
_MIN_SPOKEN = 1 / 4
_MIN_HANDOVERS = 3 / 4  # of consecutive labelled turns, the share that change speaker
_TURN_WORDS = 5  # a turn this long says something
# First and second person, as people speak and wire copy does not write (outside quotes).
_SPOKEN_RE = re.compile(r"\b(?:I|[Mm][ey]|[Ww]e|[Uu]s|[Oo]ur|[Yy]our?|[Ll]et['’]s)\b|\?")
_QUOTED_RE = re.compile(r"“[^”]*”|\"[^\"]*\"")
# What the transcriber heard besides the words: "(APPLAUSE)", "[laughter]", "(CHEERS AND
# APPLAUSE)", "[INAUDIBLE]": letters in brackets, all capitals or all small, standing between
# sentences (at the turn's start or end, or after a sentence's end), where an acronym in
# brackets ("the alliance (NATO) said") does not.
_STAGE_WORDS = r"(?:[A-Z][A-Z ,'’&\-]+|[a-z][a-z ,'’&\-]+)"
_STAGE_RE = re.compile(rf"\({_STAGE_WORDS}\)|\[{_STAGE_WORDS}\]")


class Turn(NamedTuple):
    """The turn a paragraph belongs to."""

    label: str  # the speaker label as written, without its colon or period: "MR. SMITH"
    question: bool  # a reporter's or interviewer's question: never a claim
    label_start: int  # body offsets of this paragraph's own label (equal for a continuation)
    label_end: int


class _Paragraph(Protocol):
    start: int
    end: int
    kind: str


def find_turns(body: str, paragraphs: Sequence[_Paragraph]) -> dict[int, Turn]:
    """Paragraph index -> its turn, for a transcript; empty for any other document."""
    labels: dict[int, Label] = {}
    breaks: set[int] = set()  # "NOTE:" lines: the newsroom's, not a speaker's
    candidates = 0
    for number, paragraph in enumerate(paragraphs):
        if paragraph.kind not in ("prose", "heading"):
            continue
        candidates += 1
        found = label_at(body, paragraph.start, paragraph.end)
        if found is not None and is_label_phrase(found.label):
            breaks.add(number)
        elif found is not None:
            labels[number] = found
            # A label alone on its line and the text under it make one paragraph of a turn.
            candidates -= _alone(found, paragraph)
    if len(labels) < _MIN_LABELLED:  # (most articles stop here)
        return {}
    if not any(found.kind == "q" for found in labels.values()):
        labels = {n: f for n, f in labels.items() if f.kind != "a"}  # ("A. Philip Randolph")
    labels = _recurring_named(labels)
    speakers = _speakers({found.label for found in labels.values()})
    if not _is_transcript([speakers[f.label] for f in labels.values()], candidates):
        return {}
    if not _reads_as_speech(body, paragraphs, labels):
        return {}
    return _turns(body, paragraphs, labels, breaks, speakers)


def _recurring_named(labels: dict[int, Label]) -> dict[int, Label]:
    """The labels without title-case colon ones unless two of those recur: "Note:" or a
    "Zelensky: …" headline is no turn, while an interview opens paragraph after paragraph
    with "Moderator:" and "Sen. Roe:"."""
    counts = Counter(_key(f.label) for f in labels.values() if f.kind == "named")
    by_initials = {initials(key.split()): key for key in counts if " " in key}
    for found in labels.values():  # "MH:" after "Marcus Hale:" is his turn again
        short = _key(found.label)
        if found.kind == "upper" and short in by_initials:
            counts[by_initials[short]] += 1
    if sum(1 for n in counts.values() if n >= 2) >= 2:
        return labels
    # A news conference: the one who answers recurs, each journalist asks once.
    if counts and max(counts.values()) >= 3 and len(counts) >= 3:
        return labels
    return {number: f for number, f in labels.items() if f.kind != "named"}


def _is_transcript(speakers: Sequence[str], candidates: int) -> bool:
    """Whether the labelled paragraphs' speakers (one each) make a transcript."""
    if len(speakers) < _MIN_LABELLED or len(speakers) < candidates * _MIN_SHARE:
        return False
    counts = Counter(speakers)
    return len(counts) >= 2 and max(counts.values()) >= 2


def _reads_as_speech(
    body: str, paragraphs: Sequence[_Paragraph], labels: Mapping[int, Label]
) -> bool:
    """Whether the labels are speakers' and not colon datelines ("MUMBAI: Heavy rain …",
    "NEW DELHI: …"). A titled label ("MR. SMITH", "SEN. ROE (D-MA)"), a reporter's "Q" or an
    interviewer settles it; labels that could be places do when enough of their turns are
    spoken: in the first or second person, or asking, as wire copy is not written."""
    spoken = wordy = 0
    for number, found in labels.items():
        if not _could_be_place(body, paragraphs[number].end, found):
            return True
        text = body[found.end : paragraphs[number].end]
        if not text.strip() and number + 1 < len(paragraphs) and number + 1 not in labels:
            text = body[paragraphs[number + 1].start : paragraphs[number + 1].end]  # "SMITH:" alone
        spoken += _SPOKEN_RE.search(_QUOTED_RE.sub(" ", text)) is not None
        wordy += len(text.split()) >= _TURN_WORDS
    if spoken >= len(labels) * _MIN_SPOKEN:
        return True
    # (A tally, "Clinton: 547." / "Sanders: 46.", takes turns too, but says nothing.)
    return wordy >= len(labels) * _MIN_HANDOVERS and _taking_turns(labels)


def _taking_turns(labels: Mapping[int, Label]) -> bool:
    """Two or more labels, each recurring, that hand over to each other ("RISHI SUNAK:",
    "KEIR STARMER:", "RISHI SUNAK:" …): speakers, though they state rather than say "I";
    a wire story's datelines name a place once, or the same one again."""
    order = [_key(labels[n].label) for n in sorted(labels)]
    if sum(1 for count in Counter(order).values() if count >= 2) < 2:
        return False
    handovers = sum(1 for a, b in pairwise(order) if a != b)
    return handovers >= (len(order) - 1) * _MIN_HANDOVERS


def _could_be_place(body: str, end: int, found: Label) -> bool:
    if found.kind == "named":
        return True
    if found.kind != "upper" or is_question_label(found.label) or interviews(found):
        return False
    first = normalize_name(found.label.split()[0])
    if first in NOT_FIRST_NAMES or first in TITLE_KEYS:
        return False
    return find_dateline(body, found.start, end, lead=True) is not None


def _turns(
    body: str,
    paragraphs: Sequence[_Paragraph],
    labels: Mapping[int, Label],
    breaks: set[int],
    speakers: Mapping[str, str],
) -> dict[int, Turn]:
    """Each paragraph's turn: its own label's, or the turn before it continued."""
    owner: dict[int, int] = {}  # paragraph -> the labelled paragraph its turn opens with
    last: dict[int, int] = {}  # labelled paragraph -> the turn's last paragraph
    current: int | None = None
    for number, paragraph in enumerate(paragraphs):
        if number in labels:
            current = number
        elif number in breaks:
            current = None
            continue
        elif current is None:
            continue
        elif paragraph.kind != "prose" and not _alone(labels[current], paragraphs[current]):
            # A heading is a turn's text only right after its label alone on a line; else it
            # ends the turn (a live blog's next entry, the article after the transcript).
            current = None
            continue
        elif _names_its_speaker(body, paragraph, labels[current]) or opens_end_matter(
            body[paragraph.start : paragraph.end]
        ):
            # "Colby's nomination is expected …": the reporter, of Colby; "Ana Roos is a
            # reporter at …": the writer's bio after the last turn.
            current = None
            continue
        owner[number] = current
        last[current] = number
    asking = questioners(body, paragraphs, labels, last, speakers)
    turns: dict[int, Turn] = {}
    for number, opener in owner.items():
        found = labels[opener]
        question = speakers[found.label] in asking
        if number == opener:
            turns[number] = Turn(found.label, question, paragraphs[number].start, found.end)
        else:
            start = paragraphs[number].start
            turns[number] = Turn(found.label, question, start, start)
    return turns


def _names_its_speaker(body: str, paragraph: _Paragraph, found: Label) -> bool:
    """Whether an unlabelled paragraph names the turn's speaker by surname: a speaker does
    not speak of themself so, so it is the reporter's text after the transcript."""
    words = found.label.replace(".", " ").split()
    surname = words[-1].strip("’'").capitalize() if words else ""
    if len(surname) < 3 or surname.casefold() in NOT_FIRST_NAMES or found.kind == "q":
        return False
    text = body[paragraph.start : paragraph.end]
    return surname in text and re.search(rf"\b{re.escape(surname)}\b", text) is not None


def _alone(found: Label, paragraph: _Paragraph) -> bool:
    return found.end == paragraph.end


def _key(label: str) -> str:
    return normalize_name(label)


def _speakers(labels: set[str]) -> dict[str, str]:
    """Label -> who speaks under it: its name's key ("sherrod brown", "the president"); a
    lone surname ("BROWN") the name of the one other label with it ("SEN. SHERROD BROWN")."""
    fulls = full_labels(labels)
    speakers: dict[str, str] = {}
    for label in labels:
        parts = label_parts(fulls.get(label, label))
        speakers[label] = " ".join(parts.keys) or f"the {parts.role}"
    return speakers


def stage_directions(body: str, start: int, end: int) -> list[SkippedSpan]:
    """The stage directions in a turn's text body[start:end], as spans no claim covers."""
    found = []
    for match in _STAGE_RE.finditer(body[start:end]):
        at = start + match.start()
        before = body[start:at].rstrip()
        if before and before[-1] not in '.?!-—…"”:;)]':
            continue  # ("… the alliance (NATO) said"): inside a sentence
        found.append(SkippedSpan(at, start + match.end(), "stage direction"))
    return found
