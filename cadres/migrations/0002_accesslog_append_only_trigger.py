"""On PostgreSQL the database itself refuses UPDATE and DELETE on the access log (append-only).

TRUNCATE (used only to reset test databases) is not affected. SQLite relies on the model guard.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION cadres_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'cadres_accesslog is append-only';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS cadres_accesslog_append_only ON cadres_accesslog;
CREATE TRIGGER cadres_accesslog_append_only BEFORE UPDATE OR DELETE ON cadres_accesslog
    FOR EACH ROW EXECUTE FUNCTION cadres_accesslog_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS cadres_accesslog_append_only ON cadres_accesslog;
DROP FUNCTION IF EXISTS cadres_accesslog_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cadres", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
