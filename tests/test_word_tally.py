"""The importer's word counts (related-claim matching's rarity weights), gathered over a
batch of files: written only for committed articles, and equal to a full recount at the end
of the batch, whenever the gathered changes were written."""

from __future__ import annotations

import pytest
from django.db import transaction

from claims.matching import frequencies
from claims.matching.similarity import tokens
from claims.models import WordCount

ARTICLES = {
    "tuapse.txt": "Rosneft cut output at the Tuapse refinery, the company said on Monday.\n",
    "geneva.txt": "The Geneva tariff talks were postponed, the ministry said on Tuesday.\n",
    "drones.txt": (
        "Ukraine launched 12 drones at the Verkhnedonsk refinery, the governor said.\n\n"
        "Rosneft said output at Tuapse resumed on Friday.\n"
    ),
}


def _counts() -> dict[str, int]:
    return dict(WordCount.objects.filter(n__gt=0).values_list("word", "n"))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("held_claims", [1, 2, 1000])  # flushed mid-batch, or only at the end
def test_batch_import_counts_equal_a_recount(tmp_path, monkeypatch, held_claims):
    from claims.importer.service import import_paths

    monkeypatch.setattr(frequencies.Tally, "HELD_CLAIMS", held_claims)
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    results = import_paths([tmp_path])
    assert [r.status for r in results] == ["created"] * 3
    counted = _counts()
    assert counted["tuapse"] == 2 and counted["rosneft"] == 2
    frequencies.rebuild()
    assert counted == _counts()


@pytest.mark.django_db(transaction=True)
def test_held_tally_writes_on_release_and_never_for_a_rollback():
    tally = frequencies.Tally()
    with tally.holding():
        with transaction.atomic():
            tally.record_on_commit(added=[tokens("Rosneft cut output.")], removed=[])
        with pytest.raises(RuntimeError), transaction.atomic():
            tally.record_on_commit(added=[tokens("Gazprom cut output.")], removed=[])
            raise RuntimeError("the article failed")
        assert not WordCount.objects.exists()  # committed, but held
    assert _counts() == {"rosneft": 1, "cut": 1, "output": 1, "": 1}


@pytest.mark.django_db(transaction=True)
def test_tally_outside_a_batch_writes_at_each_commit():
    tally = frequencies.Tally()
    with transaction.atomic():
        tally.record_on_commit(added=[tokens("Rosneft cut output.")], removed=[])
        assert not WordCount.objects.exists()  # not before the commit
    assert _counts()["rosneft"] == 1
    with transaction.atomic():
        tally.record_on_commit(added=[], removed=[tokens("Rosneft cut output.")])
    assert _counts() == {}
