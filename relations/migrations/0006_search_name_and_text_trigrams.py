from django.db import migrations

# Plain containment (`UPPER(column) LIKE UPPER('%x%')`, Django's icontains) as the searches
# read it: the meetings search's participants by name and alias (selectors.meeting_matches),
# and the sources by title and text (the site search's Sources group and the documents
# list). Trigram indexes on the very expressions, on PostgreSQL only: without them each
# search reads all 20,000 officials and aliases and all 10,000 texts at 200,000 meetings.
# SQLite reads every row, which is fine at its scale.
CONTAINS_INDEXES = {
    "official_name_trgm": ("relations_official", "name"),
    "alias_name_trgm": ("relations_alias", "name"),
    "document_title_trgm": ("documents_document", "title"),
    "document_text_trgm": ("documents_document", "text"),
}


def create_contains_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in CONTAINS_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {name} ON {table} USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop_contains_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in CONTAINS_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("relations", "0005_search_and_direction"),
        ("documents", "0004_ingestion"),
    ]

    operations = [
        migrations.RunPython(create_contains_indexes, drop_contains_indexes),
    ]
