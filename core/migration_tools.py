"""Operations of migrations that move a model to another app with its table (no data
copied), imported by migrations: keep their names and behaviour as they are.

A moved model's table was made by the old app's migrations; on a new database the new
app's migrations may run first, since the new app sits below the old one (the old app's
models point at the moved ones, so it depends on the new app, never the reverse). Such
tables are therefore made by whichever migration comes first, the old app's or the new
app's: `create_missing_tables`, `AddFieldIfMissing` and `create_missing_m2m_table` make
only what the database lacks, from the migration's own historical model, and leave it in
place when migrating back.
"""

from django.db import migrations


def _tables(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        return set(schema_editor.connection.introspection.table_names(cursor))


def _columns(schema_editor, table):
    with schema_editor.connection.cursor() as cursor:
        description = schema_editor.connection.introspection.get_table_description(cursor, table)
    return {column.name for column in description}


def create_missing_tables(app_label, *model_names):
    """Make the tables of these models (as the migration's state has them) that the
    database does not have yet."""

    def forwards(apps, schema_editor):
        existing = _tables(schema_editor)
        for name in model_names:
            model = apps.get_model(app_label, name)
            if model._meta.db_table not in existing:
                schema_editor.create_model(model)

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)


class AddFieldIfMissing(migrations.AddField):
    """`AddField`, but a column the table has already is left as it is (and kept when
    migrating back)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        field = to_state.apps.get_model(app_label, self.model_name)._meta.get_field(self.name)
        if field.column not in _columns(schema_editor, model._meta.db_table):
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def create_missing_m2m_table(app_label, model_name, field_name):
    """Make the table of a many-to-many field if the database lacks it."""

    def forwards(apps, schema_editor):
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
        through = field.remote_field.through
        if through._meta.db_table not in _tables(schema_editor):
            schema_editor.create_model(through)

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)


def move_content_type(old_label, new_label, model_name):
    """The moved model's content type (and so its permissions, revisions and log entries)
    follows it to the new app."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        old = ContentType.objects.filter(app_label=old_label, model=model_name)
        if old.exists():
            # One made for the new app by an earlier `migrate` of this code would clash.
            ContentType.objects.filter(app_label=new_label, model=model_name).delete()
            old.update(app_label=new_label)

    def backwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        new = ContentType.objects.filter(app_label=new_label, model=model_name)
        if new.exists():
            ContentType.objects.filter(app_label=old_label, model=model_name).delete()
            new.update(app_label=old_label)

    return migrations.RunPython(forwards, backwards)
