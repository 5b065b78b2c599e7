"""SearchWord moves from core to search, its table unchanged."""

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
        move_content_type("core", "search", "searchword"),
    ]
