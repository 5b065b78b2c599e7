#!/usr/bin/env python3
"""Where an uncached page's time goes (not a test): each page kind rendered in-process with
the page cache off, profiled with cProfile, its time split by what spent it.

    .venv/bin/python scripts/profile_pages.py                # the demo database (dev.py setup)
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/benchmark_load \\
        .venv/bin/python scripts/profile_pages.py --runs 50

Two cases per page: "own change" renders it after its own generation is renewed (its
StreamField parts, language links and notices rebuilt; the menu and footer kept), as after
an edit that shows on it; "seen again" renders it with everything kept (what an uncached
server does most of the time). Prints per page and case: milliseconds per view, SQL
queries, cache calls (round trips on Redis), and the share of time in SQL execution, in the
ORM building queries, in templates and in StreamField blocks (cumulative times: they
overlap, templates include blocks).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from caching import invalidation  # noqa: E402
from caching.operation_count import count_cache_operations  # noqa: E402
from campaigns.models import CampaignPage  # noqa: E402
from events.models import EventIndexPage  # noqa: E402
from home.models import HomePage  # noqa: E402
from resources.models import ResourceLibraryPage  # noqa: E402
from themes.models import ActionPlanPage  # noqa: E402

# Where time goes: (label, (file fragment, function name)).
SPENDERS = [
    ("SQL execution", ("django/db/backends/utils.py", "_execute")),
    ("ORM building queries", ("django/db/models/sql/compiler.py", "as_sql")),
    ("templates", ("django/template/base.py", "render")),
    ("StreamField blocks", ("wagtail/blocks/base.py", "render")),
]


def renew(page):
    """What an edit that shows on `page` renews: its own generation; before generations per
    page existed (this script run on an older release), everything."""
    if hasattr(invalidation, "page_generation"):
        invalidation.renew_generations([invalidation.page_generation(page.pk)])
    else:
        invalidation.page_content.renew()


def pages():
    english = {"locale__language_code": "en"}
    found = {
        "home page": HomePage.objects.get(**english),
        "events index": EventIndexPage.objects.get(**english),
        "resource library": ResourceLibraryPage.objects.get(**english),
        "action plan": ActionPlanPage.objects.get(**english),
        "campaign with form": CampaignPage.objects.filter(**english).order_by("pk").first(),
    }
    return {name: page for name, page in found.items() if page is not None}


def cumulative(stats, file_fragment, function):
    total = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, ct, callers) in stats.stats.items():
        if name == function and file_fragment in filename.replace("\\", "/"):
            # Only outermost calls: leave out those called from the same function.
            if not any(caller[2] == function and file_fragment in caller[0] for caller in callers):
                total += ct
    return total


def measure(client, page, url, runs, own_change):
    client.get(url)
    profiler = cProfile.Profile()
    queries = 0
    elapsed = 0.0
    for _ in range(runs):
        if own_change:
            renew(page)
        with CaptureQueriesContext(connection) as captured, count_cache_operations() as cached:
            started = time.perf_counter()
            profiler.enable()
            response = client.get(url)
            profiler.disable()
            elapsed += time.perf_counter() - started
        assert response.status_code == 200, url
        queries = len(captured)
    stats = pstats.Stats(profiler)
    shares = {
        label: cumulative(stats, fragment, function) / stats.total_tt
        for label, (fragment, function) in SPENDERS
    }
    return elapsed / runs * 1000, queries, cached.total, shares


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="views per page and case")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    print(f"database: {connection.vendor}; {args.runs} views per case; the page cache off\n")
    print(
        "| page | case | ms/view | queries | cache calls | "
        + " | ".join(label for label, _ in SPENDERS)
        + " |"
    )
    print("| --- | --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in SPENDERS) + " |")
    for name, page in pages().items():
        for case, own_change in (("own change", True), ("seen again", False)):
            ms, queries, calls, shares = measure(client, page, page.url, args.runs, own_change)
            cells = " | ".join(f"{shares[label]:.0%}" for label, _ in SPENDERS)
            print(f"| {name} | {case} | {ms:.1f} | {queries} | {calls} | {cells} |")


if __name__ == "__main__":
    main()
