"""Two indexes the claims table kept twice: Django's own index on each foreign key, where
a composite index already starts with the same column (claim_position_unique with
article_id, claim_speaker_verdict_idx with speaker_id) and serves every lookup the
single-column one did. Every imported claim paid for both in each insert.

The fields' state changes (db_index=False); the database only loses the two indexes, by
name: letting Django alter the fields would rebuild the table on SQLite (dropping the claim
counters' triggers with it) and re-validate both foreign keys on PostgreSQL.
"""

from django.db import migrations, models

INDEXES = (
    ("claims_claim_article_id_6731be49", "article_id"),
    ("claims_claim_speaker_id_e031226b", "speaker_id"),
)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0014_claim_lists_per_kind"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="claim",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="claims",
                        to="claims.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="speaker",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.SET_NULL,
                        related_name="spoken_claims",
                        to="claims.actor",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    f'CREATE INDEX "{name}" ON "claims_claim" ("{column}")',
                )
                for name, column in INDEXES
            ],
        ),
    ]
