#!/usr/bin/env python3
"""Load benchmark of the production configuration (not a test): requests per second and latency.

    .venv/bin/python scripts/benchmark_load.py                 # 2 gunicorn workers, 10 s a case
    .venv/bin/python scripts/benchmark_load.py --workers 4 --duration 20 --reuse

It builds a PostgreSQL database (BENCH_LOAD_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/benchmark_load; created afresh unless --reuse) with
the demo content and a bare StandardPage of one paragraph, collects static files, then
starts gunicorn on 127.0.0.1 with settings.production, Redis (BENCH_REDIS_URL, default
redis://127.0.0.1:6379/0, under a key prefix of its own, deleted at the end) and
persistent database connections. `wrk` (Debian/Ubuntu: `apt-get install wrk`, macOS:
`brew install wrk`) drives it from the loopback. Each page is measured cached (the page
cache warmed, every request an anonymous visitor: X-Cache HIT) and uncached (a second
server with PAGE_CACHE_SECONDS=0), next to a static file served by WhiteNoise (the
ceiling). Errors count connection errors, timeouts and statuses >= 400: they must be 0.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get(
    "BENCH_LOAD_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/benchmark_load"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")

# Prints the page URLs to measure, and makes the bare page (a StandardPage, one paragraph).
FIND_PAGES = """
import json
from home.models import HomePage, StandardPage
from themes.models import ActionPlanPage
from campaigns.models import CampaignPage
from resources.models import ResourceLibraryPage

home = HomePage.objects.get(locale__language_code="en")
bare = StandardPage.objects.child_of(home).filter(slug="bare-benchmark-page").first()
if bare is None:
    bare = StandardPage(title="Bare page", slug="bare-benchmark-page",
                        body=[("paragraph", "<p>One paragraph.</p>")])
    home.add_child(instance=bare)
    bare.save_revision().publish()
print(json.dumps({
    "bare Wagtail page": bare.url,
    "home page": home.url,
    "action plan": ActionPlanPage.objects.get(locale__language_code="en").url,
    "campaign": CampaignPage.objects.get(slug="welcoming-cities", locale__language_code="en").url,
    "library, one facet": ResourceLibraryPage.objects.get(locale__language_code="en").url
    + "?kind=report",
}))
"""

# wrk prints its own summary; this adds one JSON line with what the table needs.
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def create_database():
    import psycopg

    admin_url = PG_URL.rsplit("/", 1)[0] + "/postgres"
    name = PG_URL.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def production_env(prefix, **overrides):
    """The environment of a production server on the loopback, Redis keys under `prefix`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": PG_URL,
        "DB_CONN_MAX_AGE": "600",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "MEDIA_ROOT": tempfile.mkdtemp(prefix=f"{prefix}-media-"),
        "LOG_LEVEL": "ERROR",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **overrides,
    }


def build_database(env):
    """A new database with the demo content, analysed."""
    print(f"Building {PG_URL} (migrate, demo content)…", file=sys.stderr, flush=True)
    create_database()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo_content", "-v0")
    manage(
        env,
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
    )


def delete_cache_keys(prefix):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def start_server(env, workers):
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_serving(server, base, "gunicorn did not start")
    return server, base


def wait_until_serving(server, base, failure, seconds=30):
    """Wait until the `server` process answers at `base` (its robots.txt); else stop it
    and exit with `failure`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    server.terminate()
    sys.exit(failure)


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get("X-Cache", "")


def run_wrk(url, args, script, duration=None):
    output = subprocess.run(
        [
            "wrk",
            f"--threads={args.threads}",
            f"--connections={args.connections}",
            f"--duration={duration or args.duration}s",
            "--timeout=10s",
            f"--script={script}",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(re.search(r"^RESULT (.*)$", output, re.MULTILINE)[1])
    result["rps"] = result["requests"] / result["seconds"]
    return result


def load_parser(doc, duration=10):
    """The options every load benchmark takes (add its own, then call parse_load_args)."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--duration", type=int, default=duration, help="seconds per case")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    return parser


def parse_load_args(parser):
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit(
            "This benchmark drives the site with wrk, which is not installed.\n"
            "Debian/Ubuntu: sudo apt-get install wrk    macOS: brew install wrk"
        )
    return args


def main():
    args = parse_load_args(load_parser(__doc__))

    prefix = f"benchmark-{secrets.token_hex(4)}"
    env = production_env(prefix)
    if not args.reuse:
        build_database(env)
    manage(env, "collectstatic", "--noinput", "-v0")
    pages = json.loads(manage(env, "shell", "-c", FIND_PAGES).strip().splitlines()[-1])
    manifest = json.loads((ROOT / "static_collected" / "staticfiles.json").read_text())
    static_url = "/static/" + manifest["paths"]["css/site.css"]

    script = Path(tempfile.mkdtemp(prefix="benchmark-load-")) / "report.lua"
    script.write_text(WRK_REPORT)
    rows = []
    try:
        for cached in (True, False):
            server, base = start_server(
                {**env, "PAGE_CACHE_SECONDS": "600" if cached else "0"}, args.workers
            )
            try:
                if cached:
                    fetch(base + static_url)
                    run_wrk(base + static_url, args, script, duration=3)
                    rows.append(
                        ("static file (WhiteNoise)", "-", run_wrk(base + static_url, args, script))
                    )
                for name, path in pages.items():
                    fetch(base + path)  # warms the page cache (and the workers)
                    status, outcome = fetch(base + path)
                    expected = "HIT" if cached else ""
                    if status != 200 or outcome != expected:
                        sys.exit(f"{name}: status {status}, X-Cache {outcome!r}")
                    label = "cached" if cached else "uncached"
                    print(f"  {name}, {label}…", file=sys.stderr, flush=True)
                    run_wrk(base + path, args, script, duration=3)  # warm-up, not counted
                    rows.append((name, label, run_wrk(base + path, args, script)))
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        delete_cache_keys(prefix)

    print(
        f"\nLoad benchmark: gunicorn {args.workers} sync workers, settings.production, "
        f"PostgreSQL, Redis; wrk {args.threads} threads, {args.connections} connections, "
        f"{args.duration} s per case; {os.cpu_count()} CPU cores\n"
    )
    print("| case | page cache | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, label, r in rows:
        print(
            f"| {name} | {label} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['p99']:.1f} | {r['errors']} |"
        )
    by_case = {(name, label): r for name, label, r in rows}
    static_rps = by_case[("static file (WhiteNoise)", "-")]["rps"]
    bare_rps = by_case[("bare Wagtail page", "uncached")]["rps"]
    print()
    for name in pages:
        cached_rps = by_case[(name, "cached")]["rps"]
        uncached_rps = by_case[(name, "uncached")]["rps"]
        print(
            f"{name}: cached {cached_rps / static_rps:.0%} of the static file "
            f"({'met' if cached_rps >= static_rps / 2 else 'NOT met'}: at least 50%); "
            f"uncached {bare_rps / uncached_rps:.1f}x the bare page's time "
            f"({'met' if uncached_rps >= bare_rps / 3 else 'NOT met'}: at most 3x)"
        )
    errors = sum(r["errors"] for _, _, r in rows)
    print(f"errors: {errors}" + ("" if errors == 0 else "  (must be 0)"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
