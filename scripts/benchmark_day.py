#!/usr/bin/env python3
"""A realistic day (not a test): visitors read every page while an editor publishes.

    .venv/bin/python scripts/benchmark_day.py                  # 30 s a run, 2 workers
    .venv/bin/python scripts/benchmark_day.py --duration 60 --reuse

Builds the load benchmark's PostgreSQL database with the demo content (see
scripts/benchmark_load.py: BENCH_LOAD_DATABASE_URL, BENCH_REDIS_URL; --reuse keeps the last
one), starts gunicorn on 127.0.0.1 in production settings with the page cache, and drives
it with `wrk` over every URL of the sitemap, each request a URL drawn at random. Two runs of
the same length, each after one visit of every URL: one with nobody publishing, one while an
editor process publishes every `--every` seconds through Wagtail's API, in turn: a leaf page
(a resource, then an event), a theme snippet used on some pages, and the approval of a new
endorsement of a campaign. Prints throughput, the share of page-cache hits and latency for
both, and the publishing run's share of the quiet run's figures (targets: throughput at
least 80 %, hit ratio at least 95 %). Errors (connection errors, timeouts, statuses >= 400)
must be 0.
"""

import os
import re
import secrets
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchmark_load import (  # noqa: E402
    ROOT,
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

# wrk: a random sitemap URL per request; counts X-Cache outcomes over every thread.
WRK_SCRIPT = """
local threads = {}
local paths = {%(paths)s}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  hits, misses, others = 0, 0, 0
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  local outcome = headers["X-Cache"]
  if outcome == "HIT" then hits = hits + 1
  elseif outcome == "MISS" then misses = misses + 1
  else others = others + 1 end
end

function done(summary, latency, requests)
  local h, m, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    m = m + thread:get("misses")
    o = o + thread:get("others")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    'RESULT {"requests": %%d, "seconds": %%f, "p50": %%f, "p99": %%f, "errors": %%d, '
    .. '"hits": %%d, "misses": %%d, "others": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors, h, m, o))
end
"""

# The editor: publishes through Wagtail's API every EVERY seconds until STOP exists.
EDITOR = """
import itertools, os, time
from django.contrib.auth import get_user_model
from campaigns.endorsements import Endorsement, EndorsementStatus
from campaigns.models import CampaignPage
from events.models import EventPage
from resources.models import ResourcePage
from taxonomy.models import Theme

english = {"locale__language_code": "en"}
resource = ResourcePage.objects.filter(**english).live().order_by("pk").first()
event = EventPage.objects.filter(**english).live().order_by("pk").first()
used = set(ResourcePage.objects.filter(**english).values_list("themes", flat=True))
theme = Theme.objects.filter(pk__in=used, live=True).order_by("pk").first()
campaign = CampaignPage.objects.filter(**english).live().order_by("pk").first()
users = get_user_model().objects
editor = users.filter(is_superuser=True).first() or users.create_superuser(
    "day-editor", "editor@example.org", None
)


def publish_page(page):
    page.listing_summary = f"Revised at {time.time():.0f}."
    page.save_revision(user=editor).publish(user=editor)
    return f"page {page.pk}"


def publish_theme():
    theme.description = f"Revised at {time.time():.0f}."
    theme.save_revision(user=editor).publish(user=editor)
    return f"theme {theme.pk}"


def approve_endorsement(n=itertools.count()):
    endorsement = Endorsement.objects.create(
        campaign_key=campaign.translation_key, signatory_type="local_government",
        organisation=f"City of Benchmark {time.time():.0f}", city="Benchmark", country="FR",
        contact_name="Mayor", contact_role="Mayor", email=f"day-{time.time_ns()}@example.org",
        consent_public=True, consent_privacy=True, language="en",
        status=EndorsementStatus.PENDING)
    endorsement.moderate(EndorsementStatus.APPROVED, editor)
    return f"endorsement {endorsement.pk}"


actions = itertools.cycle([
    lambda: publish_page(resource), approve_endorsement, publish_theme,
    lambda: publish_page(event),
])
stop, every = os.environ["DAY_STOP"], float(os.environ["DAY_EVERY"])
count = 0
print("READY", flush=True)  # booted: the load starts now, not during Django's start-up
while not os.path.exists(stop):
    started = time.monotonic()
    what = next(actions)()
    count += 1
    print(f"published {what} in {time.monotonic() - started:.2f} s", flush=True)
    while time.monotonic() - started < every and not os.path.exists(stop):
        time.sleep(0.1)
print(f"PUBLISHED {count}", flush=True)
"""


def sitemap_paths(base):
    with urllib.request.urlopen(base + "/sitemap.xml", timeout=30) as response:
        xml = response.read().decode()
    return sorted(
        {re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>(.*?)</loc>", xml)}
    )


def lua_string(path):
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run_day(base, args, script):
    """One run of wrk over the sitemap (benchmark_load.run_wrk), with its hit ratio."""
    result = run_wrk(base, args, script)
    counted = result["hits"] + result["misses"] + result["others"]
    result["hit_ratio"] = result["hits"] / counted if counted else 0.0
    return result


def visit_all(base, paths):
    for path in paths:
        status, _ = fetch(base + urllib.request.quote(path, safe="/%?=&"))
        if status != 200:
            sys.exit(f"{path}: status {status}")


def main():
    parser = load_parser(__doc__, duration=30)
    parser.add_argument("--every", type=float, default=5.0, help="seconds between publications")
    args = parse_load_args(parser)

    prefix = f"benchmark-day-{secrets.token_hex(4)}"
    env = production_env(prefix, PAGE_CACHE_SECONDS="600")
    if not args.reuse:
        build_database(env)
    manage(env, "collectstatic", "--noinput", "-v0")

    workdir = Path(tempfile.mkdtemp(prefix="benchmark-day-"))
    server, base = start_server(env, args.workers)
    runs, published, editor_log = {}, 0, ""
    try:
        paths = sitemap_paths(base)
        script = workdir / "day.lua"
        quoted = [urllib.request.quote(path, safe="/%?=&") for path in paths]
        script.write_text(WRK_SCRIPT % {"paths": ", ".join(lua_string(p) for p in quoted)})
        print(f"{len(paths)} sitemap URLs", file=sys.stderr, flush=True)
        for label in ("nobody publishing", f"a publication every {args.every:g} s"):
            visit_all(base, paths)
            print(f"  {label}…", file=sys.stderr, flush=True)
            editor = None
            stop = workdir / "stop"
            if label != "nobody publishing":
                editor = subprocess.Popen(
                    [sys.executable, "manage.py", "shell", "-c", EDITOR],
                    cwd=ROOT,
                    env={**env, "DAY_STOP": str(stop), "DAY_EVERY": str(args.every)},
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for line in editor.stdout:
                    if line.strip() == "READY":
                        break
            try:
                runs[label] = run_day(base, args, script)
            finally:
                if editor is not None:
                    stop.touch()
                    editor_log, _ = editor.communicate(timeout=120)
                    published = int(re.search(r"^PUBLISHED (\d+)$", editor_log, re.M)[1])
    finally:
        server.terminate()
        server.wait(timeout=30)
        delete_cache_keys(prefix)

    print(
        f"\nA realistic day: {len(paths)} sitemap URLs in random order; gunicorn "
        f"{args.workers} sync workers, settings.production, PostgreSQL, Redis; wrk "
        f"{args.threads} threads, {args.connections} connections, {args.duration} s a run; "
        f"{os.cpu_count()} CPU cores\n"
    )
    print("| run | req/s | hit ratio | misses | p50 ms | p99 ms | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, r in runs.items():
        print(
            f"| {label} | {r['rps']:.0f} | {r['hit_ratio']:.2%} | {r['misses']} | "
            f"{r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |"
        )
    quiet, busy = runs.values()
    throughput = busy["rps"] / quiet["rps"]
    hits = busy["hit_ratio"] / quiet["hit_ratio"] if quiet["hit_ratio"] else 0.0
    print(f"\npublications during the run: {published}")
    for line in editor_log.splitlines():
        if line.startswith("published"):
            print(f"  {line}")
    print(
        f"throughput {throughput:.0%} of the quiet run "
        f"({'met' if throughput >= 0.8 else 'NOT met'}: at least 80 %); "
        f"hit ratio {hits:.1%} of it ({'met' if hits >= 0.95 else 'NOT met'}: at least 95 %)"
    )
    errors = sum(r["errors"] for r in runs.values())
    print(f"errors: {errors}" + ("" if errors == 0 else "  (must be 0)"))
    return 1 if errors or not published else 0


if __name__ == "__main__":
    sys.exit(main())
