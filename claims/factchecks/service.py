"""Importing fact-checks published elsewhere: reading a file, an upload or a URL, and the
transactional write of the ClaimReviews found in it (``FactCheck`` rows).

One source (file, upload, URL) is one transaction: its readable reviews are written
together or not at all; each unreadable one is a line in the result naming it and the
field, and never stops the others. A review already imported (same ``url`` and
``claimReviewed``) is updated in place, so importing a feed again adds only what is new.
URLs go through the importer's safe fetcher (``claims.importer.fetch``: no private
addresses, timeouts, the size limit), files through the same size limit.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from claims.extract.errors import ArticleError
from claims.importer import fetch, limits
from claims.importer.formats import decode
from claims.importer.reading import collect_files
from claims.models import FactCheck

from .parse import ParsedFactCheck, ParseError, Problem, parse_document

# What a URL may answer with: JSON-LD and JSON feeds, and HTML pages carrying JSON-LD.
ACCEPT = frozenset(
    {"application/ld+json", "application/json", "text/html", "application/xhtml+xml"}
)
# Columns an import rewrites when a review comes again (imported_at and key stay).
_UPDATED = (
    "url", "claim_reviewed", "publisher_name", "publisher_url", "claimant", "claim_date",
    "review_date", "language", "textual_rating", "rating_value", "best_rating",
    "worst_rating", "rating_explanation", "appearances", "raw", "source",
)  # fmt: skip


@dataclass
class SourceResult:
    """What one file or URL gave: counts, the reviews written, and one line per problem
    (``error``: the whole source could not be read, and nothing of it was written)."""

    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str = ""
    problems: list[Problem] = field(default_factory=list)
    fact_checks: list[FactCheck] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.error or self.problems)

    def lines(self) -> list[str]:
        """One line for the source, then one per unreadable review."""
        if self.error:
            return [f"failed     {self.source}: {self.error}"]
        head = (
            f"{'imported' if not self.problems else 'partly':<10} {self.source}: "
            f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged"
        )
        if self.problems:
            head += f", {len(self.problems)} not readable"
        return [head, *(f"  {self.source}: {problem}" for problem in self.problems)]


def read_text(source: str | Path) -> str:
    """The text of a file or URL; ``ArticleError`` (one line) when it cannot be read."""
    if isinstance(source, str) and fetch.looks_like_url(source):
        return fetch.fetch(source, accept=ACCEPT).text()
    path = Path(source)
    try:
        limits.check_size(path.stat().st_size)  # before reading it into memory
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such file") from None
    except IsADirectoryError:
        raise ArticleError("is a directory") from None
    except OSError as exc:
        raise ArticleError(f"cannot read the file: {exc.strerror or exc}") from None
    return decode(data)


def import_sources(
    sources: Iterable[str | os.PathLike[str]], *, dry_run: bool = False
) -> list[SourceResult]:
    """Each file (directories expanded), or URL, imported in its own transaction."""
    results = []
    for source in collect_files(sources):
        name = str(source)
        try:
            text = read_text(source)
        except ArticleError as exc:
            results.append(SourceResult(name, error=str(exc)))
            continue
        results.append(import_text(text, source=name, dry_run=dry_run))
    return results


def import_text(text: str, *, source: str, dry_run: bool = False) -> SourceResult:
    """The ClaimReviews in ``text`` (a document read from ``source``), written in one
    transaction (``dry_run``: counted, then rolled back)."""
    try:
        limits.check_text(text)
        parsed = parse_document(text)
    except (ParseError, ArticleError) as exc:
        return SourceResult(source, error=str(exc))
    if not parsed.reviews and not parsed.problems:
        return SourceResult(source, error="no ClaimReview found")
    result = SourceResult(source, problems=parsed.problems)
    with transaction.atomic():
        save_fact_checks(parsed.reviews, source=source, result=result)
        if dry_run:
            transaction.set_rollback(True)
    return result


def _row(item: ParsedFactCheck, source: str) -> FactCheck:
    return FactCheck(
        key=FactCheck.key_for(item.url, item.claim_reviewed),
        url=item.url,
        claim_reviewed=item.claim_reviewed,
        publisher_name=item.publisher_name,
        publisher_url=item.publisher_url,
        claimant=item.claimant,
        claim_date=item.claim_date,
        review_date=item.review_date,
        language=item.language,
        textual_rating=item.textual_rating,
        rating_value=item.rating_value,
        best_rating=item.best_rating,
        worst_rating=item.worst_rating,
        rating_explanation=item.rating_explanation,
        appearances=list(item.appearances),
        raw=item.raw,
        source=source[:1000],
    )


def _same(row: FactCheck, old: FactCheck) -> bool:
    return all(getattr(row, f) == getattr(old, f) for f in _UPDATED if f != "source")


@transaction.atomic
def save_fact_checks(
    items: Iterable[ParsedFactCheck], *, source: str, result: SourceResult | None = None
) -> SourceResult:
    """Create or update one row per review (the same review twice in ``items``: the last
    wins), in one transaction: one query reads the rows already there, one upserts."""
    result = result or SourceResult(source)
    rows = {row.key: row for row in (_row(item, source) for item in items)}
    existing = FactCheck.objects.select_for_update().in_bulk(list(rows), field_name="key")
    now = timezone.now()
    changed = []
    for key, row in rows.items():
        old = existing.get(key)
        if old is not None and _same(row, old):
            result.unchanged += 1
            result.fact_checks.append(old)
            continue
        if old is None:
            result.created += 1
        else:
            result.updated += 1
        row.imported_at = old.imported_at if old else now
        row.updated_at = now
        changed.append(row)
    if changed:
        # An upsert: a concurrent import of the same review updates it instead of failing.
        FactCheck.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=[*_UPDATED, "updated_at"],
        )
        keys = [row.key for row in changed]
        result.fact_checks.extend(FactCheck.objects.filter(key__in=keys).order_by("id"))
    return result
