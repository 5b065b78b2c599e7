#!/usr/bin/env python3
"""Uncached pages beside Wagtail's own demo (not a test): requests per second of each page
kind of this site and of its bakerydemo counterpart, measured in one run.

    .venv/bin/python scripts/benchmark_bakerydemo.py --bakerydemo http://127.0.0.1:8002

Start bakerydemo yourself first (it is not part of this project), on the same machine and
the same Wagtail, in production settings on PostgreSQL with gunicorn and the same number of
sync workers, e.g. from a checkout of wagtail/bakerydemo with its own virtual environment:

    DJANGO_SETTINGS_MODULE=bakerydemo.settings.production DATABASE_URL=postgres://…/bakerydemo \\
    DJANGO_SECRET_KEY=… manage.py migrate && manage.py load_initial_data && \\
    gunicorn bakerydemo.wsgi:application --workers 2 --bind 127.0.0.1:8002

This script builds (or with --reuse keeps) the load benchmark's database with the demo
content (scripts/benchmark_load.py), starts this site with gunicorn in production settings
and the page cache off (PAGE_CACHE_SECONDS=0: every request renders), and drives both with
`wrk` in turns, page by page: a 3 s warm-up, then `--duration` seconds each. Targets: every
page kind at least as fast as its counterpart, the home page at least twice.
"""

import json
import secrets
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark_load import (  # noqa: E402
    WRK_REPORT,
    build_database,
    delete_cache_keys,
    fetch,
    load_parser,
    manage,
    parse_load_args,
    production_env,
    run_wrk,
    start_server,
)

# This site's page kinds (found in the demo content) and the bakerydemo page of each.
FIND_PAGES = """
import json
from campaigns.models import CampaignPage
from events.models import EventIndexPage
from home.models import HomePage
from resources.models import ResourceLibraryPage
from themes.models import ActionPlanPage

english = {"locale__language_code": "en"}
print(json.dumps({
    "home page": HomePage.objects.get(**english).url,
    "events index": EventIndexPage.objects.get(**english).url,
    "resource library": ResourceLibraryPage.objects.get(**english).url,
    "action plan": ActionPlanPage.objects.get(**english).url,
    "campaign with form": CampaignPage.objects.get(slug="welcoming-cities", **english).url,
}))
"""
COUNTERPARTS = {
    "home page": "/",
    "events index": "/breads/",
    "resource library": "/blog/",
    "action plan": "/blog/wild-yeast/",
    "campaign with form": "/blog/wild-yeast/",
}
# How many times faster than its counterpart each page kind must be.
TARGETS = {"home page": 2.0}


def main():
    parser = load_parser(__doc__)
    parser.add_argument("--bakerydemo", required=True, help="base URL of a running bakerydemo")
    args = parse_load_args(parser)
    theirs = args.bakerydemo.rstrip("/")
    for path in set(COUNTERPARTS.values()):
        status, _ = fetch(theirs + path)
        if status != 200:
            sys.exit(f"bakerydemo {path}: status {status}")

    prefix = f"benchmark-bakerydemo-{secrets.token_hex(4)}"
    env = production_env(prefix, PAGE_CACHE_SECONDS="0")
    if not args.reuse:
        build_database(env)
    manage(env, "collectstatic", "--noinput", "-v0")
    pages = json.loads(manage(env, "shell", "-c", FIND_PAGES).strip().splitlines()[-1])
    script = Path(tempfile.mkdtemp(prefix="benchmark-bakerydemo-")) / "report.lua"
    script.write_text(WRK_REPORT)
    server, ours = start_server(env, args.workers)
    rows = []
    try:
        for name, path in pages.items():
            counterpart = COUNTERPARTS[name]
            results = {}
            for label, url in (("ours", ours + path), ("bakerydemo", theirs + counterpart)):
                status, outcome = fetch(url)
                if status != 200 or outcome not in ("", "BYPASS"):
                    sys.exit(f"{url}: status {status}, X-Cache {outcome!r} (must render)")
                print(f"  {name}: {label}…", file=sys.stderr, flush=True)
                run_wrk(url, args, script, duration=3)  # warm-up, not counted
                results[label] = run_wrk(url, args, script)
            rows.append((name, path, counterpart, results))
    finally:
        server.terminate()
        server.wait(timeout=30)
        delete_cache_keys(prefix)

    print(
        f"\nUncached pages beside bakerydemo ({theirs}): gunicorn {args.workers} sync workers "
        f"each, production settings, PostgreSQL; wrk {args.threads} threads, "
        f"{args.connections} connections, {args.duration} s a case after 3 s of warm-up\n"
    )
    print(
        "| page | ours req/s (p50 ms) | bakerydemo counterpart | req/s (p50 ms) | ratio | target |"
    )
    print("| --- | ---: | --- | ---: | ---: | --- |")
    failed = errors = 0
    for name, path, counterpart, results in rows:
        ours_r, theirs_r = results["ours"], results["bakerydemo"]
        ratio = ours_r["rps"] / theirs_r["rps"]
        target = TARGETS.get(name, 1.0)
        met = ratio >= target
        failed += not met
        errors += ours_r["errors"] + theirs_r["errors"]
        print(
            f"| {name} `{path}` | {ours_r['rps']:.0f} ({ours_r['p50']:.1f}) | `{counterpart}` | "
            f"{theirs_r['rps']:.0f} ({theirs_r['p50']:.1f}) | {ratio:.2f} | "
            f"{'met' if met else 'NOT met'} (≥ {target:g}) |"
        )
    print(f"\nerrors: {errors}" + ("" if errors == 0 else "  (must be 0)"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
