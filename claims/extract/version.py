"""Which pipeline parsed an article: a digest of this package's own files.

The importer stores it with each article and treats "same raw text" as unchanged only when
the same pipeline parsed it, so re-running an import after the pipeline improved re-parses
the articles (keeping every claim editors worked on) instead of skipping them. A digest of
the sources and model weights, not a number someone must remember to bump: any change to
what the package does changes it (a comment-only change too, which costs one harmless
re-parse).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

__all__ = ["pipeline_version"]

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = {".py", ".json", ".gz", ".bin", ".txt", ".tsv"}
VERSION_LENGTH = 16


@functools.cache
def pipeline_version() -> str:
    """16 hex digits naming this exact pipeline (computed once per process)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in _SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(_PACKAGE).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:VERSION_LENGTH]
