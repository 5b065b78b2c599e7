"""An event's time zone is one of the installed tzdata's zones, and a new tzdata release (or
another machine's zone list) changes that list without asking for a migration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from events.models import EventPage

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: the zone list must be patched before the models are imported,
# as it would be on a machine with another tzdata (in this process they are imported already).
MAKEMIGRATIONS_WITH_OTHER_ZONES = """
import zoneinfo
from unittest import mock

import django
from django.core.management import call_command

other_release = (zoneinfo.available_timezones() - {"Europe/Kyiv"}) | {"America/Nowhere_Land"}
with mock.patch("zoneinfo.available_timezones", return_value=other_release):
    django.setup()
    from events.models import EventPage

    field = EventPage._meta.get_field("time_zone")
    assert ("America/Nowhere_Land", "America/Nowhere Land") in list(field.choices)
    call_command("makemigrations", "--check", "--dry-run", verbosity=1)
"""


def test_another_tzdata_release_needs_no_migration():
    result = subprocess.run(
        [sys.executable, "-c", MAKEMIGRATIONS_WITH_OTHER_ZONES],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "settings.test",
            # Only the migration files are compared; no database file is created.
            "DATABASE_URL": "sqlite:///:memory:",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def time_zone_field_of_the_admin_form():
    form_class = EventPage.get_edit_handler().get_form_class()
    return form_class.base_fields["time_zone"]


def test_the_admin_form_accepts_an_installed_time_zone():
    field = time_zone_field_of_the_admin_form()
    assert field.clean("Europe/Madrid") == "Europe/Madrid"
    assert ("America/New_York", "America/New York") in list(field.choices)


def test_the_admin_form_refuses_a_time_zone_that_does_not_exist():
    field = time_zone_field_of_the_admin_form()
    with pytest.raises(ValidationError):
        field.clean("Mars/Olympus_Mons")
    # Aliases kept out of the list are refused too.
    with pytest.raises(ValidationError):
        field.clean("US/Eastern")
