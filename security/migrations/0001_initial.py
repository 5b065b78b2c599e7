"""PasswordAttempt moves from core to security, its table unchanged."""

import django.db.models.deletion
from django.db import migrations, models

from core.migration_tools import move_content_type


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0008_privacy_of_every_language_version"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # The table was core's: only Django's idea of which app owns the model changes (no data
    # copied); core 0009 drops it from core's state.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PasswordAttempt",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("address", models.CharField(max_length=64)),
                        ("failed", models.BooleanField()),
                        ("attempted_at", models.DateTimeField(db_index=True)),
                        ("restriction", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.pageviewrestriction")),
                    ],
                    options={
                        "verbose_name": "page password attempt",
                        "db_table": "core_passwordattempt",
                        "indexes": [models.Index(fields=["address", "attempted_at"], name="core_passwo_address_30c0a1_idx"), models.Index(fields=["restriction", "failed", "attempted_at"], name="core_passwo_restric_16985b_idx")],
                    },
                ),
            ],
            database_operations=[],
        ),
        move_content_type("core", "security", "passwordattempt"),
    ]
