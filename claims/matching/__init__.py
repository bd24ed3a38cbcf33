"""Claim matching: which claims in other articles say the same thing, and how they relate.

- ``similarity``: pure text comparison (no Django): normalising, tokens, rarity-weighted
  overlap, same direct quote, figures and negation → a suggested relation with reasons;
- ``frequencies``: how many claims contain each word (``WordCount``), kept by the importer;
- ``profile``: the claim asked about, as candidates are compared with it;
- ``candidates``: stage 1, a few hundred candidate ids from bounded, indexed SQL queries;
- ``reads``: the ranking's raw reads (connection, tables, instances built from rows);
- ``related``: stage 2, scoring and shaping them; ``related_claims`` is the way in.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["RelatedCandidate", "mentioned_iso_dates", "related_claims"]

# Loaded on first use, so ``claims.matching.similarity`` imports without Django (the
# package's own import would otherwise pull in the models).
_LAZY = {
    "RelatedCandidate": "claims.matching.related",
    "related_claims": "claims.matching.related",
    "mentioned_iso_dates": "claims.matching.profile",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'claims.matching' has no attribute {name!r}")
