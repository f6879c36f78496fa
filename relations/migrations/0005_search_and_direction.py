from django.contrib.postgres.indexes import GinIndex
import django.db.models.deletion
from django.db import migrations, models

from relations.search import AGREEMENT_TEXT, MEETING_TEXT, text_vector

# Full-text search of meetings and agreements on PostgreSQL (relations.search.text_matches):
# a GIN index on the very expression the search reads. SQLite searches plainly: no index.
TEXT_INDEXES = {
    "meeting_text_search": ("Meeting", MEETING_TEXT),
    "agreement_text_search": ("Agreement", AGREEMENT_TEXT),
}

# The meetings search's plain containment (`UPPER(title) LIKE UPPER('%x%')`, Django's
# icontains): trigram indexes on the same expression, one scan per column.
CONTAINS_INDEXES = {
    f"meeting_{column}_trgm": ("relations_meeting", column)
    for column in ("title", "summary", "location")
}


def create_text_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (model, fields) in TEXT_INDEXES.items():
        index = GinIndex(text_vector(fields), name=name)
        schema_editor.add_index(apps.get_model("relations", model), index)
    for name, (table, column) in CONTAINS_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {name} ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_text_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in [*TEXT_INDEXES, *CONTAINS_INDEXES]:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def _country_field(model: str, related: str) -> models.ForeignKey:
    """Who gives or who receives: a country, or none (the history keeps a plain id)."""
    if model.startswith("historical"):
        return models.ForeignKey(
            blank=True,
            db_constraint=False,
            null=True,
            on_delete=django.db.models.deletion.DO_NOTHING,
            related_name="+",
            to="relations.country",
        )
    return models.ForeignKey(
        blank=True,
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name=related,
        to="relations.country",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0004_merge_chains_one_hop"),
    ]

    operations = [
        migrations.RunPython(create_text_indexes, drop_text_indexes),
        *(
            migrations.AddField(model_name=model, name=name, field=_country_field(model, related))
            for model in ("agreement", "historicalagreement")
            for name, related in (
                ("from_country", "agreements_given"),
                ("to_country", "agreements_received"),
            )
        ),
    ]
