"""Two app server processes on one PostgreSQL database and one Redis: what an editor
publishes through one is what visitors get through the other, at once.

Needs PostgreSQL (TWO_SERVERS_POSTGRES_URL, a database to connect to for creating and
dropping a scratch one) and Redis (TEST_REDIS_URL): skipped without them, except under
CI=true where it fails. Keys live under a prefix of their own, deleted at the end.

It runs in the suite's PostgreSQL pass (`.ci/run`, or any run whose DATABASE_URL is
PostgreSQL), not in the SQLite one that `dev.py test` makes: migrating its scratch database
alone takes half a minute.
"""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from html import unescape
from pathlib import Path

import pytest
import requests
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get(
    "TWO_SERVERS_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

SETUP = """
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from home.models import HomePage, StandardPage

site = Site.objects.get(is_default_site=True)
placeholder = site.root_page
home = HomePage(title="Home", slug="home-page", hero_title="Two servers")
Page.get_first_root_node().add_child(instance=home)
home.save_revision().publish()
site.root_page = home
site.save()
placeholder.delete()
page = StandardPage(title="Shared cache, first version", slug="shared")
home.add_child(instance=page)
page.save_revision().publish()
get_user_model().objects.create_superuser("editor", "editor@example.org", "two-servers")
print(page.pk)
"""

PUBLISH = """
from home.models import StandardPage

page = StandardPage.objects.get(slug="shared")
page.title = "Shared cache, second version"
page.save_revision().publish()
"""


pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="runs in the suite's PostgreSQL pass (DATABASE_URL=postgresql://…)",
)


def unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (CI=true: this test must run)")
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def stack():
    """A scratch PostgreSQL database and a Redis key prefix, dropped and deleted after."""
    psycopg = pytest.importorskip("psycopg")
    redis = pytest.importorskip("redis")
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        unavailable(f"PostgreSQL is not reachable at {POSTGRES_URL}")
    redis_client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        redis_client.ping()
    except redis.exceptions.ConnectionError:
        admin.close()
        unavailable(f"Redis is not reachable at {REDIS_URL}")

    name = f"two_servers_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    prefix = f"two-servers-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": POSTGRES_URL.rsplit("/", 1)[0] + "/" + name,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "PAGE_CACHE_SECONDS": "600",
    }
    try:
        yield env
    finally:
        for key in redis_client.scan_iter(f"{prefix}:*"):
            redis_client.delete(key)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def start_server(env):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "wsgi:application", "--workers", "1"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            requests.get(base + "/robots.txt", timeout=30)
            return server, base
        except requests.ConnectionError:  # not listening yet
            time.sleep(0.1)
    server.terminate()
    raise AssertionError("the app server did not start")


def get(url):
    # Behind a load balancer every app server sees the site's host name, not its own port.
    return requests.get(url, headers={"Host": "localhost"}, timeout=60)


def test_publishing_through_one_server_shows_through_the_other_at_once(stack):
    manage(stack, "migrate", "--noinput", "-v0")
    page_id = int(manage(stack, "shell", "-c", SETUP).split()[-1])
    (server_a, a), (server_b, b) = start_server(stack), start_server(stack)
    try:
        url = "/en/shared/"
        first = get(b + url)
        assert (first.status_code, first.headers["X-Cache"]) == (200, "MISS")
        assert "Shared cache, first version" in unescape(first.text)
        # Stored by B, served by A: the cache is shared.
        assert get(a + url).headers["X-Cache"] == "HIT"

        # A third process publishes (the ORM, as a management command would): both see it.
        manage(stack, "shell", "-c", PUBLISH)
        after_b, after_a = get(b + url), get(a + url)
        assert (after_b.headers["X-Cache"], after_a.headers["X-Cache"]) == ("MISS", "HIT")
        for response in (after_b, after_a):
            assert "Shared cache, second version" in unescape(response.text)

        # An editor unpublishes through A's admin; B stops serving the page at once.
        editor = requests.Session()
        login = editor.get(a + "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)[1]
        editor.post(
            a + "/admin/login/",
            {"username": "editor", "password": "two-servers", "csrfmiddlewaretoken": token},
            headers={"Referer": a + "/admin/login/"},
        )
        form = editor.get(f"{a}/admin/pages/{page_id}/unpublish/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)[1]
        done = editor.post(
            f"{a}/admin/pages/{page_id}/unpublish/",
            {"csrfmiddlewaretoken": token},
            headers={"Referer": f"{a}/admin/pages/{page_id}/unpublish/"},
        )
        assert done.status_code == 200 and "/admin/login/" not in done.url
        assert get(b + url).status_code == 404
        assert get(a + url).status_code == 404
    finally:
        for server in (server_a, server_b):
            server.terminate()
            server.wait(timeout=10)
