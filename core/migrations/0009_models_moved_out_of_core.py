"""PendingPurge, PasswordAttempt and SearchWord now belong to caching, security and search
(their 0001 migrations): core forgets them, their tables stay.

Nothing points at them, so core can forget them without waiting for the new apps' 0001
(which depend on core 0008): depending on them would make core's migrations and theirs
depend on each other (tests/test_migrations.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_privacy_of_every_language_version"),
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
