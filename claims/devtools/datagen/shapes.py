"""The values the generator works with: the sizes asked for, where ids start, and a batch of
rows per table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from claims.devtools.datagen.tables import COLUMNS


@dataclass(frozen=True)
class Sizes:
    articles: int
    claims: int
    actors: int
    events: int
    reviews: int
    relations: int
    evidence_share: float = 0.5  # of reviewed claims that get one evidence row


@dataclass
class Start:
    """First free id per table (``max(id) + 1`` on the target database)."""

    ids: dict[str, int]
    existing_actors: Sequence[tuple[int, str, str]] = ()  # (id, name, kind) already stored
    taken_names: frozenset[str] = frozenset()  # normalised actor names and aliases in use
    taken_wikidata: frozenset[str] = frozenset()
    editor_ids: Sequence[int] = ()


@dataclass
class Batch:
    """Rows of a group of whole articles, per table."""

    rows: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {table: [] for table in COLUMNS}
    )

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.rows.values())
