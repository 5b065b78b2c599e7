"""SQLite databases built once per test run and copied by every process that needs one.

Applying the 232 migrations costs about 25 s of CPU (Django renders the model state of each)
and loading the demo about 40 s more. The pytest-xdist workers' test databases, the browser
tests' server, the README command's test and the demo tests would each pay for them again:
instead, the first process that asks builds the database under a file lock in the run's
temporary folder (shared by the workers), and the others wait for it and take a copy.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]


def run_folder(tmp_path_factory):
    """The temporary folder of this test run, shared by its pytest-xdist workers (each
    worker's own folder lies inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _built_once(folder, name, build):
    """`folder/name`, made by `build(path)` by the first process that asks for it."""
    target = folder / name
    done = folder / f"{name}.done"
    with FileLock(str(folder / f"{name}.lock")):
        if not done.exists():
            if target.is_dir():
                shutil.rmtree(target)  # left by a build that failed
            target.mkdir(parents=True, exist_ok=True)
            build(target)
            done.touch()
    return target


def _manage(env, *commands):
    """Run management commands, one after the other, in one new process (Django starts
    once); what they print."""
    script = "import django; django.setup(); from django.core.management import call_command\n"
    script += "".join(f"call_command(*{command!r})\n" for command in commands)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{commands} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def site_environment(folder, settings_module="settings.dev"):
    """The environment of a site whose SQLite database and media live in `folder`."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "REDIS_URL": "",
    }
    env.pop("DJANGO_DEBUG", None)
    return env


def migrated_database(tmp_path_factory):
    """An SQLite file with every migration applied and nothing else."""

    def build(folder):
        _manage(site_environment(folder, "settings.test"), ["migrate", "--run-syncdb", "-v0"])

    return _built_once(run_folder(tmp_path_factory), "migrated", build) / "db.sqlite3"


def demo_site(tmp_path_factory):
    """A folder holding a new site prepared as `python3 dev.py setup` does (migrate, the
    demo content, the local administrator): `db.sqlite3`, `media/`, and in `setup.txt`
    what the three commands printed. It starts from a copy of the migrated database, which
    was made by the same `migrate` command."""
    migrated = migrated_database(tmp_path_factory)

    def build(folder):
        shutil.copyfile(migrated, folder / "db.sqlite3")
        # The commands `dev.py setup` runs, in its order.
        output = _manage(
            site_environment(folder),
            ["migrate", "--noinput"],
            ["load_demo_content"],
            ["create_local_admin"],
        )
        (folder / "setup.txt").write_text(output)

    return _built_once(run_folder(tmp_path_factory), "demo-site", build)


def copy_site(source, destination):
    """A copy of a site folder (database and media) that its user may change."""
    shutil.copytree(source, destination, dirs_exist_ok=True)
    return destination
