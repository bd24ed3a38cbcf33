"""What "the ministry" refers to: an organisation the article has already quoted or named.

A description of a person ("the president") is resolved by the roles the people pass found;
a description of an institution is resolved the way a reader does it, by the last named
organisation it fits: after "Ukraine's Defence Ministry said …", "the ministry said …" is
that ministry, while "the agency said …" fits nothing named and stays without a speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .lexicon import word_set
from .role_words import ORG_WORDS_CF

# Words of a description that do not narrow it down: "the", "its", "country's".
_SKIP = word_set("the a an its their his her this that our same")
_WORD_RE = re.compile(r"[^\W\d_][\w.&-]*")
_POSSESSIVE = ("'s", "’s", "s'", "s’")
_REMEMBERED = 8  # organisations kept, most recent last: a description reaches back this far


def _words(text: str) -> list[str]:
    # (A sentence's stop is no part of its last word: "according to the ministry.")
    return [w.casefold().rstrip(".") for w in _WORD_RE.findall(text)]


@dataclass(slots=True)
class Institutions:
    """The organisations an article has named as sources or mentions, most recent last."""

    names: list[str] = field(default_factory=list)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def add(self, name: str) -> None:
        if name in self.names:
            self.names.remove(name)
        self.names.append(name)
        if len(self.names) > _REMEMBERED:
            del self.names[0]

    def extend(self, names: Iterable[str]) -> None:
        for name in names:
            self.add(name)

    def resolve(self, description: str) -> str | None:
        """The most recent organisation whose name has every word of ``description`` ("the
        ministry", "the defence ministry"), its head an organisation's word; else None."""
        words = [
            w for w in description.split() if not w.endswith(_POSSESSIVE)
        ]  # ("Russia's ministry": the ministry)
        wanted = [w for w in _words(" ".join(words)) if w not in _SKIP]
        if not wanted or wanted[-1] not in ORG_WORDS_CF:
            return None
        for name in reversed(self.names):
            have = _words(name)
            if all(w in have for w in wanted):
                return name
        return None

    def short_for(self, word: str) -> str | None:
        """The most recent organisation a lone name shortens: its first word ("Kestrel" for
        "Kestrel Power Holdings") or its head ("the Commission" for "European
        Commission"); else None."""
        folded = word.casefold().rstrip(".")
        acronym = word.isupper()  # ("SVP" is the party, not its wing "Junge SVP")
        for name in reversed(self.names):
            words = _words(name)
            if len(words) > 1 and (folded == words[0] or (folded == words[-1] and not acronym)):
                return name
        return None
