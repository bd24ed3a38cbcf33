"""ClaimCount: exact claim counts per (speaker, verdict), kept by triggers on claims_claim.

Whole-database stats (``/api/stats/?group_by=verdict|speaker`` without filters) read this
tiny table instead of aggregating a million claims. Triggers, not Django signals, because
every way a claim changes must be counted: the ORM, ``update()``/``bulk_create``, cascades,
raw SQL, and the COPY that the importer and ``generate_data`` use on PostgreSQL.

PostgreSQL: STATEMENT-level triggers with transition tables. A row-level trigger would run
one upsert per claim (a 1M-row COPY = 1M upserts, all hitting the same few hot rows); a
statement trigger aggregates the changed rows by (speaker, verdict) and runs ONE upsert per
statement. Each (speaker, verdict) is spread over 16 ``slot`` rows, and a session always
writes slot ``pg_backend_pid() % 16``: concurrent transactions (on different connections)
then mostly update different rows and do not queue on one hot counter row, while all the
statements of one transaction touch the same slot, so two transactions wait on each other
only if they share a slot (and the upsert locks rows in key order within a statement).

SQLite (the small embedded default, one writer at a time): row-level triggers on slot 0.

Reversible: the reverse drops the triggers (and the table, with the model).
"""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models

# The ON CONFLICT target: the unique index on (COALESCE(speaker_id, 0), verdict, slot).
CONFLICT = "ON CONFLICT ((COALESCE(speaker_id, 0)), verdict, slot)"

POSTGRESQL_FORWARD = [
    f"""
    CREATE FUNCTION claims_claimcount_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        -- Net change per (speaker, verdict) over the statement's rows; pairs whose change
        -- nets to 0 (an UPDATE of other columns, e.g. check_worthiness) write nothing.
        -- ORDER BY: rows are locked in key order, so two statements on the same slot
        -- cannot deadlock on each other.
        IF TG_OP = 'INSERT' THEN
            INSERT INTO claims_claimcount (speaker_id, verdict, slot, n)
            SELECT speaker_id, verdict, pg_backend_pid() % 16, count(*)
            FROM new_rows GROUP BY speaker_id, verdict
            ORDER BY COALESCE(speaker_id, 0), verdict
            {CONFLICT} DO UPDATE SET n = claims_claimcount.n + EXCLUDED.n;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO claims_claimcount (speaker_id, verdict, slot, n)
            SELECT speaker_id, verdict, pg_backend_pid() % 16, -count(*)
            FROM old_rows GROUP BY speaker_id, verdict
            ORDER BY COALESCE(speaker_id, 0), verdict
            {CONFLICT} DO UPDATE SET n = claims_claimcount.n + EXCLUDED.n;
        ELSE
            INSERT INTO claims_claimcount (speaker_id, verdict, slot, n)
            SELECT speaker_id, verdict, pg_backend_pid() % 16, sum(delta)
            FROM (
                SELECT speaker_id, verdict, -1 AS delta FROM old_rows
                UNION ALL
                SELECT speaker_id, verdict, 1 AS delta FROM new_rows
            ) AS changes
            GROUP BY speaker_id, verdict
            HAVING sum(delta) <> 0
            ORDER BY COALESCE(speaker_id, 0), verdict
            {CONFLICT} DO UPDATE SET n = claims_claimcount.n + EXCLUDED.n;
        END IF;
        RETURN NULL;
    END $$
    """,
    # Transition tables cannot be combined with UPDATE OF <columns>, so the UPDATE trigger
    # sees every update; the HAVING above makes unrelated updates write nothing.
    """
    CREATE TRIGGER claims_claimcount_insert AFTER INSERT ON claims_claim
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_claimcount_apply()
    """,
    """
    CREATE TRIGGER claims_claimcount_update AFTER UPDATE ON claims_claim
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_claimcount_apply()
    """,
    """
    CREATE TRIGGER claims_claimcount_delete AFTER DELETE ON claims_claim
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_claimcount_apply()
    """,
    # TRUNCATE fires no row or DELETE trigger. DELETE, not TRUNCATE, of the counters: the
    # table is tiny, and DELETE does not take an ACCESS EXCLUSIVE lock that would block
    # concurrent stats readers.
    """
    CREATE FUNCTION claims_claimcount_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM claims_claimcount;
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER claims_claimcount_truncate AFTER TRUNCATE ON claims_claim
    FOR EACH STATEMENT EXECUTE FUNCTION claims_claimcount_truncate()
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_claimcount_insert ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_claimcount_update ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_claimcount_delete ON claims_claim",
    "DROP TRIGGER IF EXISTS claims_claimcount_truncate ON claims_claim",
    "DROP FUNCTION IF EXISTS claims_claimcount_apply()",
    "DROP FUNCTION IF EXISTS claims_claimcount_truncate()",
]


def _sqlite_add(row: str) -> str:
    return (
        "INSERT INTO claims_claimcount (speaker_id, verdict, slot, n) "
        f"VALUES ({row}.speaker_id, {row}.verdict, 0, 1) "
        f"{CONFLICT} DO UPDATE SET n = n + 1;"
    )


# A decrement is an UPDATE, never an insert: the claim being removed was counted when it was
# added, so its row exists, unless the counters were emptied first. Django's flush (tests,
# `manage.py flush`) DELETEs table by table on SQLite, in no set order; an upsert here would
# then leave -1 rows behind and every later count would be short by the flushed claims.
def _sqlite_remove(row: str) -> str:
    return (
        "UPDATE claims_claimcount SET n = n - 1 "
        f"WHERE COALESCE(speaker_id, 0) = COALESCE({row}.speaker_id, 0) "
        f"AND verdict = {row}.verdict AND slot = 0;"
    )


# SQLite has no statement triggers or transition tables; it has one writer at a time and is
# meant for small databases, so a row trigger on a single slot is enough.
SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER claims_claimcount_insert AFTER INSERT ON claims_claim
    BEGIN {_sqlite_add("NEW")} END
    """,
    f"""
    CREATE TRIGGER claims_claimcount_update AFTER UPDATE OF verdict, speaker_id ON claims_claim
    WHEN OLD.verdict IS NOT NEW.verdict OR OLD.speaker_id IS NOT NEW.speaker_id
    BEGIN {_sqlite_remove("OLD")} {_sqlite_add("NEW")} END
    """,
    f"""
    CREATE TRIGGER claims_claimcount_delete AFTER DELETE ON claims_claim
    BEGIN {_sqlite_remove("OLD")} END
    """,
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_claimcount_insert",
    "DROP TRIGGER IF EXISTS claims_claimcount_update",
    "DROP TRIGGER IF EXISTS claims_claimcount_delete",
]

# Backfill, run after the triggers exist and in the same transaction: on PostgreSQL, CREATE
# TRIGGER locks claims_claim against writes until the migration commits, so no claim is
# counted twice or missed between the two.
BACKFILL = """
    INSERT INTO claims_claimcount (speaker_id, verdict, slot, n)
    SELECT speaker_id, verdict, 0, count(*) FROM claims_claim GROUP BY speaker_id, verdict
"""


def _run(schema_editor, statements: list[str]) -> None:
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_FORWARD)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)
    else:
        raise NotImplementedError(f"claim counters need triggers for {vendor}")
    _run(schema_editor, ["DELETE FROM claims_claimcount", BACKFILL])


def uninstall(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    _run(schema_editor, POSTGRESQL_REVERSE if vendor == "postgresql" else SQLITE_REVERSE)
    _run(schema_editor, ["DELETE FROM claims_claimcount"])


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0004_gazetteer"),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "verdict",
                    models.CharField(
                        choices=[
                            ("unverified", "Unverified"),
                            ("corroborated", "Corroborated"),
                            ("contradicted", "Contradicted"),
                            ("mixed", "Mixed"),
                            ("unverifiable", "Unverifiable"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "slot",
                    models.SmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(15),
                        ]
                    ),
                ),
                ("n", models.IntegerField(default=0)),
                (
                    "speaker",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.actor",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.comparison.Coalesce("speaker", 0),
                        models.F("verdict"),
                        models.F("slot"),
                        name="claimcount_speaker_verdict_slot_uniq",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("slot__gte", 0), ("slot__lt", 16)),
                        name="claimcount_slot_range",
                    ),
                ],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
