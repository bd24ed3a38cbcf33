"""Known actors (from the database) and where their names and aliases occur in a sentence.

``known_name_index`` caches one ``KnownNameIndex`` per generation of the importer's
``KnownActorSnapshot``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .name_tokens import SUB_RE, SUB_START_RE, Part, fast_key, make_part, surname_key, word_shape
from .names import normalize_name
from .types import ActorKind, KnownActor, KnownActorSnapshot

_UNSEEN = object()
_Start = str | tuple[int, str, ActorKind] | None  # see KnownNameIndex.start


class KnownNameIndex:
    """Known actors by normalised name and alias, with the prefixes of multi-word names so
    that matching can stop as soon as no name can continue."""

    def __init__(self, known: Sequence[KnownActor] = ()) -> None:
        self.by_key: dict[str, KnownActor] = {}
        self.prefixes: set[str] = set()
        self.person_by_surname: dict[str, list[str]] = {}
        self.max_words = 1
        self._starts: dict[str, _Start] = {}
        self._add(known)

    def _add(self, known: Sequence[KnownActor]) -> None:
        for actor in known:
            for name in (actor.name, *actor.aliases):
                key = normalize_name(name)
                if not key:
                    continue
                self.by_key.setdefault(key, actor)
                words = key.split()
                self.max_words = max(self.max_words, min(len(words), 12))
                for i in range(1, len(words)):
                    self.prefixes.add(" ".join(words[:i]))
            if actor.kind == "person":
                key = normalize_name(actor.name)
                if len(key.split()) >= 2:
                    # A new list rather than an append: extended() shares these lists.
                    surname = surname_key(key)
                    names = self.person_by_surname.get(surname, [])
                    self.person_by_surname[surname] = [*names, actor.name]

    def extended(self, more: Sequence[KnownActor]) -> KnownNameIndex:
        """A new index of this one's actors followed by ``more``: what building it from all
        of them gives (actors are indexed in order; the first to claim a key keeps it),
        without indexing this one's again. This index is left as it was."""
        index = KnownNameIndex()
        index.by_key = dict(self.by_key)
        index.prefixes = set(self.prefixes)
        index.person_by_surname = dict(self.person_by_surname)
        index.max_words = self.max_words
        index._add(more)
        return index

    def start(self, word: str) -> _Start:
        """What a token (as ``SUB_RE`` matched it) can start: None if no known name (it is
        not capitalised or a number, or not a name's first word); (length, name, kind) if the
        token alone is a match and no longer name can continue from it; else its key, to
        read on from. Memoised: the same capitalised words recur in every article."""
        found = self._starts.get(word, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        found = None
        shape = word_shape(word)
        if shape is not None and (word[0].isupper() or word[0].isdigit()):
            core, possessive, _cap, dropped = shape
            key = fast_key(core)
            if key in self.prefixes and not possessive:
                found = key
            elif key in self.by_key and _alias_text_ok(word[: len(word) - dropped], key):
                actor = self.by_key[key]
                found = (len(word) - dropped, actor.name, actor.kind)
        if len(self._starts) >= 100_000:
            self._starts.clear()  # bounded, whatever the input
        self._starts[word] = found
        return found

    def person(self, key: str) -> KnownActor | None:
        actor = self.by_key.get(key)
        return actor if actor is not None and actor.kind == "person" else None

    def non_person(self, key: str) -> bool:
        actor = self.by_key.get(key)
        return actor is not None and actor.kind != "person"

    def unique_person_by_surname(self, key: str) -> str | None:
        names = self.person_by_surname.get(key)
        if not names:
            return None  # (the usual case, without building a set)
        return names[0] if len(set(names)) == 1 else None


_INDEX_CACHE: list[tuple[KnownActorSnapshot, KnownNameIndex]] = []


def known_name_index(known: KnownActorSnapshot | Sequence[KnownActor]) -> KnownNameIndex:
    """The index for ``known``. A snapshot's index is reused while the importer passes the
    same generation. When it has created actors, the next generation is the last one with
    them appended: the last index is then extended with them rather than rebuilt, which
    with thousands of known actors costs more than parsing the article. A plain sequence
    (callers other than the importer) is indexed for this call only."""
    if not isinstance(known, KnownActorSnapshot):
        return KnownNameIndex(known)
    for cached_known, index in _INDEX_CACHE:
        if cached_known.generation == known.generation:
            return index
    index = None
    for cached_known, cached in _INDEX_CACHE:
        done = len(cached_known.actors)
        if len(known.actors) > done and known.actors[:done] == cached_known.actors:
            index = cached.extended(known.actors[done:])
    if index is None:
        index = KnownNameIndex(known.actors)
    _INDEX_CACHE[:] = [(known, index)]
    return index


def _alias_text_ok(text: str, key: str) -> bool:
    """A match must be written as a proper noun: capitalised, and a short alias in capitals
    ("US" and "U.S.", never the pronoun "us"; "EU", never "eu")."""
    if not text[:1].isupper() and not text[:1].isdigit():
        return False
    if len(key.replace(" ", "")) <= 3:
        letters = [ch for ch in text if ch.isalpha()]
        return all(ch.isupper() for ch in letters)
    return True


class Span(NamedTuple):
    """A possible mention; a named tuple for the same reason as ``Part``."""

    start: int
    end: int
    name: str
    kind: ActorKind
    role: str = ""
    priority: int = 0  # higher wins between equally long overlapping spans


def _next_token(text: str, pos: int) -> tuple[Part, int] | None:
    """The next ``SUB_RE`` token at or after ``pos`` (as ``SUB_RE.finditer`` would go on
    from there) that ``make_part`` keeps, with the offset its match ends at."""
    while True:
        match = SUB_RE.search(text, pos)
        if match is None:
            return None
        part = make_part(text, match.start(), match.end())
        if part is not None:
            return part, match.end()
        pos = match.end()


def known_spans(text: str, index: KnownNameIndex) -> list[Span]:
    by_key = index.by_key
    if not by_key:
        return []
    prefixes = index.prefixes
    starts = index.start
    spans = []
    # Only a capitalised (or numeric) token can start a known name; SUB_START_RE finds the
    # SUB_RE tokens that may, and skips the lower-case ones, which are most of a text. The
    # tokens after a start are read one by one, and only while a name can continue.
    for match in SUB_START_RE.finditer(text):
        found = starts(match.group())
        if found is None:
            continue  # the usual case: no known name starts with this word
        first = match.start()
        if isinstance(found, tuple):  # "Russia", "NATO": one word, and nothing longer
            length, name, kind = found
            spans.append(Span(first, first + length, name, kind, priority=1))
            continue
        key = found
        token = make_part(text, first, match.end())
        if token is None:
            continue
        best: Part | None = None
        best_key = ""
        last, raw_end = token, match.end()
        while True:
            if key in by_key:
                best, best_key = last, key
            if key not in prefixes or last.possessive:
                break
            following = _next_token(text, raw_end)
            if following is None or text[last.end : following[0].start] not in (" ", "-"):
                break
            last, raw_end = following
            key = f"{key} {fast_key(last.core)}"
        if best is None:
            continue
        written = text[token.start : best.end]
        if not _alias_text_ok(written, best_key):
            continue
        actor = by_key[best_key]
        spans.append(Span(token.start, best.end, actor.name, actor.kind, priority=1))
    return spans
