"""Claim matching: which claims in other articles say the same thing, and how they relate.

- ``similarity``: pure text comparison (no Django): normalising, tokens, rarity-weighted
  overlap, same direct quote, figures and negation → a suggested relation with reasons;
- ``frequencies``: how many claims contain each word (``WordCount``), kept by the importer;
- ``profile``: the claim asked about, as candidates are compared with it;
- ``candidates``: stage 1, a few hundred candidate ids from bounded, indexed SQL queries;
- ``related``: stage 2, scoring and shaping them; ``related_claims`` is the way in.
"""

from claims.matching.profile import mentioned_iso_dates
from claims.matching.related import RelatedCandidate, related_claims

__all__ = ["RelatedCandidate", "mentioned_iso_dates", "related_claims"]
