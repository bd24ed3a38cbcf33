"""ClaimCount, the trigger-maintained (speaker, verdict) counters behind the unfiltered
``/api/stats/?group_by=verdict|speaker``: after every kind of write the counters must equal a
live GROUP BY over claims_claim, exactly."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext

from claims import editing
from claims.importer.service import import_article, import_paths
from claims.models import Actor, Article, Claim, ClaimCount
from tests.conftest import reading_client
from tests.factories import article_text, give_verdict, make_article, make_claim

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SENTENCES = [f"Sentence number {i} says something checkable." for i in range(6)]


def live() -> Counter:
    rows = Claim.objects.order_by().values_list("speaker_id", "verdict").annotate(n=Count("pk"))
    return Counter({(speaker, verdict): n for speaker, verdict, n in rows})


def counted() -> Counter:
    rows = ClaimCount.objects.order_by().values_list("speaker_id", "verdict").annotate(t=Sum("n"))
    # Pairs whose claims all went keep rows summing to 0: not a count, so not compared.
    return Counter({(speaker, verdict): t for speaker, verdict, t in rows if t})


def assert_exact() -> None:
    assert counted() == live()


@pytest.fixture
def people() -> list[Actor]:
    return [Actor.objects.create(name=f"Speaker {i}") for i in range(3)]


@pytest.fixture
def claims(people: list[Actor]) -> list[Claim]:
    article = make_article("Counters", SENTENCES)
    made = [
        make_claim(article, sentence, i, speaker=people[i % 3] if i % 4 else None)
        for i, sentence in enumerate(SENTENCES)
    ]
    assert_exact()
    return made


def test_bulk_create_and_create(people: list[Actor]) -> None:
    article = make_article("Bulk", SENTENCES)
    Claim.objects.bulk_create(
        Claim(
            article=article,
            position=i,
            text=s,
            start=article.body.index(s),
            end=article.body.index(s) + len(s),
            speaker=people[i % 2],
            verdict=Claim.Verdict.MIXED if i % 3 == 0 else Claim.Verdict.UNVERIFIED,
        )
        for i, s in enumerate(SENTENCES[:4])
    )
    assert_exact()
    make_claim(article, SENTENCES[4], 4)
    assert_exact()
    assert sum(counted().values()) == 5


def test_verdicts_and_speaker_changes(claims: list[Claim], people: list[Actor]) -> None:
    editor = User.objects.create_user("ed")
    give_verdict(claims[1], verdict=Claim.Verdict.CONTRADICTED, editor=editor)
    give_verdict(claims[2], verdict=Claim.Verdict.MIXED, editor=editor)
    assert_exact()
    give_verdict(claims[1], verdict=Claim.Verdict.UNVERIFIED, editor=editor)
    assert_exact()
    Claim.objects.filter(speaker=people[0]).update(speaker=people[2])
    Claim.objects.filter(speaker__isnull=True).update(speaker=people[1])
    assert_exact()
    Claim.objects.filter(pk=claims[3].pk).update(speaker=None)
    # An update of unrelated columns changes nothing.
    Claim.objects.update(check_worthiness=0.5)
    assert_exact()


def test_actor_merge_and_delete(claims: list[Claim], people: list[Actor]) -> None:
    duplicate = people[1].pk
    editing.merge_actors(keep_id=people[0].pk, other_ids=[people[1].pk])
    assert not Claim.objects.filter(speaker_id=duplicate).exists()
    assert_exact()
    people[2].delete()  # Claim.speaker is SET_NULL: its claims move to "no speaker"
    assert_exact()


def test_claim_and_article_deletion(claims: list[Claim]) -> None:
    claims[0].delete()
    assert_exact()
    Claim.objects.filter(pk__in=[claims[1].pk, claims[2].pk]).delete()
    assert_exact()
    claims[3].article.delete()  # cascades to its (unreviewed) claims
    assert not Claim.objects.exists()
    assert_exact()
    assert counted() == Counter()


def test_seed_import_and_reimport_update(monkeypatch: pytest.MonkeyPatch) -> None:
    results = import_paths([SEEDS])
    assert results and all(r.status == "created" for r in results), results
    assert Claim.objects.exists()
    assert_exact()
    from tests.factories import use_fake_pipeline

    use_fake_pipeline(monkeypatch)
    first = import_article(
        text=article_text("Donald Trump praised the meeting.", "Prices rose 5% in March."),
        source_name="riyadh.txt",
    )
    assert first.status == "created", first.error
    assert_exact()
    again = import_article(
        text=article_text("A new opening.", "Donald Trump praised the meeting.", "Other."),
        source_name="riyadh.txt",
    )
    assert again.status == "updated", again.error
    assert_exact()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_raw_copy_and_truncate(claims: list[Claim], people: list[Actor]) -> None:
    article = claims[0].article
    rows = io.StringIO()
    for i in range(50):
        s = SENTENCES[i % len(SENTENCES)]
        start = article.body.index(s)
        speaker = people[i % 3].pk if i % 5 else r"\N"
        verdict = "mixed" if i % 2 else "unverified"
        rows.write(f"{article.pk}\t{100 + i}\t{s}\t{start}\t{start + len(s)}\t{speaker}\t")
        rows.write(f"{verdict}\n")
    columns = 'article_id, position, text, start, "end", speaker_id, verdict'
    extra = (
        ", paragraph, kind, mentioned_dates, check_reasons, verdict_note, version",
        "\t0\tstatement\t[]\t[]\t\t1",
    )
    data = "".join(line + extra[1] + "\n" for line in rows.getvalue().splitlines())
    copy_sql = f"COPY claims_claim ({columns}{extra[0]}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
        copy.write(data)
    assert Claim.objects.count() == len(claims) + 50
    assert_exact()
    with connection.cursor() as cursor:
        # As generate_data --truncate does: run the pending deferred FK checks first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE claims_claim CASCADE")
    assert not ClaimCount.objects.exists()
    assert_exact()


def test_generate_data_and_its_truncate(claims: list[Claim]) -> None:
    sizes = {"articles": 8, "claims": 200, "actors": 20, "events": 5, "reviews": 40}
    options = {**sizes, "relations": 10, "stdout": io.StringIO(), "stderr": io.StringIO()}
    call_command("generate_data", seed=5, **options)  # COPY on PostgreSQL, appended
    assert Claim.objects.count() == 200 + len(claims)
    assert_exact()
    call_command("generate_data", seed=6, truncate=True, **options)  # TRUNCATE, then COPY
    assert Claim.objects.count() == 200
    assert_exact()


def _stats(client, group_by: str) -> dict:
    response = client.get("/api/stats/", {"group_by": group_by, "limit": 500})
    assert response.status_code == 200
    return response.json()


def test_endpoint_equals_live_aggregate_in_constant_queries(
    client, claims: list[Claim], people: list[Actor], settings
) -> None:
    settings.CLAIMTRACKER_STATS_CACHE_SECONDS = 0
    editor = User.objects.create_user("ed")
    give_verdict(claims[1], verdict=Claim.Verdict.CONTRADICTED, editor=editor)
    # The desk (no session lookups): the counters count every claim, published or not.
    client = reading_client(editor)
    for group_by in ("verdict", "speaker"):
        with CaptureQueriesContext(connection) as few:
            counted_answer = _stats(client, group_by)
        # The same question through the live aggregate: an empty filter value is no filter
        # for the counters' check, but "kind" with both kinds filters nothing either.
        live_answer = client.get(
            "/api/stats/", {"group_by": group_by, "limit": 500, "kind": "statement"}
        ).json()
        assert counted_answer == live_answer
        assert all("claims_claim" not in q["sql"] for q in few.captured_queries)
        # More speakers and claims: still the same number of queries.
        assert len(few) <= 3
    article = make_article("More", SENTENCES)
    for i, s in enumerate(SENTENCES):
        make_claim(article, s, i, speaker=Actor.objects.create(name=f"New {i}"))
    for group_by, expected in (("verdict", 1), ("speaker", 3)):
        with CaptureQueriesContext(connection) as many:
            answer = _stats(client, group_by)
        assert len(many) == expected
        assert answer["total"] == Claim.objects.count()
    speakers = _stats(client, "speaker")["results"]
    assert [r["total"] for r in speakers] == sorted((r["total"] for r in speakers), reverse=True)
    assert {r["key"]: r["total"] for r in speakers} == dict(
        Counter(Claim.objects.values_list("speaker_id", flat=True))
    )
    # A fresh verdict is visible at once (never cached).
    give_verdict(claims[2], verdict=Claim.Verdict.MIXED, editor=editor)
    by_verdict = {r["key"]: r["total"] for r in _stats(client, "verdict")["results"]}
    assert by_verdict["mixed"] == Claim.objects.filter(verdict="mixed").count()
    assert Article.objects.count() == 2


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL's flush is one TRUNCATE of every table (see test_raw_copy_and_truncate)",
)
def test_flush_that_empties_the_counters_first_leaves_them_exact(claims: list[Claim]) -> None:
    """Django's flush on SQLite (TransactionTestCase, ``manage.py flush``) DELETEs table by table
    in its own order; counters emptied before the claims must not go negative (the dashboard
    then showed 0 claims on a freshly loaded demo)."""
    from django.core.management.color import no_style

    tables = connection.introspection.django_table_names(only_existing=True)
    tables = ["claims_claimcount"] + [t for t in tables if t != "claims_claimcount"]
    with connection.cursor() as cursor:
        for sql in connection.ops.sql_flush(no_style(), tables):
            cursor.execute(sql)
    assert not Claim.objects.exists()
    assert not ClaimCount.objects.filter(n__lt=0).exists()

    article = make_article("After the flush", SENTENCES[:3])
    for i, sentence in enumerate(SENTENCES[:3]):
        make_claim(article, sentence, i)
    assert_exact()
