"""Browser tests: Playwright drives Debian's Chromium against a real server process.

The server runs `manage.py runserver`, with DEBUG off, on a copy of the run's demo site: a
new SQLite database prepared by the same commands a new user runs (migrate,
load_demo_content; tests/shared_databases.py). Browser tests do
not share the pytest-django database, so they see exactly what a visitor would.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.shared_databases import copy_site, site_environment

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# A staff account for the admin's browser tests (create_local_admin refuses with DEBUG off).
BROWSER_EDITOR = ("browser-editor", "browser-editor-password")
CREATE_BROWSER_EDITOR = (
    "from django.contrib.auth import get_user_model; "
    "get_user_model().objects.create_superuser("
    f"{BROWSER_EDITOR[0]!r}, 'editor@example.org', {BROWSER_EDITOR[1]!r})"
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


_LIVE_SITE = {}


def live_site_shell(code):
    """Run Python code in `manage.py shell` against the live site's database (test setup)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=_LIVE_SITE["env"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_site(demo_site, tmp_path_factory):
    """Base URL of a running site with the demo content (a copy of the run's demo site)."""
    folder = copy_site(demo_site, tmp_path_factory.mktemp("browser-site"))
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        **site_environment(folder),
        "DJANGO_DEBUG": "0",
        "WAGTAILADMIN_BASE_URL": base_url,
        "ENDORSEMENT_RATE_LIMIT": "1000/h",
        "PYTHONUNBUFFERED": "1",
    }
    _LIVE_SITE["env"] = env
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(manage + ["shell", "-c", CREATE_BROWSER_EDITOR], env=env, cwd=ROOT, check=True)
    log = open(folder / "server.log", "w")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(
        manage + ["runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/robots.txt", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"the test server did not start: see {folder / 'server.log'}"
                ) from None
            time.sleep(0.3)
    yield base_url
    server.terminate()
    server.wait(timeout=10)
    log.close()


# For the browser tests only (their package): Playwright's sync API keeps an event loop in
# the thread while it runs, and Django refuses database calls from a thread with a running
# loop, so it must be closed before the worker goes on to other tests (pytest-xdist runs
# them in the same process): one browser per module.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (Debian: apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + ": browser tests cannot be skipped under CI=true")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def make_page(browser):
    """A page at a given viewport width (for mobile layouts)."""
    contexts = []

    def make(width=1280, height=900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def axe_violations(page):
    """Run axe-core on the page: a readable report of its WCAG 2.2 AA violations, or ""."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    return f"{page.url}\n{results.generate_report()}" if results.violations_count else ""


def assert_no_axe_violations(page):
    """Fail with a readable report on any WCAG 2.2 AA violation axe-core finds."""
    report = axe_violations(page)
    assert not report, report


# Collects the browser's own reports of what the Content-Security-Policy blocked, from the
# first script on (page.add_init_script).
LISTEN_FOR_POLICY_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def log_in(page, live_site, username, password):
    """Sign in to the admin through its login form."""
    page.goto(f"{live_site}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_site}/admin/")


def wait_until(page, expression, timeout=10):
    """Poll a JavaScript expression until it is true. Playwright's wait_for_function
    evaluates its string with eval() inside the page, which the site's Content-Security-
    Policy forbids (no 'unsafe-eval'); page.evaluate runs it from outside the page."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"Still false after {timeout} s: {expression}")
        time.sleep(0.05)
