from django.db import migrations


class RunPostgresSQL(migrations.RunSQL):
    """SQL that only PostgreSQL understands (GIN and trigram indexes); a no-op elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def search_indexes(table: str) -> list:
    """A GIN index on the stored search vector and a trigram index on the name."""
    return [
        RunPostgresSQL(
            f"CREATE INDEX {table}_search_gin ON {table} USING gin (search_vector);",
            f"DROP INDEX IF EXISTS {table}_search_gin;",
        ),
        RunPostgresSQL(
            f"CREATE INDEX {table}_name_trgm ON {table} USING gin (name gin_trgm_ops);",
            f"DROP INDEX IF EXISTS {table}_name_trgm;",
        ),
    ]


def fill_uuids(app_label: str, model_name: str):
    """A RunPython operation giving every existing row its own random UUID."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        table = model._meta.db_table
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"UPDATE {table} SET uuid = gen_random_uuid() WHERE uuid IS NULL")
            return
        import uuid

        for pk in model.objects.filter(uuid__isnull=True).values_list("pk", flat=True).iterator():
            model.objects.filter(pk=pk).update(uuid=uuid.uuid4())

    return migrations.RunPython(forwards, migrations.RunPython.noop)
