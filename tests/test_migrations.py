"""Migrations apply cleanly forwards and backwards and match the models."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor


def test_models_and_migrations_agree(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


COUNTER_TRIGGERS = {
    "claims_claimcount_insert",
    "claims_claimcount_update",
    "claims_claimcount_delete",
}


def counter_triggers() -> set[str]:
    """The claim counters' triggers on claims_claim (0005) that the database has."""
    if connection.vendor == "postgresql":
        sql = "SELECT tgname FROM pg_trigger WHERE tgrelid = 'claims_claim'::regclass"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'claims_claim'"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {name for (name,) in cursor.fetchall()} & COUNTER_TRIGGERS


@pytest.mark.django_db
def test_counter_triggers_survive_every_later_migration():
    # SQLite rebuilds a table to add a constraint, which drops its triggers silently.
    assert counter_triggers() == COUNTER_TRIGGERS


@pytest.mark.django_db(transaction=True)
def test_claims_migrations_roll_back_and_forward():
    executor = MigrationExecutor(connection)
    leaf = executor.loader.graph.leaf_nodes("claims")
    executor.migrate([("claims", "0006_claimrelation_pair_unique")])
    assert counter_triggers() == COUNTER_TRIGGERS  # the reverse of 0007 reinstalls them
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("claims", "0001_initial")])
    assert not Group.objects.filter(name="Editors").exists()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(leaf)
    assert Group.objects.filter(name="Editors").exists()
    assert counter_triggers() == COUNTER_TRIGGERS


@pytest.mark.django_db
def test_fulltext_index_exists_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the GIN full-text index is PostgreSQL-only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'claim_text_fts'")
        (indexdef,) = cursor.fetchone()
    assert "gin" in indexdef and "to_tsvector('english'::regconfig, text)" in indexdef


@pytest.mark.django_db(transaction=True)
def test_0006_collapses_mirror_relations_keeping_the_earliest_and_every_note():
    """Links stored both ways round before 0006 become one row each: the earliest, with the
    other's note appended when it differs; then the database refuses new mirrors. Reversible."""
    executor = MigrationExecutor(connection)
    executor.migrate([("claims", "0005_claim_counts")])
    apps = executor.loader.project_state([("claims", "0005_claim_counts")]).apps
    Article = apps.get_model("claims", "Article")
    Claim = apps.get_model("claims", "Claim")
    ClaimRelation = apps.get_model("claims", "ClaimRelation")
    body = "T\n\nOne. Two. Six."
    article = Article.objects.create(title="T", body=body, raw_text=body, content_hash="6" * 64)
    a, b, c = (
        Claim.objects.create(
            article=article, position=i, text=text, start=body.index(text), end=body.index(text) + 4
        )
        for i, text in enumerate(["One.", "Two.", "Six."])
    )
    t0 = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

    def link(source, target, relation: str, note: str, minutes: int):
        return ClaimRelation.objects.create(
            from_claim=source,
            to_claim=target,
            relation=relation,
            note=note,
            created_at=t0 + dt.timedelta(minutes=minutes),
        ).pk

    kept_ab = link(a, b, "corroborates", "first look", 0)
    link(b, a, "corroborates", "second look", 5)  # later: folded into kept_ab
    link(a, c, "contradicts", "same words", 3)  # later than its mirror: goes
    kept_ca = link(c, a, "contradicts", "same words", 1)
    kept_bc = link(b, c, "duplicates", "", 2)
    link(c, b, "duplicates", "only here", 4)
    other_kind = link(b, a, "contradicts", "not a mirror", 6)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("claims", "0006_claimrelation_pair_unique")])
    rows = dict(ClaimRelation.objects.values_list("pk", "note"))
    assert rows == {
        kept_ab: "first look\n\nsecond look",
        kept_ca: "same words",
        kept_bc: "only here",
        other_kind: "not a mirror",
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimRelation.objects.create(from_claim=a, to_claim=b, relation="contradicts")

    # Back and forth again, with the collapsed rows in place.
    executor = MigrationExecutor(connection)
    executor.migrate([("claims", "0005_claim_counts")])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("claims"))
    assert dict(ClaimRelation.objects.values_list("pk", "note")) == rows
