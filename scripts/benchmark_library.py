#!/usr/bin/env python3
"""Benchmark of the resource library (not a test): server-side time and SQL queries.

    .venv/bin/python scripts/benchmark_library.py            # 10 000 resources, SQLite + PostgreSQL
    .venv/bin/python scripts/benchmark_library.py --count 2000 --runs 20

For each database (a new SQLite file; PostgreSQL when one answers at BENCH_DATABASE_URL,
default postgresql://postgres@127.0.0.1:5432/benchmark_library, created afresh), it runs
migrate, load_demo_content and generate_resources, then requests the library in-process
(Django test client, DEBUG off) and prints the median and 95th percentile of the
server-side time and the number of SQL queries of each case.
"""

import argparse
import gc
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = [
    ("no filter", ""),
    ("one facet", "?kind=report"),
    ("three facets", "?kind=report&language=fr&theme=housing"),
    ("text search", "?q=housing"),
    ("text search + facets", "?q=housing&kind=report&language=fr"),
]
PG_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/benchmark_library"
)


def worker(count, runs):
    """Runs inside a process whose DATABASE_URL points at the database to measure."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from resources.facet_index import index_generation, library_index
    from resources.library import LibraryFilters
    from resources.models import ResourceLibraryPage, ResourcePage

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    library = ResourceLibraryPage.objects.get(locale__language_code="en")
    missing = count - ResourcePage.objects.child_of(library).count()
    if missing > 0:
        started = time.perf_counter()
        call_command("generate_resources", missing, verbosity=0)
        print(
            f"  generated {missing} resources in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    # Fresh planner statistics, as after any bulk load (generate_resources runs it too).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client(HTTP_HOST="127.0.0.1")
    client.get(library.url)  # loads what a server loads before serving
    gc.collect()
    gc.freeze()  # as wsgi.py does once the application is loaded
    rows = []
    for name, query in CASES:
        url = library.url + query
        for _ in range(3):  # warm caches
            assert client.get(url).status_code == 200
        rows.append(measure(client, url, runs, name))
    # A text query run for the first time since the last change: matched in the database
    # (later views of the same words, other pages or facets, reuse the matches).
    rows.append(
        measure(
            client,
            library.url + "?q=housing",
            runs,
            "text search, new words",
            lambda: library_index(library, LibraryFilters).text_matches.clear(),
        )
    )
    # The first view after a publish rebuilds the library's facet index (resources.facet_index).
    rows.append(
        measure(client, library.url, runs, "first view after a change", index_generation.renew)
    )
    # The facet counts alone, two ways from the same declaration (LibraryFilters): the facet
    # engine's index (core.facets), and SQL as django-filter would count (one aggregate per
    # facet over the queryset filtered by the other chosen facets).
    for name, query in (CASES[0], CASES[2]):
        rows.append(
            time_call(f"counts: index, {name}", lambda q=query: index_counts(library, q), runs)
        )
        rows.append(time_call(f"counts: SQL, {name}", lambda q=query: sql_counts(library, q), runs))
    print(json.dumps({"resources": ResourcePage.objects.child_of(library).count(), "rows": rows}))


def index_counts(library, query):
    """{facet: {value: count}} from the library's facet index (its kept counts)."""
    from django.http import QueryDict

    from resources.facet_index import library_index
    from resources.library import LibraryFilters

    index = library_index(library, LibraryFilters)
    filters = LibraryFilters(QueryDict(query.lstrip("?")), library.resources(), index=index)
    return {f["name"]: f["options"] for f in filters.facet_options(index.everything)}


def sql_counts(library, query):
    """The same kept counts in SQL, the django-filter way: per facet, the queryset filtered
    by the other chosen facets (their django-filter `filter()`), grouped and counted by the
    facet's field. The choices are read once, as for the index."""
    from django.db.models import Count
    from django.http import QueryDict

    from resources.facet_index import library_index
    from resources.library import LibraryFilters

    index = library_index(library, LibraryFilters)
    filters = LibraryFilters(QueryDict(query.lstrip("?")), library.resources(), index=index)
    chosen = {name: filters.chosen[name] for name in filters.facets() if name in filters.chosen}
    counts = {}
    for name, facet in filters.facet_filters().items():
        queryset = library.resources().order_by()
        for other, value in chosen.items():
            if other != name:
                queryset = filters.filters[other].filter(queryset, value)
        rows = queryset.values(facet.field_name).annotate(n=Count("pk", distinct=True))
        counts[name] = {str(row[facet.field_name]): row["n"] for row in rows}
    return counts


def time_call(name, function, runs):
    """The median and 95th percentile of `function`'s time, and its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        function()
    return figures(name, timings, len(queries), 0)


def figures(name, timings, queries, results):
    """A row of the table: the median and 95th percentile of `timings` (ms)."""
    timings = sorted(timings)
    return {
        "case": name,
        "median": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))],
        "queries": queries,
        "results": results,
    }


def measure(client, url, runs, name, before_each=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(runs):
        if before_each:
            before_each()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    if before_each:
        before_each()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    found = re.search(r'class="listing-count"[^>]*>(\d+)', html)
    return figures(name, timings, len(queries), int(found.group(1)) if found else 0)


def postgres_available(url=PG_URL):
    """Whether PostgreSQL answers at `url`; its database is then created afresh."""
    try:
        import psycopg

        admin_url = url.rsplit("/", 1)[0] + "/postgres"
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception as error:  # noqa: BLE001 - any failure means: no PostgreSQL here
        print(f"PostgreSQL not measured: {error}", file=sys.stderr)
        return False


def database_env(url, media_root, **extra):
    """The environment of a worker measuring the database at `url` (development settings,
    DEBUG off, no Redis): `extra` adds or overrides variables."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "settings.dev",
        "DJANGO_DEBUG": "0",
        "MEDIA_ROOT": media_root,
        "REDIS_URL": "",
        **extra,
    }


def run_worker(script, arguments, env):
    """`script --worker arguments` in the project's folder, its output captured."""
    return subprocess.run(
        [sys.executable, script, "--worker", *arguments],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def worker_output(label, result):
    """The worker's figures (its last line, JSON), or None, its error shown, if it failed."""
    sys.stderr.write(result.stderr[-3000:] if result.returncode else result.stderr)
    if result.returncode:
        print(f"{label}: failed", flush=True)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--reuse",
        metavar="DIR",
        help="Measure the databases a previous run "
        "left in DIR (SQLite) and at BENCH_DATABASE_URL, without rebuilding.",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.count, args.runs)
        return

    databases = []
    folder = args.reuse or tempfile.mkdtemp(prefix="benchmark-library-")
    print(f"Databases kept in {folder} and {PG_URL} (rerun with --reuse {folder})", file=sys.stderr)
    databases.append(("SQLite", f"sqlite:///{folder}/db.sqlite3"))
    if args.reuse or postgres_available():
        databases.append(("PostgreSQL", PG_URL))
    print(
        f"Resource library benchmark: {args.count} resources, {args.runs} requests per case, "
        f"{os.cpu_count()} CPU cores\n"
    )
    print(
        f"{'database':<11} {'case':<34} {'median ms':>10} {'p95 ms':>8} {'queries':>8} "
        f"{'results':>8}"
    )
    for label, url in databases:
        print(f"  preparing {label}…", file=sys.stderr, flush=True)
        result = run_worker(
            __file__,
            ["--count", str(args.count), "--runs", str(args.runs)],
            database_env(url, f"{folder}/media-{label}", PAGE_CACHE_SECONDS="0"),
        )
        data = worker_output(label, result)
        for row in data["rows"] if data else []:
            print(
                f"{label:<11} {row['case']:<34} {row['median']:>10.1f} {row['p95']:>8.1f} "
                f"{row['queries']:>8} {row['results']:>8}",
                flush=True,
            )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
