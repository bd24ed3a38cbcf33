"""PostgreSQL full-text GIN index on claim text.

The expression must stay identical to the one ``ClaimQuerySet.search`` filters on, or the
planner will not use the index. SQLite has no tsvector; there the search falls back to
substring matching and this migration does nothing.
"""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS claim_text_fts ON claims_claim "
    "USING gin (to_tsvector('english', text))"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_text_fts")


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
