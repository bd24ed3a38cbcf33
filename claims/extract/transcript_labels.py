"""Speaker labels: the words that open a transcript's turn, and what kind of label each is.

An upper-case label of one to five words ending in a colon (``THE PRESIDENT:``, ``MR.
SMITH:``, ``Q:``), perhaps with a party and a description (``SEN. JANE ROE (D-MA), CHAIR:``);
a label ending in a period (``The President.``, ``Mr. Smith.``, ``Chancellor Maas.``,
``Mrs. PARK of Virginia.``); a title-case label ending in a colon (``Vladimir Putin:``,
``Moderator:``, ``Mr. Nebenzia (Russian Federation):``); the bare reporter's ``Q``/``Q.``
and a witness's ``A.``. A time stamp may stand before or after it (``[00:01:05] CHIEF
RUIZ:``, ``Luis Alvarez: (00:04)``). ``transcripts`` decides whether labels make a
transcript.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .labels import is_label_phrase
from .lexicon import FUNCTION_WORDS
from .name_tokens import TITLE_HEADS
from .names import normalize_name

__all__ = [
    "NAME_WORD",
    "NOT_FIRST_NAMES",
    "TITLE_KEYS",
    "TITLE_WORD",
    "Label",
    "Parts",
    "full_labels",
    "initials",
    "is_own_line_label",
    "label_at",
    "label_parts",
]

_UPPER_WORD = r"[A-Z][A-Z.'’\-]*+"
TITLE_WORD = r"[A-Z][\w'’\-]*+"
NAME_WORD = r"(?:[A-Z][\w.'’\-]*+|\d{1,3}|von|van|der|de|del|da|di|la|le|al|bin)"
# Capitalised words of a title that stand before a surname without being a first name:
# the titles names carry ("Secretary", "Mr.") and function words ("By", "With").
NOT_FIRST_NAMES = frozenset(t.casefold().rstrip(".") for t in TITLE_HEADS) | FUNCTION_WORDS
TITLE_KEYS = frozenset(normalize_name(t) for t in TITLE_HEADS)
_STAMP = r"[\[(]\d{1,2}(?::\d{2}){1,2}[\])]"  # [00:01:05], (02:44)
# Titles written without a period that may open a period-style label ("Chancellor Maas.",
# "Prime Minister Oda."): checked after the match, cheaper than an alternation of them all.
_HEADS = frozenset(t for t in TITLE_HEADS if t.isalpha() and t.istitle())
_LABEL_RE = re.compile(
    # A transcript quoted whole opens each paragraph with a quotation mark: "MR. SMITH: …
    rf"[\"“]?(?:{_STAMP}\s)?(?:"
    # MR. SMITH: / Q: / SEN. JANE ROE (D-MA), CHAIR: (upper case, one to five words, a colon)
    rf"(?P<upper>(?:{_UPPER_WORD}\s){{0,4}}{_UPPER_WORD})(?:\s?\([^()\n]{{1,40}}\))?"
    r"(?:,\s(?P<desc>[A-Z][A-Z0-9.&'’,\- ]{0,60}?))?"
    rf":(?:\s{_STAMP})?(?=\s|\Z)"
    # The President. / Mr. Smith. / Prime Minister Oda. / Mrs. PARK of Virginia.
    rf"|(?P<title>(?:The|[A-Z][a-z]{{1,3}}\.|(?P<head>(?:[A-Z][a-z]+\s)?[A-Z][a-z]+))"
    rf"(?:\s{TITLE_WORD}){{1,3}}(?:\spro\stempore|\sof(?:\s{TITLE_WORD}){{1,2}})?)"
    r"\.(?=\s+[A-Z“\"‘'])"
    # Q Mr. President, … / Q. Do you … (the reporter, unlabelled otherwise); A. (the witness,
    # in testimony: only where "Q" labels are, see ``transcripts``)
    r"|(?P<q>Q)\.?(?=\s)|(?P<a>A)[.:](?=\s)"
    # Vladimir Putin: / Moderator: / Speaker 3: / Mr. Nebenzia (Russian Federation): / The
    # Prime Minister (Keir Starmer): / Ann Lee (Leeds East) (Lab): (title case; see
    # _recurring_named)
    # (and "Official Spokesperson, Ana Roos:", a role before the name)
    rf"|(?P<named>(?:[A-Z][\w'’\-]*+(?:\s[A-Z][\w'’\-]*+){{0,3}},\s)?"
    rf"[A-Z][\w.'’\-]*+(?:\s{NAME_WORD}){{0,4}})"
    r"(?:\s\((?P<paren>[^()\n]{1,40})\)){0,2}"
    rf":(?:\s{_STAMP})?(?=\s|\Z))"
)
# A name in a label's brackets: "The Prime Minister (Keir Starmer)" speaks as Keir Starmer.
_BRACKETED_NAME_RE = re.compile(r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+){1,3}")


class Label(NamedTuple):
    label: str  # the speaker's name or role as written: "SEN. JANE ROE", "Chancellor Maas"
    kind: str  # which of _LABEL_RE's groups: "upper", "title", "q", "a" or "named"
    desc: str  # the description after a comma: "CNN HOST"
    start: int  # where the label's words start (after a quotation mark or a time stamp)
    end: int  # where the label ends (the paragraph's own words start after it)
    bracketed: bool = False  # a title-case label with a seat, party or country in brackets


def label_at(body: str, start: int, end: int) -> Label | None:
    """The speaker label opening the paragraph body[start:end], if any."""
    match = _LABEL_RE.match(body, start, end)
    if match is None:
        return None
    kind = next(k for k in ("upper", "title", "q", "a", "named") if match.group(k) is not None)
    if match["head"] and not any(word in _HEADS for word in match["head"].split()):
        return None  # ("Germany Has Tripled Its Aid. …": a headline, no title)
    label, desc = match[kind], match["desc"] or ""
    if kind == "named" and ", " in label:  # "Official Spokesperson, Ana Roos": she, the role
        desc, label = label.split(", ", 1)
    if kind == "named" and match["paren"] and label.startswith("The "):
        # (only the first bracket is kept by the group: it is the one after "The …")
        bracket = body[match.end("named") : match.end()].split("(", 2)[1].split(")")[0]
        if _BRACKETED_NAME_RE.fullmatch(bracket):
            label = bracket
    bracketed = bool(match["paren"]) and not label.startswith("The ") and not desc
    start = match.end(kind) - len(label) if kind == "named" else match.start(kind)
    return Label(label, kind, desc, start, match.end(), bracketed)


def is_own_line_label(line: str) -> bool:
    """Whether ``line`` is a speaker label and nothing else ("DENNING:", "Luis Alvarez:
    (00:04)"): it recurs through a transcript without being a repeated line to drop."""
    if len(line) > 80 or line[-1:] not in ":)]":
        return False
    found = label_at(line, 0, len(line))
    return found is not None and found.end == len(line) and not is_label_phrase(found.label)


class Parts(NamedTuple):
    role: str  # "president" for THE PRESIDENT; "" for a label that names someone
    name: list[str]  # the name's words as written: ["ELIZABETH", "WARREN"]
    keys: list[str]  # the same normalised: ["elizabeth", "warren"]
    titled: bool  # a title stands before the name ("MR. SMITH")


def label_parts(label: str) -> Parts:
    """A label's role or name: "SEN. ELIZABETH WARREN" -> Elizabeth Warren; the seat of
    "Mrs. PARK of Virginia" and "The SPEAKER pro tempore" is no part of either."""
    words = label.split()
    for i in range(1, len(words)):
        if words[i] in ("of", "pro"):
            words = words[:i]
            break
    keys = [normalize_name(w) for w in words]
    if keys and keys[0] == "the":
        return Parts(" ".join(keys[1:]), [], [], True)
    start = 0  # the title ends with its last title word before the name's last word
    for i, key in enumerate(keys[:-1]):
        if key in TITLE_KEYS:
            start = i + 1
    return Parts("", words[start:], keys[start:], start > 0)


def full_labels(labels: Iterable[str]) -> dict[str, str]:
    """Lone surname label ("TAPPER") -> the one label naming that surname in full ("JAKE
    TAPPER, CNN HOST" is "JAKE TAPPER"): a transcript introduces its speakers once."""
    names = {label: label_parts(label).keys for label in labels}
    by_surname: dict[str, set[str]] = {}
    for label, keys in names.items():
        if len(keys) > 1:
            by_surname.setdefault(keys[-1], set()).add(label)
    by_initials: dict[str, list[str]] = {}  # "mh" -> ["Marcus Hale"]
    for label, keys in names.items():
        if 1 < len(keys) <= 3:
            by_initials.setdefault(initials(keys), []).append(label)
    fulls = {}
    for label, keys in names.items():
        if len(keys) != 1:
            continue
        if len(by_surname.get(keys[0], ())) == 1:
            fulls[label] = next(iter(by_surname[keys[0]]))
        elif label.isupper() and len(by_initials.get(keys[0], ())) == 1:
            fulls[label] = by_initials[keys[0]][0]  # "MH:" after "Marcus Hale:"
    return fulls


def initials(words: Sequence[str]) -> str:
    """A name's initials as a label writes them for short: "marcus hale" -> "mh"."""
    return "".join(w[0] for w in words)
