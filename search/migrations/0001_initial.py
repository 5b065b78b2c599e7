"""SearchWord moves from core to search, its table unchanged."""

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
                    name="SearchWord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("language", models.CharField(help_text="Language code of the pages.", max_length=8)),
                        ("word", models.CharField(help_text="The word as written, in lower case.", max_length=40)),
                        ("key", models.CharField(help_text="The word as compared: without accents or Arabic variants.", max_length=40)),
                        ("length", models.PositiveSmallIntegerField(help_text="Length of the key.")),
                    ],
                    options={
                        "verbose_name": "search word",
                        "verbose_name_plural": "search words",
                        "db_table": "core_searchword",
                        "indexes": [models.Index(fields=["language", "length"], name="core_searchword_length")],
                        "constraints": [models.UniqueConstraint(fields=("language", "word"), name="core_searchword_unique")],
                    },
                ),
            ],
            database_operations=[],
        ),
        relabel("core", "search", "searchword"),
    ]
