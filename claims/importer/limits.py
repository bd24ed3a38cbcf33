"""The import size limit: one setting, one check and one message for every way an article
comes in (a file on disk, an admin upload, pasted text, bytes from a task or the shell).

Pure apart from reading the setting, so ``formats`` stays usable without Django.
"""

from __future__ import annotations

from claims.extract.errors import ArticleError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def max_import_bytes() -> int:
    """The size limit from settings when Django is configured, else the default (pure use)."""
    try:
        from django.conf import settings

        return int(getattr(settings, "CLAIMTRACKER_MAX_IMPORT_BYTES", DEFAULT_MAX_BYTES))
    except Exception:  # settings not configured: the pure modules work without Django
        return DEFAULT_MAX_BYTES


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def check_size(
    size: int, *, limit: int | None = None, what: str = "file", streaming: bool = False
) -> None:
    """Refuse an input of ``size`` bytes over the limit (``ArticleError``). Callers with a
    file or an upload check its size before reading it into memory; a download checks the
    bytes received so far after every chunk (``streaming``: its whole size is unknown, so
    the message says only that it passed the limit)."""
    limit = max_import_bytes() if limit is None else limit
    if size > limit:
        if streaming:
            raise ArticleError(f"{what} too large (more than the limit of {human_size(limit)})")
        shown = human_size(size)
        raise ArticleError(f"{what} too large ({shown}; the limit is {human_size(limit)})")


def check_text(text: str, *, limit: int | None = None) -> None:
    """``check_size`` for text, measured in UTF-8; only text that could be over the limit
    (a character is at most four bytes) is encoded to measure it."""
    limit = max_import_bytes() if limit is None else limit
    if len(text) > limit // 4:
        check_size(len(text.encode("utf-8")), limit=limit)
