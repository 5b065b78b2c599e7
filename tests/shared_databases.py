"""Databases built once per test run and copied by every process that needs one.

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


def _manage(env, *commands, then=""):
    """Run management commands, one after the other, in one new process (Django starts
    once), then the Python code `then`; what they print."""
    script = "import django; django.setup(); from django.core.management import call_command\n"
    script += "".join(f"call_command(*{command!r})\n" for command in commands)
    script += then
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


# Every live page viewed once, as the first visitors of a new site would: the images' renditions
# and the social cards are drawn then (AVIF is slow to encode), once for every copy of the
# site instead of once in each (the browser tests' servers, tests/test_demo.py).
FIRST_VIEWS = """
from django.test import Client
from wagtail.models import Page

client = Client(HTTP_HOST="127.0.0.1")
for page in Page.objects.live().filter(depth__gt=1):
    client.get(page.url)
"""


def _postgres_url(database, name):
    user = database.get("USER") or ""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgresql://{credentials}{database.get('HOST') or ''}{port}/{name}"


def _postgres_admin(database):
    """An autocommit connection to the server's maintenance database, to create databases."""
    import psycopg

    return psycopg.connect(_postgres_url(database, "postgres"), autocommit=True, connect_timeout=10)


def postgres_test_database(tmp_path_factory, database, name):
    """On PostgreSQL, the test database `name` as a copy (CREATE DATABASE … TEMPLATE) of a
    database migrated once per run, instead of each worker applying every migration."""
    template = f"{database['NAME']}_migrated"

    def build(folder):
        with _postgres_admin(database) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{template}"')
        env = {**site_environment(folder, "settings.test")}
        env["DATABASE_URL"] = _postgres_url(database, template)
        _manage(env, ["migrate", "-v0"])

    folder = run_folder(tmp_path_factory)
    _built_once(folder, "postgres-template", build)
    # One copy at a time: PostgreSQL refuses to copy a template another session is reading.
    with FileLock(str(folder / "postgres-template.lock")):
        with _postgres_admin(database) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def demo_site(tmp_path_factory):
    """A folder holding a new site prepared as `python3 dev.py setup` does (migrate, the
    demo content, the local administrator), each page then viewed once: `db.sqlite3`,
    `media/`, and in `setup.txt` what the three commands printed. It starts from a copy of
    the migrated database, which was made by the same `migrate` command."""
    migrated = migrated_database(tmp_path_factory)

    def build(folder):
        shutil.copyfile(migrated, folder / "db.sqlite3")
        # The commands `dev.py setup` runs, in its order.
        output = _manage(
            site_environment(folder),
            ["migrate", "--noinput"],
            ["load_demo_content"],
            ["create_local_admin"],
            then=FIRST_VIEWS,
        )
        (folder / "setup.txt").write_text(output)

    return _built_once(run_folder(tmp_path_factory), "demo-site", build)


def copy_site(source, destination):
    """A copy of a site folder (database and media) that its user may change."""
    shutil.copytree(source, destination, dirs_exist_ok=True)
    return destination
