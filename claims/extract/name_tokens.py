"""The capitalised-word tokens names are made of, the titles that may stand before a name, and
the keys names are compared by.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial
from typing import NamedTuple

from .lexicon import NAME_SUFFIXES, word_set
from .names import normalize_name

# Capitalised titles that precede a name: the last one before the name is the role's head.
TITLE_HEADS = word_set(
    """President President-elect Secretary Secretary-General Senator Sen. Representative Rep.
    Congressman Congresswoman Governor Gov. Mayor Minister Chancellor King Queen Prince
    Princess Sheikh Emir Pope Ambassador Envoy Adviser Advisor Director Chairman Chairwoman
    Chair CEO Leader Speaker Spokesman Spokeswoman Spokesperson General Gen. Lt. Colonel Col.
    Admiral Adm. Commander Marshal Sergeant Sgt. Captain Capt. Major Maj. Judge Justice
    Prosecutor Commissioner Chief Mr. Mrs. Ms. Dr. Prof. Professor Sir Dame Lord Lady Rev.
    Father Patriarch Ayatollah Premier Deputy Lawmaker Negotiator Coordinator Administrator
    Attorney Treasurer Official Officer Founder Editor Anchor Diplomat Senators
    Detective Det. Inspector Insp. Constable Superintendent Supt. Sheriff Nurse Headteacher
    Principal Councilman Councilwoman Councillor Councilor Alderman Clerk Shri Sri Smt. Smt
    Mr Mrs Ms Mx Dr Prof Cllr MP MLA MPP MEP Councilmember Assemblymember Assemblyman
    Assemblywoman Honourable Honorable Hon. Coun. Atty. Atty Barrister Brig. Brigadier
    Auditor Comptroller Controller Ombudsman Registrar Coroner Magistrate Supervisor"""
)  # (British, Australian and Indian copy write "Mr Smith", "Dr Patel" without a stop)
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
CAP_PART_RE = re.compile(r"[^\Wa-zß-öø-ÿ0-9_](?<![\w'’.\-].)\w*(?:['’.\-]\w+)*['’]?\.?")
# An Arabic surname with its article, as AP and Reuters write it: "al-Sisi", "el-Erian".
# It is a name's word like a capitalised one (a run may end with it).
ARABIC_ARTICLE = r"(?:al|el|ad|ar|as|at|az|an|ash)-"
HYPHENED_SURNAME = rf"{ARABIC_ARTICLE}[A-Z][\w'’]*"
HYPHENED_SURNAME_RE = re.compile(HYPHENED_SURNAME)
_JOINERS = word_set(
    "von van der den de da das do dos du del della di la le bin bint ibn al el ben ter zu y of the"
)
# Matched from one space before the word. (Only a whole word passes the look-ahead, so the
# order of the alternatives does not matter.)
JOINER_RE = re.compile(rf" ({'|'.join(sorted(_JOINERS))}|{HYPHENED_SURNAME})(?![\w'’\-])")
# The letters a joiner starts with: most words after a name start with another.
JOINER_INITIALS = frozenset(word[0] for word in _JOINERS)
# Known names and aliases are matched on words without hyphens ("U.S.-Russia": U.S., Russia).
SUB_RE = re.compile(r"\w+(?:['’.]\w+)*['’]?\.?")
# The tokens of ``SUB_RE.finditer`` that may start a name: all but those beginning with an
# ASCII lower-case letter, and "_" ones, which ``make_part`` drops. A token starts where
# no word character precedes it, nor an apostrophe or period that itself follows one (it
# would have continued that token: "U.S", "O’Brien"). The class comes first, so the regex
# engine scans for it in C; the look-behinds after it, one character wider.
SUB_START_RE = re.compile(r"[^\Wa-z_](?<!\w.)(?<!\w['’.].)\w*(?:['’.]\w+)*['’]?\.?")
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


# ``Part(*fields)`` at half the cost: a named tuple's ``__new__`` is a Python function, and a
# sentence makes a part of every capitalised word.
new_part: Callable[[tuple[int, int, str, bool, bool]], Part] = partial(tuple.__new__, Part)


@lru_cache(maxsize=65536)
def word_shape(word: str) -> tuple[str, bool, bool, int] | None:
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


def make_part(text: str, start: int, end: int) -> Part | None:
    shape = word_shape(text[start:end])
    if shape is None:
        return None
    core, possessive, cap, dropped = shape
    return new_part((start, end - dropped, core, possessive, cap))


@lru_cache(maxsize=65536)
def fast_key(core: str) -> str:
    """``normalize_name`` for one word, with a fast path for plain ASCII."""
    if core.isascii():
        plain = core.replace(".", "").replace("'", "")
        if plain.isalnum():
            return plain.lower()
    return normalize_name(core)
