"""Splitting a paragraph into sentences, with exact offsets.

A rule-based splitter that borrows what Punkt *learned* (its abbreviations and sentence
starters, see ``abbreviations``). Running Punkt's own tokenizer instead costs a Python-level
token pipeline per candidate period, which pathological input ("A. B. C. …" half a megabyte
long) turns into tens of seconds; these rules cost a dictionary lookup.

A boundary is a run of ``.``/``?``/``!``/``…`` (with any closing quotes or brackets after
it) followed by whitespace and a word that can start a sentence. It is *not* a boundary:

* before a lower-case word or punctuation ("“Are we done?” he asked.", "Wait... what?");
* after a title ("Gen. Keith Kellogg", "Sens. Ann Lee", "Dr. Smith"), an initial
  ("John F. Kennedy"), or "No."/"Feb."/"Ch." before a number ("No. 2", "Feb. 18");
* after a dotted abbreviation ("U.S.", "J.D.", "p.m.") or a known one ("Corp.", "Calif."),
  unless the next word is one that starts sentences ("in the U.S. The talks…" splits);
* after a list marker ("1.", "a.", "2.)"; see ``sentence_lists``), which also starts a new
  sentence when the paragraph is a list ("1. Talks resume 2. Prices fall");
* inside an elision ("[...]", "(…)") or at the last dot of a spaced ellipsis ("the thing
  is . . . I meant it"); but a sentence's own period before a spaced ellipsis and a capital
  ends it ("… was over. . . . The next day"), as does a period after one (". . . . Next");
* inside a quotation that closes later in the paragraph: “Vladimir Putin started this war.
  He’s a gangster,” Kennedy asserted. is one sentence, because a quotation and its
  attribution make one claim;
* between a quotation and a short attribution that follows it ("“We are done.” Rubio said.").

Decimals ("$1.5 billion") and dashes never split: a period must be followed by whitespace.
Every regex is linear (possessive quantifiers, no nested repetition) and every decision is a
constant amount of work, so splitting is linear in the paragraph's length. The spans
returned partition the paragraph: in order, never overlapping, trimmed of whitespace, and
together covering every non-whitespace character.
"""

from __future__ import annotations

import re

from .abbreviations import (
    NUMBER_ABBREVIATIONS,
    STATE_ABBREVIATIONS,
    TITLE_ABBREVIATIONS,
    is_abbreviation,
    sentence_starters,
)
from .lexicon import MONTHS, WEEKDAYS, word_set
from .sentence_lists import list_layout, opens_with_marker
from .speech import FINITE_VERBS

# A run of sentence-ending punctuation, starting at its first character (the lookbehind) and
# never backtracking (possessive), then closing quotes/brackets, then whitespace. The first
# character comes before the lookbehind (which is one character wider for it) so that the
# regex engine scans for it in C instead of trying every position.
_BOUNDARY_RE = re.compile(r"[.?!…](?<![.?!…].)[.?!…]*+[”’\"'»)\]}]*+(?=\s)")
_INITIALS_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?")
# A spaced ellipsis after a sentence's own period, before a capital: "… compounds. . . . The".
_FOUR_DOT_RE = re.compile(r"\s\.\s\.\s\.\s+[“‘\"'(]*[A-Z]")
_SPACED_DOTS_RE = re.compile(r"\s\.\s\.\s\.\s")
_QUOTE_MARK_RE = re.compile(r"[“”«»\"]")
_WORD_CHARS_RE = re.compile(r"[\w’'.\-]{0,40}")
_CLOSING = '”’"»)]}'
_OPENING = "“‘\"'(«["
_ATTRIBUTION_TAIL_RE = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+){1,4}([a-z]+)\b|(?:[Hh]e|[Ss]he|[Tt]hey)\s+(?:\w+\s+)?([a-z]+)\b"
)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _word_before(text: str, pos: int) -> str | None:
    """The word that ends at ``pos``: the characters before it back to a space or an opening
    mark, at most 40 (None if there is none). String methods rather than a regex anchored at
    ``pos``, which the engine would try at each of the 40 positions before it."""
    window = text[max(0, pos - 40) : pos]
    if not window or window[-1].isspace():
        return None
    word = window.rsplit(None, 1)[-1]
    word = word[max(map(word.rfind, _OPENING)) + 1 :]
    return word or None


def _next_word(text: str, pos: int) -> tuple[int, str]:
    """(offset, word) of the next word after ``pos``: skips whitespace and opening marks."""
    i = pos
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    while i < n and i - pos < 8 and text[i] in _OPENING:
        i += 1
    # Letters, digits and ’'-. (the regex's \w also takes "_", which ends the word).
    word = _WORD_CHARS_RE.match(text, i).group()  # type: ignore[union-attr]
    underscore = word.find("_")
    return i, word if underscore < 0 else word[:underscore]


def _is_ellipsis_boundary(text: str, start: int, run: str) -> bool | None:
    """The verdict on an ellipsis, or None when the run is not part of one."""
    if start == 0:
        return None
    dot = run.rstrip(_CLOSING) == "."
    before = text[start - 1]
    if dot and before.isspace() and text[start - 2 : start - 1] == ".":
        if start >= 7 and _SPACED_DOTS_RE.fullmatch(text, start - 7, start):
            return None  # a period after a spaced ellipsis: "… left off . . . . Next"
        return False  # the last dot of a spaced ellipsis: "the thing is . . . I meant it"
    if before in "[(":
        return False  # an elision: "Bohr [...] used", "the plan (…) failed"
    after = start + len(run)
    if (
        dot
        and not before.isspace()
        and text.startswith(".", after + 1)
        and _FOUR_DOT_RE.match(text, after)
    ):
        return True  # a sentence's period, then an ellipsis opening the next
    return None


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    run = match.group()
    ellipsis = _is_ellipsis_boundary(text, match.start(), run)
    if ellipsis is not None:
        return ellipsis
    start, word = _next_word(text, match.end())
    if start >= len(text):
        return False
    first = text[start]
    if not first.isalnum() or first.islower():
        return False  # "“Are we done?” he asked.", "Wait . . . what?", "(see above.)"
    if "?" in run or "!" in run or run.startswith(("..", "…")):
        return True  # a question, an exclamation, an ellipsis before a capital
    prev = _word_before(text, match.start())
    if prev is None:
        return True
    folded = prev.casefold()
    if folded in TITLE_ABBREVIATIONS and prev[0].isupper():
        return False
    if folded in NUMBER_ABBREVIATIONS and first.isdigit():
        return False
    if folded in STATE_ABBREVIATIONS and prev[0].isupper() and _after_a_place(text, match, prev):
        return True  # "in Moraga, Calif. Tip-off is at 7": a state ends its place, and here
        # its sentence (a name never follows one)
    if folded in _CLOCK_MARKS:
        # "at 7:30 p.m. Turnout reached …": a time ends its sentence unless the next word
        # continues the time ("p.m. Monday", "p.m. ET", "p.m. Eastern", "p.m. March 3").
        return not _continues_time(word)
    if (
        (len(prev) == 1 and prev.isalpha() and prev.isupper())
        or ("." in prev and _INITIALS_RE.fullmatch(prev))
        or is_abbreviation(prev, word.isupper())
    ):
        # An initial ("John F. Kennedy", but "… Plan B. The next …") or an abbreviation
        # ("U.S. President", "J.D. Vance", "5 p.m. Monday"), unless a sentence starts.
        return word.rstrip(".").casefold() in sentence_starters()
    return True


def _after_a_place(text: str, match: re.Match[str], prev: str) -> bool:
    """Whether ``prev`` follows a capitalised place and a comma: "Moraga, Calif"."""
    at = match.start() - len(prev)
    return text[at - 2 : at] == ", " and text[at - 3 : at - 2].isalpha()


_CLOCK_MARKS = frozenset({"a.m", "p.m"})  # as read before the final period
_TIME_ZONE_WORDS = word_set("eastern pacific central mountain local moscow kyiv london")


def _continues_time(word: str) -> bool:
    bare = word.strip(".,;:()")
    folded = bare.casefold()
    return (
        folded in WEEKDAYS
        or folded in MONTHS
        or folded in _TIME_ZONE_WORDS
        or (bare.isupper() and 2 <= len(bare) <= 4)  # ET, EST, GMT, UTC, CEST
    )


def _is_attribution_tail(sentence: str) -> bool:
    """A short clause that only says who spoke: "Rubio said." / "Vance argued on Thursday,
    February 20, 2025, framing …". The verb must come within the first few words."""
    if any(q in sentence for q in '“”"'):
        return False
    match = _ATTRIBUTION_TAIL_RE.match(sentence)
    if not match:
        return False
    verb = match.group(1) or match.group(2)
    return verb in FINITE_VERBS


_OPENER_OF = {"”": "“", "»": "«", '"': '"'}


def _quoted_from_its_start(text: str, start: int, end: int) -> bool:
    """Whether the quotation that ends ``text[start:end]`` opened at its start (or in an
    earlier sentence): then a short "Rubio said." after it is its attribution. A quotation
    inside narration ("Ames called the bill “a disaster.”") ends a sentence that has its
    own subject, and "Reyes said he backed it." after it is a new sentence."""
    opener = text.rfind(_OPENER_OF[text[end - 1]], start, end - 1)
    return opener < 0 or not any(ch.isalpha() for ch in text[start:opener])


class _QuoteDepth:
    """Running depth of quotation marks across consecutive spans of one paragraph."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.curly = 0
        self.straight = False
        self.last_curly_close = max(text.rfind("”"), text.rfind("»"))
        self.last_straight = text.rfind('"')
        # Most paragraphs have no quotation mark: then there is nothing to count.
        self.marked = (
            self.last_curly_close >= 0 or self.last_straight >= 0 or "“" in text or "«" in text
        )

    def advance(self, start: int, end: int) -> None:
        if not self.marked:
            return
        for match in _QUOTE_MARK_RE.finditer(self.text, start, end):
            ch = match.group()
            if ch in "“«":
                if not self.straight:
                    self.curly += 1
            elif ch in "”»":
                if self.curly and not self.straight:
                    self.curly -= 1
            elif ch == '"' and not self.curly:
                self.straight = not self.straight

    def open_and_closes_after(self, pos: int) -> bool:
        """Inside a quotation that is closed later in the paragraph."""
        if self.curly:
            return pos < self.last_curly_close
        return self.straight and pos < self.last_straight


class _Spans:
    """The sentence spans found so far, and where the current one starts. A short attribution
    after a closing quotation mark joins the quotation's sentence ("“We are done.” Rubio
    said."); a list item starts a sentence wherever it stands."""

    def __init__(self, text: str, item_starts: list[int]) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []
        self.cursor = 0  # where the current sentence starts
        self._items = iter(item_starts)
        self._item = next(self._items, None)

    def end_at(self, end: int) -> None:
        start, stop = _trimmed(self.text, self.cursor, end)
        self.cursor = end
        if start >= stop:
            return
        spans = self.spans
        if (
            spans
            and self.text[spans[-1][1] - 1] in '”"»'
            and _is_attribution_tail(self.text[start:stop])
            and _quoted_from_its_start(self.text, *spans[-1])
        ):
            spans[-1] = (spans[-1][0], stop)
        else:
            spans.append((start, stop))

    def items_before(self, pos: int) -> None:
        """End the current sentence where each list item before ``pos`` starts."""
        while self._item is not None and self._item < pos:
            if self._item > self.cursor:
                self.end_at(self._item)
            self._item = next(self._items, None)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph (offsets into ``text``)."""
    if not text or text.isspace():
        return []
    layout = list_layout(text)
    spans = _Spans(text, layout.item_starts)
    scanned = 0  # how far quotation marks have been counted
    depth = _QuoteDepth(text)
    for match in _BOUNDARY_RE.finditer(text):
        end = match.end()
        spans.items_before(match.start())
        if (
            end in layout.marker_ends
            or opens_with_marker(text, spans.cursor, match.start())
            or not _is_boundary(text, match)
        ):
            continue
        depth.advance(scanned, end)
        scanned = end
        # A quotation still open here and closed later holds the sentence together.
        if depth.open_and_closes_after(end):
            continue
        spans.end_at(end)
    spans.items_before(len(text))
    spans.end_at(len(text))
    return spans.spans


_QUESTION_END_RE = re.compile(r"\?[”’\"»)\]]*\Z")


def is_question(sentence: str, narration_outside_quotes: bool) -> bool:
    """A sentence that asks rather than states. A question inside a quotation with narration
    around it ("Bergmann …, asking, “What do we get out of this?”") reports a question, which
    is a statement about who asked it."""
    if not _QUESTION_END_RE.search(sentence[-8:]):
        return False
    stripped = sentence.rstrip(_CLOSING)
    if len(stripped) < len(sentence) and sentence[len(stripped) :].strip("’)]}"):
        # Ends with a closing quotation mark: the question is quoted.
        return not narration_outside_quotes
    return True
