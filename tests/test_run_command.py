"""The README's run command prepares the site the same way every time (idempotent)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    not (ROOT / ".venv" / "bin" / "python").exists(),
    reason="dev.py works in the project's .venv, made by `python3 dev.py test`",
)
def test_run_setup_twice_on_a_new_database_serves_the_demo(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "settings.dev",
        "REDIS_URL": "",
    }
    env.pop("DJANGO_DEBUG", None)
    outputs = []
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "dev.py", "setup"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(result.stdout)
    assert "Created local administrator 'admin' / 'admin-local-only'" in outputs[0]
    assert "object(s) created" in outputs[0] and ": 0 object(s) created" not in outputs[0]
    assert "already exists" in outputs[1]
    second = [line for line in outputs[1].splitlines() if "object(s) created" in line]
    assert second and all(line.endswith(": 0 object(s) created") for line in second)

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
