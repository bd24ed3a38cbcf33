"""Checking an article before anything is written, and shaping its row (pure, no queries)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from claims.extract.errors import ArticleError
from claims.extract.types import ArticleHints, ParsedArticle
from claims.models import Claim

from . import limits

# Choices' .values builds a new list on every access; this is checked per claim.
_CLAIM_KINDS = frozenset(Claim.Kind.values)
_ATTRIBUTIONS = frozenset(Claim.Attribution.values)
_MAX_LENGTHS = {
    "title": 500,
    "subtitle": 1000,
    "publisher": 200,
    "author": 300,
    "section": 100,
    "language": 10,
    "dateline_place": 200,
    "dateline_agency": 200,
}
_url_validator = URLValidator(schemes=["http", "https"])


def clip(value: str | None, field_name: str) -> str:
    """Display fields longer than their column are shortened, visibly, rather than failing
    the article on a long byline."""
    value = " ".join((value or "").split())
    limit = _MAX_LENGTHS[field_name]
    return value if len(value) <= limit else value[: limit - 1] + "…"


def validate_url(url: str | None) -> str:
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > 1000:
        raise ArticleError("bad URL: longer than 1000 characters")
    try:
        _url_validator(url)
    except ValidationError:
        raise ArticleError(f"bad URL: {url[:200]!r}") from None
    return url


def validate_input(*, text: str, raw_text: str, source_name: str, hints: ArticleHints) -> str:
    """What can be checked before parsing; returns the caller's URL, validated."""
    if not text.strip():
        raise ArticleError("empty article (no text)")
    limits.check_text(raw_text)
    if len(source_name) > 500:
        raise ArticleError("source name longer than 500 characters")
    return validate_url(hints.url)


def validate_parsed(parsed: ParsedArticle) -> ParsedArticle:
    if not parsed.body.strip():
        raise ArticleError("no article text left after cleaning")
    if not parsed.claims:
        raise ArticleError("no claims found in the text (no checkable sentences)")
    body = parsed.body
    for i, claim in enumerate(parsed.claims):
        # bulk_create bypasses Claim.save(), so the offsets invariant is checked here.
        if not (0 <= claim.start < claim.end <= len(body)) or body[claim.start : claim.end] != (
            claim.text
        ):
            raise ArticleError(
                f"internal error: claim {i} does not match the body at "
                f"[{claim.start}:{claim.end}] (pipeline offsets are wrong)"
            )
        if claim.kind not in _CLAIM_KINDS:
            raise ArticleError(f"internal error: claim {i} has unknown kind {claim.kind!r}")
        if claim.attribution not in _ATTRIBUTIONS:
            raise ArticleError(
                f"internal error: claim {i} has unknown attribution {claim.attribution!r}"
            )
    return parsed


def worthiness(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return min(1.0, max(0.0, float(value)))


def article_row(
    parsed: ParsedArticle,
    *,
    hints: ArticleHints,
    url: str,
    raw_text: str,
    digest: str,
    source_name: str,
    pipeline_version: str,
) -> dict[str, Any]:
    """The article's columns: the caller's hints win over what the pipeline found."""
    title = clip(hints.title or parsed.title or Path(source_name).stem, "title")
    return {
        "title": title or "Untitled",
        "subtitle": clip(hints.subtitle or parsed.subtitle, "subtitle"),
        "publisher": clip(hints.publisher or parsed.publisher, "publisher"),
        "author": clip(hints.author or parsed.author, "author"),
        "url": url or validate_url(parsed.url),
        "published_on": hints.published_on or parsed.published_on,
        "section": clip(hints.section or parsed.section, "section"),
        "language": clip(hints.language or parsed.language or "en", "language"),
        "title_source": _title_source(parsed, hints),
        "dateline_place": clip(parsed.dateline_place, "dateline_place"),
        "dateline_agency": clip(parsed.dateline_agency, "dateline_agency"),
        "body": parsed.body,
        "raw_text": raw_text,
        "content_hash": digest,
        "source_name": source_name,
        "pipeline_version": pipeline_version,
    }


def _title_source(parsed: ParsedArticle, hints: ArticleHints) -> str:
    """Where the stored title came from: the caller's hint wins, as in ``article_row``; a
    title made from the file name has no source in the text ("")."""
    if hints.title:
        return "hint"
    return parsed.title_source if parsed.title else ""
