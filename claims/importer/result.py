"""What happened to one article: a value, built once when the article's import ends."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Status = Literal["created", "updated", "unchanged", "failed"]


@dataclass(frozen=True)
class ImportResult:
    """What happened to one article. ``error`` is a one-line reason when it failed."""

    status: Status
    source_name: str
    article_id: int | None = None
    title: str = ""
    claim_count: int = 0
    kept_claims: int = 0  # reviewed claims preserved through an update
    new_actors: int = 0
    events_linked: int = 0
    events_suggested: int = 0
    error: str = ""
    parse_seconds: float = 0.0
    db_seconds: float = 0.0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @classmethod
    def failed(
        cls, source_name: str, error: str, *, dry_run: bool, parse_seconds: float = 0.0
    ) -> ImportResult:
        return cls(
            status="failed",
            source_name=source_name,
            error=error,
            parse_seconds=parse_seconds,
            dry_run=dry_run,
        )

    @classmethod
    def unchanged(
        cls,
        source_name: str,
        same: tuple[int, str, int],
        *,
        dry_run: bool,
        parse_seconds: float,
        db_seconds: float = 0.0,
    ) -> ImportResult:
        """The same raw text was imported before as ``same``: (id, title, claim count)."""
        article_id, title, claim_count = same
        return cls(
            status="unchanged",
            source_name=source_name,
            article_id=article_id,
            title=title,
            claim_count=claim_count,
            parse_seconds=parse_seconds,
            db_seconds=db_seconds,
            dry_run=dry_run,
        )

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["parse_seconds"] = round(self.parse_seconds, 4)
        data["db_seconds"] = round(self.db_seconds, 4)
        return data
