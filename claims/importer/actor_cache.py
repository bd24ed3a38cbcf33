"""The batch's known actors: loaded once, handed to the pipeline as immutable snapshots."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from claims.extract.name_tokens import surname_key
from claims.extract.names import normalize_name
from claims.extract.types import KnownActor, KnownActorSnapshot
from claims.models import Actor, ActorAlias

_WORDS = re.compile(r"\w+")
# The same few thousand names recur in every article; normalising them is not free.
name_key = functools.lru_cache(maxsize=65_536)(normalize_name)
# Process-wide, so two caches (two batches) never hand out the same generation.
_generations = itertools.count()


@dataclass(frozen=True)
class ArticleActors:
    """The actors one article uses, and what it changed (applied to the batch's cache only
    once the article's transaction committed)."""

    ids: Mapping[str, int]
    new_rows: tuple[tuple[int, str, str, str], ...] = ()  # (pk, name, kind, normalised)
    described: frozenset[int] = frozenset()  # got their first description
    undescribed: frozenset[int] = frozenset()  # created without one


class KnownActorCache:
    """Every actor and alias, by normalised form, loaded once per batch (two queries).

    Actors created by an article are added only after its transaction commits, so a failed
    article never leaves ids in the cache that the database rolled back.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.undescribed: set[int] = set()  # people without a description yet
        self._names: dict[int, tuple[str, str]] = {}
        self._aliases: dict[int, list[str]] = {}
        for pk, name, kind, key, description in Actor.objects.values_list(
            "pk", "name", "kind", "normalized_name", "description"
        ):
            self._names[pk] = (name, kind)
            self.ids.setdefault(key, pk)
            if kind == Actor.Kind.PERSON and not description:
                self.undescribed.add(pk)
        for actor_id, alias, key in ActorAlias.objects.values_list(
            "actor_id", "alias", "normalized"
        ):
            self._aliases.setdefault(actor_id, []).append(alias)
            self.ids.setdefault(key, actor_id)
        self._added: list[KnownActor] = []
        self.generation = next(_generations)  # a new one whenever actors are added
        self._snapshot: KnownActorSnapshot | None = None

    def snapshot(self) -> KnownActorSnapshot:
        """The known actors now, built when first asked for in this generation, so the
        pipeline may reuse what it built from a generation it has seen."""
        if self._snapshot is None or self._snapshot.generation != self.generation:
            actors = tuple(
                KnownActor(name=name, kind=kind, aliases=tuple(self._aliases.get(pk, ())))  # type: ignore[arg-type]
                for pk, (name, kind) in self._names.items()
            )
            self._snapshot = KnownActorSnapshot(actors, self.generation)
        return self._snapshot

    def add(self, actors: ArticleActors) -> None:
        for pk, name, kind, key in actors.new_rows:
            if pk not in self._names:
                self._added.append(KnownActor(name=name, kind=kind))  # type: ignore[arg-type]
            self._names[pk] = (name, kind)
            self.ids.setdefault(key, pk)
            self.generation = next(_generations)
        self.undescribed -= actors.described
        self.undescribed |= actors.undescribed

    @property
    def version(self) -> int:
        """How many actors this batch has added so far."""
        return len(self._added)

    def added_since(self, version: int) -> tuple[KnownActor, ...]:
        return tuple(self._added[version:])

    def changed_for(self, text: str, *, since: int) -> bool:
        """Could actors added after ``since`` change how ``text`` is parsed? The pipeline
        finds a known actor by its whole name (so its first word must occur) and a known
        person also by surname alone: if neither word occurs, the parse is the same."""
        new = self._added[since:]
        if not new:
            return False
        # Word by word: the same few thousand words recur, so name_key's cache answers
        # most, where normalising the whole text would cost a pass over every character.
        words = {name_key(word) for word in set(_WORDS.findall(text))}
        return any(_trigger_word(actor) in words for actor in new)


def _trigger_word(actor: KnownActor) -> str:
    key = name_key(actor.name)
    if actor.kind == "person":
        return surname_key(key)
    return (key.split() or [""])[0]
