"""Whole-article operations: re-importing an article from its stored raw text."""

from __future__ import annotations

import json

from claims.extract.errors import ArticleError
from claims.importer import formats
from claims.importer.service import ImportResult, import_article
from claims.models import Article


def reimport_article(article: Article) -> ImportResult:
    """Run the importer again on the article's stored raw text (it keeps reviewed claims,
    their history and relations, and replaces the others with a fresh parse).

    The raw text is read back the way it was read on import (header block, HTML, or one JSON
    object), and the article's current metadata is passed explicitly so corrections editors
    made to title, date, publisher and author survive the re-import.
    """
    raw = article.raw_text
    try:
        if raw.lstrip().startswith("{"):
            item = formats.item_from_object(
                json.loads(raw), source_name=article.source_name, raw_text=raw
            )
        elif formats.looks_like_html(raw):
            item = formats.read_html(raw, source_name=article.source_name)
        else:
            item = formats.read_text(raw, source_name=article.source_name)
    except (ArticleError, ValueError) as exc:
        return ImportResult(status="failed", source_name=article.source_name, error=str(exc))
    return import_article(
        text=item.text,
        raw_text=raw,
        source_name=article.source_name,
        hints=item.hints,
        title=article.title or None,
        url=article.url or None,
        published_on=article.published_on,
        publisher=article.publisher or None,
        author=article.author or None,
    )
