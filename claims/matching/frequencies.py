"""Word document frequencies over all claims, kept in ``WordCount`` so the ranking weighs
a word by its rarity with one indexed lookup per request (``ts_stat`` over a million
claims takes seconds; a ``COUNT`` per word costs as many rows as the word is common).

The tokens are ``similarity.tokens`` (normalised spellings, plurals folded), counted once
per claim, so the statistic means the same on PostgreSQL and SQLite. Kept up to date by the
importer (a ``Tally``: after each article's transaction commits, in statements of their own,
so imports running in parallel never hold a word row for a whole article) and recounted by
``manage.py refresh_word_counts`` (``rebuild``; ``generate_data`` calls it too). Edits that
split or merge a claim and article deletions do not adjust it: a few claims out of
thousands move a rarity weight by nothing an editor would see, and a rebuild is exact.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from claims.models import Claim, WordCount
from claims.models.words import DOCUMENTS, MAX_WORD

from . import reads
from .similarity import tokens

_BATCH = 500  # rows per upsert statement


def claim_words(text: str) -> set[str]:
    """The distinct tokens of a claim that are counted (long tokens are cut, not lost)."""
    return counted(tokens(text))


def counted(claim_tokens: Iterable[str]) -> set[str]:
    """``claim_words`` of a claim whose tokens are known already."""
    return {t[:MAX_WORD] for t in claim_tokens}


def _counts(claims: Iterable[Iterable[str]]) -> Counter[str]:
    """Claims (each given by its tokens) per word, and their number under DOCUMENTS."""
    counts: Counter[str] = Counter()
    for claim_tokens in claims:
        counts.update(counted(claim_tokens))
        counts[DOCUMENTS] += 1
    return counts


def _upsert(changes: Counter[str]) -> None:
    """Add ``changes`` to the counters, rows in word order (two importers upserting the same
    words lock them in the same order: no deadlock)."""
    table = connection.ops.quote_name(WordCount._meta.db_table)
    items = sorted((w, n) for w, n in changes.items() if n)
    if not items:
        return
    upsert = f"ON CONFLICT (word) DO UPDATE SET n = {table}.n + EXCLUDED.n"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Two array parameters: a short statement psycopg parses once, where hundreds
            # of VALUES placeholders cost it milliseconds of query splitting each time.
            words, counts = zip(*items, strict=True)
            cursor.execute(
                f"INSERT INTO {table} (word, n) "
                f"SELECT * FROM unnest(%s::varchar[], %s::integer[]) {upsert}",
                [list(words), list(counts)],
            )
            return
        for i in range(0, len(items), _BATCH):
            batch = items[i : i + _BATCH]
            values = ", ".join(["(%s, %s)"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} (word, n) VALUES {values} {upsert}",
                [v for row in batch for v in row],
            )


def _change(added: Iterable[Iterable[str]], removed: Iterable[Iterable[str]]) -> Counter[str]:
    changes = _counts(added)
    changes.subtract(_counts(removed))
    return changes


def record(*, added: Iterable[str] = (), removed: Iterable[str] = ()) -> None:
    """Count the words of claims ``added`` and uncount those of claims ``removed`` (texts)."""
    _upsert(_change(map(tokens, added), map(tokens, removed)))


class Tally:
    """The importer's changes to the counts, each added once its article's transaction
    commits (nothing if it rolls back) and written at once, or, while ``held`` (a batch of
    files), gathered and written every ``HELD_CLAIMS`` claims and on ``release``. Every
    article upserting its own few hundred words cost a batch import more than writing its
    claims; gathered, the common words are written once per flush."""

    HELD_CLAIMS = 2000  # claims counted before a held tally writes (bounded memory and lag)

    def __init__(self) -> None:
        self.changes: Counter[str] = Counter()
        self.held = False

    def record_on_commit(
        self, *, added: Sequence[Iterable[str]], removed: Sequence[Iterable[str]]
    ) -> None:
        """Count claims ``added`` and uncount claims ``removed``, each given by its tokens
        (``similarity.tokens``: the importer's parsing workers tokenise its new claims)."""
        if added or removed:
            changes = _change(added, removed)
            transaction.on_commit(lambda: self._add(changes))

    def _add(self, changes: Counter[str]) -> None:
        self.changes.update(changes)  # adds, negative counts included
        if not self.held or abs(self.changes[DOCUMENTS]) >= self.HELD_CLAIMS:
            self.flush()

    def flush(self) -> None:
        changes, self.changes = self.changes, Counter()
        _upsert(changes)  # nothing when every count cancelled out

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        """Gather the changes while inside; what is left is written on the way out."""
        self.held = True
        try:
            yield
        finally:
            self.held = False
            self.flush()


@transaction.atomic
def rebuild(*, chunk: int = 5000) -> int:
    """Recount every claim's words (readers see the old counts until this commits);
    returns the number of claims counted."""
    counts: Counter[str] = Counter()
    texts = Claim.objects.order_by().values_list("text", flat=True)
    counts.update(_counts(map(tokens, texts.iterator(chunk_size=chunk))))
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
