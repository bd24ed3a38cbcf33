"""Whether a source phrase is a proper name, and of what: a person ("Chris Covert", "Sen.
Jack Reed"), an organisation ("The Daily Courier", "Justice Department", "Food and Drink
Federation"), or a lone word that may be either ("Halvorsen", "Acme"). Pure and cached: the
attribution stages ask it of each source they cannot match to a person the article names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .abbreviations import abbreviations
from .lexicon import CALENDAR_WORDS, FUNCTION_WORDS, NAME_SUFFIXES, word_set
from .name_tokens import ARABIC_ARTICLE, TITLE_HEADS
from .role_words import LEADING_ROLE_WORDS, SOURCE_ORG_WORDS_CF

__all__ = ["cause_name", "source_name"]

_PAREN_RE = re.compile(r"\([^()]*\)?")
# Small words that link an organisation's capitalised ones ("Bank of England").
NAME_LINKS = frozenset(("of", "for", "and", "&", "the", "on"))
_TITLES_CF = frozenset(t.casefold().rstrip(".") for t in TITLE_HEADS)
# Titles and role words before a name: "Sen. Ann Marsh", "Ranking Democrat Ann Marsh".
_LEADS_CF = _TITLES_CF | LEADING_ROLE_WORDS
# What an organisation is, written before its name: "utility Vattenfall", "group SERAP".
_ORG_KINDS = word_set(
    """utility group charity company firm bank lender insurer carrier airline retailer
    automaker carmaker chipmaker drugmaker manufacturer maker giant conglomerate startup
    start-up agency regulator watchdog union federation association organisation
    organization nonprofit non-profit ngo broadcaster newspaper network platform exchange
    operator producer developer fund investor consultancy"""
)
_NAME_WORD_RE = re.compile(rf"(?:[A-Z]|{ARABIC_ARTICLE}[A-Z])[\w'’.-]*$")  # ("al-Sisi")


@lru_cache(maxsize=4096)  # (asked twice of most sources, weak or not and then whose name)
def source_name(phrase: str) -> tuple[str, str] | None:
    """A source written as a proper name, and what it likely is: "person" for a full or
    titled name ("Chris Covert", "Mr. Regalado", "Sen. Jack Reed"), "organization" for a
    name with "the" or ending in an organisation's word ("The Daily Courier", "Justice
    Department"),
    "other" for a lone bare word ("Halvorsen said", "Acme said": a surname or a company).
    None for anything that is not a name: lower-case words, more than five words."""
    words = _PAREN_RE.sub(" ", phrase).split()  # "Sen. Ann Marsh (D-Md.)"
    article = bool(words) and words[0].casefold() == "the"
    words = words[article:]
    cut = _time_after(words)
    if cut is not None:
        words = words[:cut]  # "The International Monetary Fund on Tuesday lowered …"
    while len(words) > 2 and words[0].islower():  # "retired Army Gen. Ann Marsh"
        words = words[1:]
    lower = [i for i, w in enumerate(words[:-1]) if w.islower() and w not in FUNCTION_WORDS]
    if lower and words[lower[-1]] in _ORG_KINDS and len(words) - lower[-1] <= 5:
        # "Swedish utility Vattenfall", "The Catholic charity Caritas": what it is, then it
        name = words[lower[-1] + 1 :]
        if all(_NAME_WORD_RE.match(w) for w in name):
            return " ".join(name).rstrip(".,"), "organization"
    if lower and len(words) - lower[-1] > 2:  # "TV host Ann Marsh": the name after the role
        words = words[lower[-1] + 1 :]
    linked = _linked_organisation(words) or cause_name(words)
    if linked is not None:
        return linked, "organization"
    organisation = bool(words) and words[-1].casefold().rstrip(".,") in SOURCE_ORG_WORDS_CF
    titles = [i for i, w in enumerate(words[:-1]) if w.casefold().rstrip(".") in _LEADS_CF]
    titled = bool(titles) and not organisation  # ("Justice" in "Justice Department")
    if titled and words[titles[-1]].casefold().rstrip(".") not in _TITLES_CF:
        # A role word ("Trade", "International") leads a full name only: "Trade Minister
        # Ann Marsh", but "Amnesty International Kenya" is one name.
        titled = len(words) - titles[-1] > 2
    words_before_cut = words[: titles[-1] + 1] if titled else words
    if titled:  # "Army Gen. Ann Marsh": the name follows the last title
        words = words[titles[-1] + 1 :]
    if not 1 <= len(words) <= 5 or not all(_NAME_WORD_RE.match(w) for w in words):
        return None
    by_title = titled and words_before_cut[-1].casefold().rstrip(".") in _TITLES_CF
    if not by_title and words[-1].casefold().rstrip(".,") in _TITLES_CF:
        return None  # "former Pennsylvania Gov." (and then the name, cut off; not "Mr. King")
    folded = [w.casefold().rstrip(".,") for w in words]
    if any(w in FUNCTION_WORDS or w in CALENDAR_WORDS for w in folded):
        return None  # ("on Sunday defended": a time, not a name)
    name = " ".join(words).rstrip(",")
    if name.endswith(".") and words[-1].count(".") == 1 and not _abbreviated(folded[-1]):
        name = name[:-1]  # the sentence's full stop ("by The Daily Courier."), not "Inc."
    if article or organisation:
        return name, "organization"
    if len(words) == 1 and (folded[-1] in NAME_SUFFIXES or words[0].endswith(".")):
        return None  # "Jr.", "Md.": an abbreviation, not a name
    return name, "person" if titled or len(words) > 1 else "other"


_CAUSE_LINKS = frozenset(("for", "without", "against"))


def cause_name(words: list[str]) -> str | None:
    """A group named for its cause: people in the plural, then what for ("Physicians for
    Human Rights", "Doctors Without Borders", "Mothers Against Drunk Driving")."""
    if not 3 <= len(words) <= 7 or words[1].casefold() not in _CAUSE_LINKS:
        return None
    if not (words[0].endswith("s") and words[0][:1].isupper()):
        return None
    rest = words[2:]
    if not all(_NAME_WORD_RE.match(w) or w.casefold() in NAME_LINKS for w in rest):
        return None
    return " ".join(words).rstrip(",.")


def _time_after(words: list[str]) -> int | None:
    """Where a time after a name starts ("White House on Monday", "Fund on Tuesday"), or
    None. ("Commission on Human Rights" links a name: no calendar word follows "on".)"""
    for i in range(1, len(words) - 1):
        if words[i] == "on" and words[i + 1].casefold().rstrip(".,") in CALENDAR_WORDS:
            return i
    return None


def _abbreviated(word: str) -> bool:
    """Whether a name's last word, casefolded without its stop, is written with one: an
    initial ("J."), a suffix ("Jr."), an abbreviation ("Inc.", "Md."); not "Lee." or "Hoa."
    at the end of a sentence."""
    return len(word) < 2 or word in NAME_SUFFIXES or word in abbreviations()


def _linked_organisation(words: list[str]) -> str | None:
    """An organisation's name with small words linking its capitalised ones ("Food and Drink
    Federation", "Bank of England", "Office of the High Commissioner for Human Rights"): one
    of its words an organisation's; else None."""
    if not 3 <= len(words) <= 9:
        return None
    folded = [w.casefold().rstrip(".,") for w in words]
    links = [w in NAME_LINKS for w in folded]
    if links[0] or links[-1] or not any(links):
        return None
    for word, link in zip(words, links, strict=True):
        if not link and not (word[0].isupper() and _NAME_WORD_RE.match(word)):
            return None
    if not any(w in SOURCE_ORG_WORDS_CF for w in folded):
        return None
    return " ".join(words).rstrip(",.")
