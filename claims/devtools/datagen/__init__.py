"""Synthetic newsroom data for load tests: articles, claims, actors, events, reviews, relations.

``generate_data`` (the management command) drives this package. The generator is pure Python
and deterministic for a seed; it yields rows as tuples in the column order of ``COLUMNS``, in
batches of whole articles, and two writers store them: ``PostgresCopyWriter`` streams them with
``COPY`` (the fast path), ``OrmWriter`` uses ``bulk_create`` (any database, small sizes; what
SQLite gets). Modules: ``tables`` (column layouts), ``vocabulary`` (words and weights),
``shapes`` (sizes, start ids, batches), ``sampling`` (weighted choices, dates), ``generator``
(actors, events, relations), ``articles`` (bodies and claims), ``sentences`` (claim text),
``writers``, ``load`` (the command's database steps).

What the data promises — the tests check each on both databases:

* every claim satisfies ``article.body[start:end] == text``, with ``paragraph`` counted the way
  ``claims.extract.paragraphs`` counts (the title is paragraph 0) and ``position`` in reading order;
* a claim with a verdict other than "unverified" has one or more reviews forming a chain
  (each review's ``previous_verdict`` is the one before's ``verdict``, the first starts at
  "unverified", the last equals the claim's verdict) and ``version == reviews + 1``; an
  unverified claim has no reviews and ``version == 1``;
* relations join claims of different articles, never a claim to itself, one per pair and
  relation whichever way round;
* actor names, aliases, article URLs and content hashes are unique, as the constraints want.

Distributions (documented in bench/README.md, "Data set"): ~92 % of claims unverified, the
verdicts skewed towards "contradicted"; ~30 % of claims have a speaker (every quote does),
speakers and mentioned actors Zipf-distributed (a few very frequent); 1-3 mentioned actors
per claim; ~18 % of claims linked to an event near the article's date; ~45 % name a date.
Search terms with known frequencies: "sanctions" in ~20 % of claims (``COMMON_TERM``), each
city of ``RARE_CITIES`` (e.g. ``RARE_TERM`` "Tbilisi") in ~0.01 %.
"""

from claims.devtools.datagen.generator import Generator
from claims.devtools.datagen.shapes import Batch, Sizes, Start
from claims.devtools.datagen.tables import COLUMNS, TABLE_ORDER, check_columns, models_by_table
from claims.devtools.datagen.vocabulary import COMMON_TERM, RARE_CITIES, RARE_TERM
from claims.devtools.datagen.writers import OrmWriter, PostgresCopyWriter, Timings

__all__ = [
    "COLUMNS",
    "COMMON_TERM",
    "RARE_CITIES",
    "RARE_TERM",
    "TABLE_ORDER",
    "Batch",
    "Generator",
    "OrmWriter",
    "PostgresCopyWriter",
    "Sizes",
    "Start",
    "Timings",
    "check_columns",
    "models_by_table",
]
