"""How many claims contain each word: the document frequencies the related-claim ranking
weighs shared words by (claims.matching.frequencies keeps them)."""

from __future__ import annotations

from django.db import models

# The row whose ``n`` is the number of claims counted (the N of the inverse document
# frequency), kept in the same table so both move in the same statement.
DOCUMENTS = ""
MAX_WORD = 64


class WordCount(models.Model):
    """``n`` claims contain ``word`` (a ``claims.matching.similarity.tokens`` token). A
    statistic, not a ledger: the importer adds and removes its claims' words after each
    article commits, and ``manage.py refresh_word_counts`` recounts every claim."""

    word = models.CharField(max_length=MAX_WORD, primary_key=True)
    n = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.word or '(claims)'}: {self.n}"
