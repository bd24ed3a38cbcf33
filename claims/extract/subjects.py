"""Whether a name before a speech verb is the verb's subject, where the words between them
alone do not say (``speech.gap_is_transparent`` reads those): a name inside a relative
clause is not ("Officials who met Ames said"), nor one a noun for people owns ("An aide to
Ames said"); a name set off by commas after a description is ("The president of the Harbour
Authority, Anu Saar, urged").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .sources import SPOKES_NOUNS, is_person_noun

if TYPE_CHECKING:
    from .attribution import PersonRef

_OBJECT_LEADS = frozenset(("of", "for", "at", "in", "from", "with", "to", "by", "the"))


def names_in_commas(text: str, ref: PersonRef, refs: Sequence[PersonRef]) -> bool:
    """A name set off by commas before the verb ("The president of the Harbour Board, Anu
    Saar, urged"), after a name that is the object of a preposition in the description
    before it: that one is not the subject, the name in commas is."""
    opening = text[: ref.start].rstrip()
    if not opening.endswith(","):
        return False
    head = opening[:-1].rstrip()
    before = [r for r in refs if r.end == len(head)]
    if not before:
        return _described_at_start(head)
    words = text[max(0, before[0].start - 20) : before[0].start].split()
    return bool(words) and words[-1].casefold() in _OBJECT_LEADS


# How a description that opens a sentence starts: "A village chief in Liloan, Ana Cruz,
# said", "Another parent, …", "The agency's head of sport, …", "One resident, …".
_DESCRIPTION_START_RE = re.compile(
    r"(?:(?:[Bb]ut|[Aa]nd|[Ss]till)\s+)?(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]he|[Hh]is|[Hh]er|"
    r"[Tt]heir|[Ii]ts|[A-Z][\w.-]*['’]s)\s+[^,;:()“”\"—–]{1,70}"
)


# A quotation opening the sentence, its source written after it: "“…,” the chair, …"
_QUOTATION_FIRST_RE = re.compile(r"[“\"‘].*[,?!][”\"’]\s+")


def _described_at_start(head: str) -> bool:
    """Whether ``head``, all of the sentence before a name's opening comma (or all of it
    after an opening quotation), is a description (a determiner, then no clause): the name
    in commas is the one it describes."""
    quotation = _QUOTATION_FIRST_RE.match(head)
    if quotation is not None:
        head = head[quotation.end() :]
    return _DESCRIPTION_START_RE.fullmatch(head) is not None


_RELATIVE_BEFORE_RE = re.compile(r"\s(?:who|that)\s[^,;:()“”\"—–]{0,40}$")


def in_relative_clause(text: str, start: int) -> bool:
    """Whether a mention sits in a relative clause with no comma before it ("officials who
    spoke with the Courier said"): it is not the subject of the verb after the clause."""
    window = text[max(0, start - 45) : start]
    return ("who" in window or "that" in window) and bool(_RELATIVE_BEFORE_RE.search(window))


# "an aide to", "officials close to", "a spokesman for the": a noun for people, then the
# preposition that makes the next name its object.
_OWNER_RE = re.compile(r"([^\W\d_]+)\s+(?:close\s+to|for|to|of|at|with|near|from)\s+(?:the\s+)?$")
_OWNER_ENDINGS = (" for ", " to ", " of ", " at ", " with ", " near ", " from ", " the ")


def owner_noun(text: str, start: int) -> str:
    """The noun for people whose object a name at ``start`` is ("aide" in "An aide to Ames
    said", "spokesman" in "a spokesman for the Harbour Authority"), casefolded; else "".
    The name is then not the verb's subject: the aide speaks, not Ames."""
    if not text.endswith(_OWNER_ENDINGS, 0, start):  # (in C, before the regex)
        return ""
    match = _OWNER_RE.search(text, max(0, start - 40), start)
    if match is None or not is_person_noun(match.group(1)):
        return ""
    return match.group(1).casefold()


def spokesperson_of(
    text: str, word: tuple[str, int, int], actors: Sequence[PersonRef]
) -> str | None:
    """ "A Kremlin spokesman said": the organisation named right before the spokesperson
    (``word``: the word, its start and end) speaks, on the record; its name, or None."""
    if word[0].casefold() not in SPOKES_NOUNS:
        return None
    for ref in actors:
        if ref.end + 1 == word[1] and text[ref.end] == " " and not ref.possessive:
            return ref.name
    return None


_AND_OTHERS_RE = re.compile(r"\s+and\s+(?:[\w'’.-]+\s+){1,3}(?:both\s+|all\s+)?$")


def compound_subject(text: str, verb_start: int, people: Sequence[PersonRef]) -> str | None:
    """ "Sanders and his supporters argue …": the person named first speaks for them."""
    for ref in reversed(people):
        if ref.end <= verb_start:
            gap = text[ref.end : verb_start]
            if len(gap) < 40 and not ref.possessive and _AND_OTHERS_RE.fullmatch(gap):
                return ref.name
            return None
    return None
