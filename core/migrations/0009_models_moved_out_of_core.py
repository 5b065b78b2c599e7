"""PendingPurge, PasswordAttempt and SearchWord now belong to caching, security and search
(their 0001 migrations): core forgets them, their tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_privacy_of_every_language_version"),
        ("caching", "0001_initial"),
        ("search", "0001_initial"),
        ("security", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PendingPurge"),
                migrations.DeleteModel(name="PasswordAttempt"),
                migrations.DeleteModel(name="SearchWord"),
            ],
            database_operations=[],
        ),
    ]
