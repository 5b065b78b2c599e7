#!/usr/bin/env python3
"""The project's two everyday commands, needing nothing but Python 3.11+:

    python3 dev.py run    # the site with demo content on http://127.0.0.1:8000/
    python3 dev.py test   # the whole test suite, on every core (extra arguments go to pytest)
    python3 dev.py setup  # what `run` does before serving: migrate, demo content, search
                          # index, admin

Both create `.venv/` and install the project's dependencies the first time (and again
whenever pyproject.toml changes).
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"


def sh(*args, env=None):
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_environment():
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older Python
        sys.exit("Python 3.11 or newer is needed.")
    if not PYTHON.exists():
        print(f"Creating the virtual environment in {VENV} …", flush=True)
        venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test]")
        STAMP.write_text(wanted)


def manage(*args, env=None):
    sh(PYTHON, "manage.py", *args, env=env)


def dev_env():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "settings.dev"),
    }


def setup(extra):
    """Everything `run` does before serving: migrate, demo content, search index, local
    admin."""
    ensure_environment()
    env = dev_env()
    manage("migrate", "--noinput", env=env)
    manage("load_demo_content", env=env)
    # Seconds on the demo; keeps an older database's search index in step with the search's
    # analysis after an upgrade (search.analysis).
    manage("update_index", env=env)
    manage("create_local_admin", env=env)


def run(extra):
    setup([])
    print(
        "\nThe site: http://127.0.0.1:8000/   The admin: http://127.0.0.1:8000/admin/ "
        "(admin / admin-local-only, for this machine only)\n",
        flush=True,
    )
    manage("runserver", *(extra or ["127.0.0.1:8000"]), env=dev_env())


def parallel_arguments(extra):
    """The whole suite runs on every core (pytest-xdist), each test module on one worker and
    the browser tests together (tests/conftest.py schedules them); a chosen file or test, or
    arguments that already say how to run, run as given."""
    chooses_tests = any(not arg.startswith("-") for arg in extra)
    says_how = any(arg.startswith(("-n", "--numprocesses", "-p")) for arg in extra)
    if chooses_tests or says_how:
        return []
    return ["-n", str(min(os.cpu_count() or 1, 4))]


def test(extra):
    ensure_environment()
    sh(PYTHON, "-m", "pytest", *parallel_arguments(extra), *extra)


if __name__ == "__main__":
    commands = {"run": run, "test": test, "setup": setup}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2:])
