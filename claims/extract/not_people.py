"""Capitalised runs that look like a person's name and are not one: an organisation
("Diriyah Palace", "Air Force One"), a group ("U.S. Officials"), the end of an office's or
a body's name ("High Commissioner for Refugees", "Commission on Human Rights"), a place
("North Korea") or a seat ("the MP for Leeds East")."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import word_set
from .role_words import ORG_WORDS_CF, PLACE_FORMERS, SOURCE_ORG_WORDS_CF
from .speech import UNNAMED_SUBJECTS

__all__ = ["not_a_person", "portfolio_office"]

# What a seat or a portfolio is named after: "MP for Leeds East", "Member for Wentworth",
# "Minister for Foreign Affairs", "Senator for Victoria" (a place or an office, not a person).
_SEAT_BEFORE_RE = re.compile(
    r"\b(?i:mp|member|minister|secretary|senator|representative|councillor|candidate)"
    r"\s+for\s+(?:the\s+)?$"
)
_SEAT_ENDINGS = ("for ", "for the ")  # (tested first: every candidate without a role asks)


def not_a_person(text: str, start: int, cores: list[str], has_role: bool) -> bool:
    """Whether the run of name words ``cores`` starting at ``start`` names no person (a
    role written before it rules out a place or a seat: "President Ames")."""
    if any(map(_is_org_word, cores)):
        return True  # ("Diriyah Palace", "Air Force One")
    if cores[-1].casefold() in _GROUP_NOUNS or _ends_an_office(text, start):
        return True  # "U.S. Officials said"; "Commission on Human Rights"
    return not has_role and _place_or_seat(text, start, cores[0].casefold())


_PORTFOLIO_LINKS = (" for ", " on ", " of ")
_PORTFOLIO_HEADS = ORG_WORDS_CF | word_set(
    "commissioner minister secretary rapporteur envoy ambassador coordinator"
)


def _ends_an_office(text: str, start: int) -> bool:
    """Whether a run at ``start`` ends an organisation's or an office's name, linked to its
    head word ("Commission on Human Rights", "High Commissioner for Refugees")."""
    if not text.endswith(_PORTFOLIO_LINKS, 0, start):
        return False
    words = text[max(0, start - 40) : start].split()
    return len(words) >= 2 and words[-2].casefold().rstrip(".,") in _PORTFOLIO_HEADS


_GROUP_NOUNS = frozenset(w for w in UNNAMED_SUBJECTS if w.endswith("s") and len(w) > 4)


def _place_or_seat(text: str, start: int, first: str) -> bool:
    """Whether a run with no role before it names a place ("North Korea", "New York"; its
    ``first`` word casefolded) or a seat ("the MP for Leeds East", "Minister for Foreign
    Affairs"), not a person."""
    if first in PLACE_FORMERS:
        return True
    return text.endswith(_SEAT_ENDINGS, 0, start) and (
        _SEAT_BEFORE_RE.search(text, max(0, start - 40), start) is not None
    )


@lru_cache(maxsize=65536)
def _is_org_word(core: str) -> bool:
    # (The wider set: no one's name ends in "Administration" or "Coalition".)
    return core.rstrip(".").casefold() in SOURCE_ORG_WORDS_CF


# "Minister for Housing", "Federal Minister for Power", "Secretary of State for Health":
# an office named by its portfolio, then the one who holds it.
_PORTFOLIO_OFFICE_RE = re.compile(
    r"((?:[A-Z][\w.-]*\s+){0,2}(?:Minister|Secretary|Commissioner|Ambassador|Envoy|"
    r"Spokesperson|Coordinator)(?:\s+of\s+State)?)\s+for\s+(?:the\s+)?$"
)


def portfolio_office(text: str, start: int) -> int | None:
    """Where the office a run at ``start`` is the portfolio of starts ("Minister for |
    Housing …"), or None."""
    office = _PORTFOLIO_OFFICE_RE.search(text, max(0, start - 60), start)
    return office.start(1) if office is not None else None
