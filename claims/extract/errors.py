"""Errors the importer reports to people: one line, saying what is wrong with the input."""

from __future__ import annotations


class ArticleError(ValueError):
    """An article cannot be imported; ``str(error)`` is a one-line human reason.

    A ``ValueError`` so callers that only know "bad input" can still catch it.
    """

    def __init__(self, reason: str, *, source_name: str = "") -> None:
        # Keep the message to one line: it ends up in CLI output and admin messages.
        self.reason = " ".join(str(reason).split())
        self.source_name = source_name
        super().__init__(self.reason)

    def __str__(self) -> str:
        return self.reason
