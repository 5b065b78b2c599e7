"""Covers drawn before their names had a random part (`cover-<document id>.png`) are renamed:
a stranger could fetch a private document's first page by counting. Their renditions,
named after the original, are deleted (drawn again on demand under the new name)."""

from django.db import migrations

from resources.covers import rename_guessable_covers


def rename(apps, schema_editor):
    rename_guessable_covers(
        apps.get_model("resources", "DocumentCover"),
        apps.get_model("wagtailimages", "Rendition"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0006_resourcepage_cities"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
