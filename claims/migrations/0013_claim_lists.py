"""claims_claim_lists: each claim's actors and events as the API writes them (JSON), kept by
triggers. PostgreSQL only.

On PostgreSQL the claim list's JSON is written by the database (``claims.api.page_json``).
Its actors and events were two correlated sub-selects a row (a join, a sort and an
aggregate each): about 0.7 ms of a page's 2.7 ms in the database at 1M claims, the largest
part of what the API costs over a plain ``.values()`` list. Here they are kept ready, one
index probe a list. The lists change far less often than they are read: when a claim's
links change (import, the admin, merges), or an actor or event is renamed or redated.

Kept by STATEMENT-level triggers with transition tables (as ``claims_claimcount``, 0005):
every way a link changes is seen (the ORM, ``set()``, raw SQL, the importer's COPY), and one
statement of N links refreshes its claims in one upsert. ``claims_claim_lists_write`` is
the one definition of the lists' JSON (key and sort order as
``claims.api.payloads.actors_by_claim`` / ``events_by_claim`` give them on SQLite;
``tests/test_claim_lists.py`` holds the two equal after every kind of write). The
triggers' ``claims_claim_lists_refresh`` first takes a lock on this table that only other
writers of it wait for (SHARE ROW EXCLUSIVE; reads go on), held until commit: two
transactions changing one claim's links then refresh one after the other, the second seeing
the first's committed links, instead of the later commit writing a list computed without
the other's change. (Locking the claims' rows instead made imports a fifth slower.)

A claim with no row here has no actors and no events. Not a Django model: only PostgreSQL's
JSON path reads it (SQLite takes the Python path), and Django's flush empties it through the
TRUNCATE trigger on claims_claim. ``generate_data`` disables the link triggers while it
loads (its link tables have no indexes then) and writes the new claims' lists once at the
end (``claims.devtools.datagen.load.claim_lists``).
"""

from django.db import migrations

ACTORS = """
    COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'kind', a.kind)
                              ORDER BY a.name, a.id)
              FROM claims_claim_actors t JOIN claims_actor a ON a.id = t.actor_id
              WHERE t.claim_id = c.id), '[]')
"""
EVENTS = """
    COALESCE((SELECT json_agg(json_build_object('id', e.id, 'title', e.title, 'date', e.date)
                              ORDER BY e.date NULLS LAST, e.title, e.id)
              FROM claims_claim_events t JOIN claims_event e ON e.id = t.event_id
              WHERE t.claim_id = c.id), '[]')
"""

LINK_TABLES = ("claims_claim_actors", "claims_claim_events")
# (kind, its link table, the fields of it that the lists show)
SHOWN = (
    ("actor", "claims_claim_actors", ("name", "kind")),
    ("event", "claims_claim_events", ("title", "date")),
)

FORWARD = [
    """
    CREATE TABLE claims_claim_lists (
        claim_id bigint PRIMARY KEY,
        actors json NOT NULL,
        events json NOT NULL
    )
    """,
    f"""
    CREATE FUNCTION claims_claim_lists_write(ids bigint[]) RETURNS void
    LANGUAGE sql AS $$
        -- A claim already deleted is not in claims_claim: nothing is written for it.
        INSERT INTO claims_claim_lists (claim_id, actors, events)
        SELECT c.id, {ACTORS}, {EVENTS} FROM claims_claim c WHERE c.id = ANY(ids) ORDER BY c.id
        ON CONFLICT (claim_id)
        DO UPDATE SET actors = EXCLUDED.actors, events = EXCLUDED.events
    $$
    """,
    # What the triggers call: the claims locked first (see the module docstring).
    """
    CREATE FUNCTION claims_claim_lists_refresh(ids bigint[]) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
        -- Writers of the lists one at a time (this mode conflicts with itself, not with
        -- reads), until commit: locking the claims instead cost the importer a fifth.
        LOCK TABLE claims_claim_lists IN SHARE ROW EXCLUSIVE MODE;
        PERFORM claims_claim_lists_write(ids);
    END $$
    """,
    # Links added, removed or re-pointed (one function for both link tables).
    """
    CREATE FUNCTION claims_claim_lists_links() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM claims_claim_lists_refresh(ARRAY(SELECT DISTINCT claim_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM claims_claim_lists_refresh(ARRAY(SELECT DISTINCT claim_id FROM old_rows));
        ELSE
            PERFORM claims_claim_lists_refresh(ARRAY(
                SELECT claim_id FROM old_rows UNION SELECT claim_id FROM new_rows));
        END IF;
        RETURN NULL;
    END $$
    """,
    # An actor or event whose shown fields changed: every claim linked to it.
    *(
        f"""
        CREATE FUNCTION claims_claim_lists_{kind}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            changed bigint[] := ARRAY(
                SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.{first}, n.{second}) IS DISTINCT FROM (o.{first}, o.{second}));
        BEGIN
            -- Most updates change other columns (the importer fills in descriptions):
            -- those must not read the links of an actor that thousands of claims name.
            IF cardinality(changed) > 0 THEN
                PERFORM claims_claim_lists_refresh(ARRAY(
                    SELECT DISTINCT claim_id FROM {links} WHERE {kind}_id = ANY(changed)));
            END IF;
            RETURN NULL;
        END $$
        """
        for kind, links, (first, second) in SHOWN
    ),
    """
    CREATE FUNCTION claims_claim_lists_claims_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM claims_claim_lists WHERE claim_id IN (SELECT id FROM old_rows);
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION claims_claim_lists_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_TABLE_NAME = 'claims_claim' THEN
            TRUNCATE claims_claim_lists;
        ELSIF TG_TABLE_NAME = 'claims_claim_actors' THEN
            UPDATE claims_claim_lists SET actors = '[]';
        ELSE
            UPDATE claims_claim_lists SET events = '[]';
        END IF;
        RETURN NULL;
    END $$
    """,
    *(
        f"""
        CREATE TRIGGER {table}_lists_{op.lower()} AFTER {op} ON {table}
        REFERENCING {referencing}
        FOR EACH STATEMENT EXECUTE FUNCTION claims_claim_lists_links()
        """
        for table in LINK_TABLES
        for op, referencing in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        )
    ),
    *(
        f"""
        CREATE TRIGGER {table}_lists_update AFTER UPDATE ON {table}
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION claims_claim_lists_{kind}()
        """
        for table, kind in (("claims_actor", "actor"), ("claims_event", "event"))
    ),
    """
    CREATE TRIGGER claims_claim_lists_delete AFTER DELETE ON claims_claim
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claims_claim_lists_claims_deleted()
    """,
    *(
        f"""
        CREATE TRIGGER {table}_lists_truncate AFTER TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION claims_claim_lists_truncated()
        """
        for table in ("claims_claim", *LINK_TABLES)
    ),
    # The claims that have links today.
    """
    SELECT claims_claim_lists_write(ARRAY(
        SELECT claim_id FROM claims_claim_actors UNION SELECT claim_id FROM claims_claim_events))
    """,
]

REVERSE = [
    *(
        f"DROP TRIGGER {table}_lists_{op} ON {table}"
        for table in LINK_TABLES
        for op in ("insert", "update", "delete", "truncate")
    ),
    "DROP TRIGGER claims_actor_lists_update ON claims_actor",
    "DROP TRIGGER claims_event_lists_update ON claims_event",
    "DROP TRIGGER claims_claim_lists_delete ON claims_claim",
    "DROP TRIGGER claims_claim_lists_truncate ON claims_claim",
    *(
        f"DROP FUNCTION claims_claim_lists_{name}()"
        for name in ("links", "actor", "event", "claims_deleted", "truncated")
    ),
    "DROP FUNCTION claims_claim_lists_refresh(bigint[])",
    "DROP FUNCTION claims_claim_lists_write(bigint[])",
    "DROP TABLE claims_claim_lists",
]


def _run(schema_editor, statements) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return  # the Python path reads the links themselves
    for sql in statements:
        schema_editor.execute(sql)


def install(apps, schema_editor) -> None:
    _run(schema_editor, FORWARD)


def uninstall(apps, schema_editor) -> None:
    _run(schema_editor, REVERSE)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0012_publish_claims"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
