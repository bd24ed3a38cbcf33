"""Word document frequencies over all claims, kept in ``WordCount`` so the ranking weighs
a word by its rarity with one indexed lookup per request (``ts_stat`` over a million
claims takes seconds; a ``COUNT`` per word costs as many rows as the word is common).

The tokens are ``similarity.tokens`` (normalised spellings, plurals folded), counted once
per claim, so the statistic means the same on PostgreSQL and SQLite. Kept up to date by the
importer (``record_on_commit`` after each article's transaction: its own short statement,
so imports running in parallel never hold a word row for a whole article) and recounted by
``manage.py refresh_word_counts`` (``rebuild``; ``generate_data`` calls it too). Edits that
split or merge a claim and article deletions do not adjust it: a few claims out of
thousands move a rarity weight by nothing an editor would see, and a rebuild is exact.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from claims.models import Claim, WordCount
from claims.models.words import DOCUMENTS, MAX_WORD

from . import reads
from .similarity import tokens

_BATCH = 500  # rows per upsert statement


def claim_words(text: str) -> set[str]:
    """The distinct tokens of a claim that are counted (long tokens are cut, not lost)."""
    return {t[:MAX_WORD] for t in tokens(text)}


def _counts(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(claim_words(text))
        counts[DOCUMENTS] += 1
    return counts


def _upsert(changes: Counter[str]) -> None:
    """Add ``changes`` to the counters: one statement per batch, rows in word order (two
    importers upserting the same words lock them in the same order: no deadlock)."""
    table = connection.ops.quote_name(WordCount._meta.db_table)
    items = sorted((w, n) for w, n in changes.items() if n)
    with connection.cursor() as cursor:
        for i in range(0, len(items), _BATCH):
            batch = items[i : i + _BATCH]
            values = ", ".join(["(%s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} (word, n) VALUES {values} "
                f"ON CONFLICT (word) DO UPDATE SET n = {table}.n + EXCLUDED.n",
                [v for row in batch for v in row],
            )


def record(*, added: Iterable[str] = (), removed: Iterable[str] = ()) -> None:
    """Count the words of claims ``added`` and uncount those of claims ``removed``."""
    changes = _counts(added)
    changes.subtract(_counts(removed))
    if changes:
        _upsert(changes)


def record_on_commit(*, added: list[str], removed: list[str]) -> None:
    """``record`` once the current transaction commits (nothing if it rolls back)."""
    if added or removed:
        transaction.on_commit(lambda: record(added=added, removed=removed))


@transaction.atomic
def rebuild(*, chunk: int = 5000) -> int:
    """Recount every claim's words (readers see the old counts until this commits);
    returns the number of claims counted."""
    counts: Counter[str] = Counter()
    texts = Claim.objects.order_by().values_list("text", flat=True)
    counts.update(_counts(texts.iterator(chunk_size=chunk)))
    WordCount.objects.all().delete()
    rows = [WordCount(word=w, n=n) for w, n in counts.items()]
    WordCount.objects.bulk_create(rows, batch_size=_BATCH)
    return counts[DOCUMENTS]


def document_frequencies(
    words: Iterable[str], db: BaseDatabaseWrapper | None = None
) -> tuple[dict[str, int], int]:
    """(claims containing each of ``words``, claims counted): one indexed query, on ``db``
    (by default where claims are read). Words never counted are absent from the dict."""
    db = db or reads.read_connection()
    wanted = list({w[:MAX_WORD] for w in words} | {DOCUMENTS})
    sql = f"SELECT word, n FROM {reads.WORD_COUNTS} WHERE word {reads.placeholders(wanted)}"
    found = dict(reads.fetch(db, sql, wanted))
    return found, max(found.pop(DOCUMENTS, 0), 0)
