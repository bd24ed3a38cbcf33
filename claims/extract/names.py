"""How names are compared: one normal form for people, organisations and aliases.

Pure (no Django), so the text pipeline can use it without loading the ORM; ``claims.models``
re-exports ``normalize_name`` from here, so the database and the pipeline always agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_POSSESSIVE_RE = re.compile(r"'s\b|s'(?=\s|$)")
_DROPPED_RE = re.compile(r"[.'`]")  # U.S. -> us, O'Brien -> obrien
_NON_WORD_RE = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def normalize_name(value: str) -> str:
    """The form names are matched in: case-, accent-, punctuation- and possessive-insensitive.

    "Trump’s" -> "trump", "António Guterres" -> "antonio guterres", "U.S." -> "us".

    Cached: an article names the same few people and places over and over.
    """
    text = unicodedata.normalize("NFKD", value)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").casefold()
    text = _POSSESSIVE_RE.sub(lambda m: "" if m.group(0) == "'s" else "s", text)
    text = _DROPPED_RE.sub("", text)
    text = _NON_WORD_RE.sub(" ", text)
    return " ".join(text.split())
