"""PasswordAttempt moves from core to security, its table unchanged."""

import django.db.models.deletion
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
        relabel("core", "security", "passwordattempt"),
    ]
