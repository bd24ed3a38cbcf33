"""claims_claim_lists written per kind: a change to a claim's actor links rewrites its
actors list only, an event link its events list only; and each linked actor or event read
by its primary key, whatever the planner knows of the tables.

Same lists, same JSON (0013's objects and sort order; ``tests/test_claim_lists.py``).
Measured on an import of 1,000 articles into a new database (pg_stat_statements, track =
all): the refreshes took 2.8 s of PostgreSQL's 12.8 s. The importer links an article's
claims to actors, then to events: two refreshes, each of which rebuilt both lists. And a
new database has no statistics until autovacuum's first ANALYZE (never, where autovacuum is
off): 0013's sub-selects were then planned as a hash join that scanned every actor and
every event once per claim, so a refresh grew with those tables. Here the linked row is a
lateral sub-select by primary key, kept apart by OFFSET 0 so that it is never turned into
such a join. One refresh of 22 claims (a loop of 600 in PL/pgSQL): 1.6 + 1.1 ms for the two
lists on the 1M-claim benchmark database, against 2.2-2.6 ms for each of 0013's; on a new
database without statistics 1.2-1.9 + 1.3-1.9 ms against 2.3-2.7 ms.

The link trigger calls ``claims_claim_lists_refresh(ids, kind)``; the rename triggers keep
``claims_claim_lists_refresh(ids)``, and ``claims_claim_lists_write(ids)`` (backfills,
``generate_data``) writes both lists with these two statements. The writers stay LANGUAGE
sql, planned at each call: PL/pgSQL's cached generic plan, made while the tables were
small, was tried and ran 4x slower. PostgreSQL only, as 0013.
"""

import importlib

from django.db import migrations

before = importlib.import_module("claims.migrations.0013_claim_lists")

# (kind, its columns shown, their order in the list, the new row's actors and events):
# objects and order as 0013's ACTORS and EVENTS.
KINDS = (
    ("actor", ("id", "name", "kind"), "x.name, x.id", "{list}, '[]'"),
    ("event", ("id", "title", "date"), "x.date NULLS LAST, x.title, x.id", "'[]', {list}"),
)


def _writer(kind: str, shown: tuple[str, ...], order: str, row: str) -> str:
    fields = ", ".join(f"'{name}', x.{name}" for name in shown)
    listed = f"""COALESCE((
        SELECT json_agg(json_build_object({fields}) ORDER BY {order})
        FROM claims_claim_{kind}s t CROSS JOIN LATERAL (
            SELECT {", ".join(shown)} FROM claims_{kind} WHERE id = t.{kind}_id OFFSET 0
        ) x
        WHERE t.claim_id = c.id), '[]')"""
    return f"""
    CREATE FUNCTION claims_claim_lists_write_{kind}s(ids bigint[]) RETURNS void
    LANGUAGE sql AS $$
        -- A claim already deleted is not in claims_claim: nothing is written for it.
        INSERT INTO claims_claim_lists (claim_id, actors, events)
        SELECT c.id, {row.format(list=listed)}
        FROM claims_claim c WHERE c.id = ANY(ids) ORDER BY c.id
        ON CONFLICT (claim_id) DO UPDATE SET {kind}s = EXCLUDED.{kind}s
    $$
    """


FORWARD = [
    *(_writer(*kind) for kind in KINDS),
    """
    CREATE OR REPLACE FUNCTION claims_claim_lists_write(ids bigint[]) RETURNS void
    LANGUAGE sql AS $$
        SELECT claims_claim_lists_write_actors(ids);
        SELECT claims_claim_lists_write_events(ids);
    $$
    """,
    # The link trigger's: one kind. (0013's refresh(ids), both kinds, stays for renames.)
    """
    CREATE FUNCTION claims_claim_lists_refresh(ids bigint[], kind text) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
        -- As 0013: writers of the lists one at a time, until commit.
        LOCK TABLE claims_claim_lists IN SHARE ROW EXCLUSIVE MODE;
        IF kind = 'actor' THEN
            PERFORM claims_claim_lists_write_actors(ids);
        ELSE
            PERFORM claims_claim_lists_write_events(ids);
        END IF;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION claims_claim_lists_links() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        kind text := CASE TG_TABLE_NAME WHEN 'claims_claim_actors' THEN 'actor' ELSE 'event' END;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM claims_claim_lists_refresh(
                ARRAY(SELECT DISTINCT claim_id FROM new_rows), kind);
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM claims_claim_lists_refresh(
                ARRAY(SELECT DISTINCT claim_id FROM old_rows), kind);
        ELSE
            PERFORM claims_claim_lists_refresh(ARRAY(
                SELECT claim_id FROM old_rows UNION SELECT claim_id FROM new_rows), kind);
        END IF;
        RETURN NULL;
    END $$
    """,
    # Actor and event renames (rare) still refresh both lists: claims_claim_lists_refresh(ids).
]

# 0013's write and links functions back, then these gone.
REVERSE = [
    *(
        sql.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
        for sql in before.FORWARD
        if "CREATE FUNCTION claims_claim_lists_write(" in sql
        or "CREATE FUNCTION claims_claim_lists_links(" in sql
    ),
    "DROP FUNCTION claims_claim_lists_refresh(bigint[], text)",
    "DROP FUNCTION claims_claim_lists_write_actors(bigint[])",
    "DROP FUNCTION claims_claim_lists_write_events(bigint[])",
]


def _run(statements: list[str]):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0013_claim_lists"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(REVERSE))]
