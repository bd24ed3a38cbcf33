"""Helpers for the importer tests: a tiny stand-in for the text pipeline, so the database
side (service, events, CLI, admin page) is tested against known ``ParsedArticle`` objects
whatever the real pipeline decides about a sentence."""

from __future__ import annotations

import pytest

from claims.importer import service
from tests.import_fakes import PEOPLE, fake_parse

__all__ = ["PEOPLE", "article_text", "fake_parse", "use_fake_pipeline"]


def use_fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Import through ``fake_parse`` instead of the real pipeline (call from a fixture)."""
    monkeypatch.setattr(service, "_parse_article", fake_parse)
    monkeypatch.setattr(service, "PARSER", "tests.import_fakes:fake_parse")


def article_text(*sentences: str, title: str = "Talks in Riyadh") -> str:
    return title + "\n\n" + "\n\n".join(sentences) + "\n"
