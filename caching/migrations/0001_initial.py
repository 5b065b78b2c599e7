"""PendingPurge moves from core to caching, its table unchanged."""

from django.db import migrations, models


def relabel(old_label, new_label, model_name):
    """The model's content type (and so its permissions) follows it to the new app."""

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


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0008_privacy_of_every_language_version"),
    ]

    # The table was core's: only Django's idea of which app owns the model changes (no data
    # copied); core 0009 drops it from core's state.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PendingPurge",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200, unique=True)),
                        ("recorded_at", models.DateTimeField()),
                    ],
                    options={"verbose_name": "pending cache purge", "db_table": "core_pendingpurge"},
                ),
            ],
            database_operations=[],
        ),
        relabel("core", "caching", "pendingpurge"),
    ]
