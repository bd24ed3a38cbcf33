"""The tables the generator fills: their column order, and the check that it matches the models.

The generator yields tuples in the column order of ``COLUMNS``; ``check_columns`` compares
these with the models at start-up, so a model change fails loudly instead of writing wrong
columns.
"""

from __future__ import annotations

from typing import Any

# Column order of the tuples the generator yields. ``check_columns`` compares these with the
# models at start-up, so a model change fails loudly here instead of writing wrong columns.
COLUMNS: dict[str, tuple[str, ...]] = {
    "claims_actor": (
        "id",
        "name",
        "kind",
        "description",
        "wikidata_id",
        "normalized_name",
        "created_at",
    ),
    "claims_actoralias": ("id", "actor_id", "alias", "normalized"),
    "claims_event": (
        "id",
        "title",
        "date",
        "date_precision",
        "end_date",
        "location",
        "description",
        "aliases",
        "status",
        "created_at",
    ),
    "claims_event_participants": ("id", "event_id", "actor_id"),
    "claims_article": (
        "id",
        "title",
        "subtitle",
        "publisher",
        "author",
        "url",
        "published_on",
        "section",
        "language",
        "title_source",
        "dateline_place",
        "dateline_agency",
        "body",
        "raw_text",
        "content_hash",
        "source_name",
        "pipeline_version",
        "imported_at",
        "updated_at",
    ),
    "claims_claim": (
        "id",
        "article_id",
        "position",
        "text",
        "start",
        "end",
        "paragraph",
        "kind",
        "attribution",
        "speaker_id",
        "mentioned_dates",
        "check_worthiness",
        "check_reasons",
        "verdict",
        "verdict_note",
        "reviewed_by_id",
        "reviewed_at",
        "version",
        "assignee_id",
        "assigned_by_id",
        "assigned_at",
        "published_at",
        "published_by_id",
    ),
    "claims_claim_actors": ("id", "claim_id", "actor_id"),
    "claims_claim_events": ("id", "claim_id", "event_id"),
    "claims_review": (
        "id",
        "claim_id",
        "verdict",
        "previous_verdict",
        "note",
        "editor_id",
        "created_at",
    ),
    "claims_evidence": (
        "id",
        "claim_id",
        "review_id",
        "url",
        "title",
        "excerpt",
        "stance",
        "added_by_id",
        "created_at",
    ),
    "claims_claimrelation": (
        "id",
        "from_claim_id",
        "to_claim_id",
        "relation",
        "note",
        "created_by_id",
        "created_at",
    ),
}
# Columns holding JSON text (the ORM writer decodes them; COPY takes the text as is).
JSON_COLUMNS = {"aliases", "mentioned_dates", "check_reasons"}
# Parents before children, so the ORM writer satisfies foreign keys row by row where a
# database checks them immediately.
TABLE_ORDER = tuple(COLUMNS)


def models_by_table() -> dict[str, Any]:
    """The model (or many-to-many through model) behind each table of ``COLUMNS``."""
    from django.apps import apps

    found: dict[str, Any] = {}
    for model in apps.get_app_config("claims").get_models():
        found[model._meta.db_table] = model
        for m2m in model._meta.local_many_to_many:
            found[m2m.remote_field.through._meta.db_table] = m2m.remote_field.through
    return {table: found[table] for table in COLUMNS}


def check_columns() -> None:
    """Fail clearly when the models and ``COLUMNS`` disagree (a migration changed a table)."""
    for table, model in models_by_table().items():
        actual = {f.column for f in model._meta.concrete_fields}
        if actual != set(COLUMNS[table]):
            raise RuntimeError(
                f"generate_data is out of date for {table}: the model has columns "
                f"{sorted(actual)}, the generator writes {sorted(COLUMNS[table])}"
            )
