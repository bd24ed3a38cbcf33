"""Parsing in worker processes gives exactly what a sequential import gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claims.importer import parsing
from claims.importer.actor_cache import ArticleActors, KnownActorCache
from claims.importer.parsing import PARALLEL_MIN_FILES
from claims.importer.service import import_paths
from claims.models import Actor, Article, Claim, Event
from tests.factories import article_text, use_fake_pipeline

pytestmark = pytest.mark.django_db

SENTENCES = [
    "Donald Trump met Vladimir Putin in Budapest on March 3, 2025.",
    "Petrova said the talks on February 18, 2025 were useful.",
    "Prices rose 5% in March.",
    "“We want the war to end,” Marco Rubio said.",
    "Haddad expects exports to fall by a third.",
]


@pytest.fixture(autouse=True)
def _fake_pipeline(monkeypatch):
    use_fake_pipeline(monkeypatch)


def _corpus(directory: Path) -> None:
    n = PARALLEL_MIN_FILES + 6
    for i in range(n):
        if i == 0:
            body = ["Nadia Petrova said prices rose 5% in March."]
        elif i == 3:
            body = ["Omar Haddad said the port reopened on April 2, 2025."]
        else:
            body = [SENTENCES[(i + k) % len(SENTENCES)] + f" Report {i}." for k in range(3)]
        (directory / f"{i:03}.txt").write_text(article_text(*body, title=f"Story {i}"), "utf-8")
    # The same text twice in one batch, and a file that cannot be read.
    (directory / "900-copy.txt").write_bytes((directory / "005.txt").read_bytes())
    (directory / "901-binary.txt").write_bytes(b"\x00\x01")


def _state() -> list:
    actors = sorted(Actor.objects.values_list("name", "kind", "description"))
    events = sorted(
        (
            e.title,
            str(e.date),
            e.status,
            tuple(sorted(e.participants.values_list("name", flat=True))),
        )
        for e in Event.objects.all()
    )
    claims = sorted(
        (
            c.article.source_name,
            c.position,
            c.text,
            c.speaker.name if c.speaker else None,
            tuple(sorted(c.actors.values_list("name", flat=True))),
            tuple(sorted(c.events.values_list("title", flat=True))),
        )
        for c in Claim.objects.select_related("article", "speaker")
    )
    return [actors, events, claims]


def _wipe(gazetteer: set[int]) -> None:
    Article.objects.all().delete()
    Event.objects.all().delete()
    Actor.objects.exclude(pk__in=gazetteer).delete()


def test_parallel_import_equals_sequential(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _corpus(tmp_path)
    gazetteer = set(Actor.objects.values_list("pk", flat=True))

    sequential = import_paths([tmp_path], jobs=1)
    expected = _state()
    _wipe(gazetteer)

    reparsed: list[str] = []
    original = parsing.parse_here

    def local_parse(text, *, hints, known_actors):
        reparsed.append(text)
        return original(text, hints=hints, known_actors=known_actors)

    sent: list[str] = []
    submit = parsing.ParsePool.submit

    def counting_submit(self, text, hints, actors):
        sent.append(text)
        return submit(self, text, hints, actors)

    monkeypatch.setattr(parsing, "parse_here", local_parse)
    monkeypatch.setattr(parsing.ParsePool, "submit", counting_submit)
    parallel = import_paths([tmp_path], jobs=2)
    assert [(r.source_name, r.status, r.claim_count, r.error) for r in parallel] == [
        (r.source_name, r.status, r.claim_count, r.error) for r in sequential
    ]
    assert _state() == expected
    statuses = [r.status for r in parallel]
    assert statuses.count("unchanged") == 1 and statuses.count("failed") == 1
    # Surnames of people created by articles still in flight were resolved by parsing those
    # few articles again (sent to the workers again, or here); everything else was parsed
    # once, by the workers. Every file but the unreadable one was sent once at first.
    again = len(sent) - (len(parallel) - 1) + len(reparsed)
    assert 0 < again < len(parallel) // 2
    petrova = Actor.objects.get(name="Nadia Petrova")
    assert Claim.objects.for_actor(petrova).values("article").distinct().count() > 10


def test_small_batches_do_not_start_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(parsing, "ParsePool", None)  # would fail if used
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(article_text(SENTENCES[i]), "utf-8")
    assert [r.status for r in import_paths([tmp_path], jobs=4)] == ["created"] * 3


def test_changed_for_looks_for_name_words_in_the_text():
    index = KnownActorCache()
    version = index.version
    index.add(ArticleActors(ids={}, new_rows=((10**9, "Nadia Petrova", "person", "x"),)))
    assert index.changed_for("Petrova spoke.", since=version)
    assert not index.changed_for("Nobody spoke.", since=version)
    assert not index.changed_for("Petrova spoke.", since=index.version)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_workers_parse_at_a_lower_priority_than_the_saving_process():
    pool = parsing.ParsePool(1, KnownActorCache())
    try:
        # The executor's own worker, initialised as every parse worker is.
        niceness = pool.pool.submit(os.nice, 0).result(timeout=60)
    finally:
        pool.shutdown()
    assert niceness == min(19, os.nice(0) + parsing.WORKER_NICENESS)
