"""PendingPurge moves from core to caching, its table unchanged."""

from django.db import migrations, models

from core.migration_tools import move_content_type


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
        move_content_type("core", "caching", "pendingpurge"),
    ]
