"""Quotations written with single marks, as British copy writes them (‘We inherited a
mess,’ Streeting said.), or with straight ones once a scraper has flattened the curly
marks ('We inherited a mess,' Streeting said.). The pipeline reads quotations from double
marks; a single closing mark is most often an apostrophe (don't, Trump’s, voters’), so
only unmistakable pairs are rewritten as double curly marks, character for character
(every offset keeps; the imported text itself is kept as it came, ``Article.raw_text``):

* a mark opening a word after a space, a bracket or the line's start, paired with the
  next mark that closes after a quoted sentence's punctuation (‘We inherited a mess,’ /
  ‘It will.’), or, for a quoted phrase of a few words with no such mark, after its last
  letter (called the plan ‘a disgrace’);
* a line that opens with a mark and a capital and has no closing mark at all: a quotation
  running on into the next paragraph, as quotations are written.

Lines with double marks (or two apostrophes for one, ''like this'') are left alone: there,
single marks are nested quotations or apostrophes, and the double ones already say where
the quotations are.
"""

from __future__ import annotations

import re

# An opening mark: at the start or after a space or bracket, before a letter or digit. A
# closing one: after a letter, digit or a quoted sentence's punctuation, then a space,
# punctuation or the end. ("don't", "Trump’s": a letter on both sides, neither.)
_MARK_RE = re.compile(
    r"(?P<open>(?:^|(?<=[\s(\[—–]))['‘](?=\w))"
    r"|(?P<close>(?<=[\w.,!?…])['’](?=[\s)\]—–,.;:!?]|$))"
)
_SPOKEN_END = frozenset(",.!?…")
PHRASE_WORDS = 6  # a quoted phrase closed after a letter is at most this long


def double_single_quotes(text: str) -> str:
    """``text`` with its quotations in single marks given double ones (“ ”), line by line;
    the same object when there are none (the common case costs a few substring tests)."""
    if "'" not in text and "‘" not in text:
        return text
    lines = text.split("\n")
    changed = False
    for i, line in enumerate(lines):
        if _may_open(line) and not any(map(line.__contains__, _DOUBLE_MARKS)):
            doubled = _double_line(line)
            if doubled is not line:
                lines[i], changed = doubled, True
    return "\n".join(lines) if changed else text


def _may_open(line: str) -> bool:
    """Whether a mark could open a quotation in ``line``: most lines with a straight mark
    have only apostrophes ("it's", "Trump's"), which never follow a space."""
    return "‘" in line or line[:1] == "'" or any(map(line.__contains__, _OPENING_PAIRS))


_OPENING_PAIRS = (" '", "('", "['", "—'", "–'")
# Double marks, and two apostrophes standing for one as typewriter copy writes them.
_DOUBLE_MARKS = ('"', "“", "”", "''")


def _double_line(line: str) -> str:
    opens: list[int] = []
    closes: list[int] = []
    for match in _MARK_RE.finditer(line):
        (opens if match.group("open") is not None else closes).append(match.start())
    pairs = _pairs(line, opens, closes)
    if not pairs:
        if opens == [0] and not closes and line[1:2].isupper():
            return "“" + line[1:]  # a quotation that runs on into the next paragraph
        return line
    chars = list(line)
    for start, end in pairs:
        chars[start], chars[end] = "“", "”"
    return "".join(chars)


def _pairs(line: str, opens: list[int], closes: list[int]) -> list[tuple[int, int]]:
    """Each opening mark with the first closing one after a quoted sentence's punctuation
    before the next opening mark; failing that, a short phrase's closing mark."""
    pairs: list[tuple[int, int]] = []
    done = -1
    for k, start in enumerate(opens):
        if start < done:
            continue  # (an apostrophe-like mark inside the quotation just paired)
        limit = opens[k + 1] if k + 1 < len(opens) else len(line)
        inside = [c for c in closes if start < c < limit]
        spoken = [c for c in inside if line[c - 1] in _SPOKEN_END]
        if spoken:
            done = spoken[0]
        elif inside and _phrase(line[start + 1 : inside[0]]):
            done = inside[0]
        else:
            continue
        pairs.append((start, done))
    return pairs


def _phrase(quoted: str) -> bool:
    """A quoted phrase: a few words, not a lone letter ("rock 'n' roll")."""
    return len(quoted.split()) <= PHRASE_WORDS and sum(ch.isalpha() for ch in quoted) >= 2
