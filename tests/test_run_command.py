"""The README's run command prepares the site the same way every time (idempotent).

The run's demo site (tests/shared_databases.py) is a new database prepared by the three
commands `python3 dev.py setup` runs; this test checks what they printed, then runs
`dev.py setup` itself on a copy: nothing more is created, and the site serves the demo.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.shared_databases import copy_site, site_environment

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    not (ROOT / ".venv" / "bin" / "python").exists(),
    reason="dev.py works in the project's .venv, made by `python3 dev.py test`",
)
def test_setup_on_a_new_database_then_again_serves_the_demo(demo_site, tmp_path):
    first = (demo_site / "setup.txt").read_text()
    assert "Created local administrator 'admin' / 'admin-local-only'" in first
    assert "object(s) created" in first and ": 0 object(s) created" not in first

    env = site_environment(copy_site(demo_site, tmp_path))
    result = subprocess.run(
        [sys.executable, "dev.py", "setup"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    again = result.stdout
    assert "already exists" in again
    created = [line for line in again.splitlines() if "object(s) created" in line]
    assert created and all(line.endswith(": 0 object(s) created") for line in created)

    check = (
        "import django; django.setup();"
        "from django.test import Client, RequestFactory;"
        "from django.contrib.auth import authenticate;"
        "c = Client(HTTP_HOST='127.0.0.1');"
        "assert c.get('/fr/').status_code == 200;"
        # django-axes checks every login against its request (the admin login form's).
        "login = RequestFactory().post('/admin/login/');"
        "assert authenticate(login, username='admin', password='admin-local-only') is not None;"
        "print('ok')"
    )
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", check],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "ok", result.stderr
