"""Fact-checks published elsewhere: schema.org ClaimReview read from files, feeds and pages,
kept as ``FactCheck`` rows, matched to claims and attached to them as evidence.

- ``parse``: pure, no Django: every ClaimReview in a JSON-LD document, feed or HTML page,
  read into plain values (``ParsedFactCheck``) or a one-line ``Problem``;
- ``ratings``: pure: a rating's number, and the evidence stance it suggests;
- ``service``: reading files and URLs (through ``claims.importer.fetch``) and the
  transactional write (``import_factchecks``), and attaching one to a claim as evidence;
- ``matching``: the fact-checks that check a claim, ranked with ``claims.matching``.

Nothing is imported here, so ``claims.factchecks.parse`` loads without Django.
"""
