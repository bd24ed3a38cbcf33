"""Migrations apply cleanly forwards and backwards and match the models."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def test_models_and_migrations_agree(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_claims_migrations_roll_back_and_forward():
    executor = MigrationExecutor(connection)
    leaf = executor.loader.graph.leaf_nodes("claims")
    executor.migrate([("claims", "0001_initial")])
    assert not Group.objects.filter(name="Editors").exists()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(leaf)
    assert Group.objects.filter(name="Editors").exists()


@pytest.mark.django_db
def test_fulltext_index_exists_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the GIN full-text index is PostgreSQL-only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'claim_text_fts'")
        (indexdef,) = cursor.fetchone()
    assert "gin" in indexdef and "to_tsvector('english'::regconfig, text)" in indexdef
