#!/usr/bin/env python3
"""Relevance of the site search on the demo content (not a test): recall and mean reciprocal
rank per language, before (Wagtail's database backend as it was) and after (per-language
analysis, search.backend).

    .venv/bin/python scripts/search_relevance.py          # SQLite, and PostgreSQL if it answers

For each database (a new SQLite file; PostgreSQL at BENCH_DATABASE_URL's server, database
`search_relevance`, created afresh) it runs migrate and load_demo_content, then for each
backend rebuilds the search index (update_index) and runs the judged queries of
scripts/search_judgements.toml through the search page's own query.

- recall: of the pages a query must find, the share it finds (averaged over the queries);
- MRR: the mean of 1/rank of the page that should come first (0 when it is not found).
"""

import argparse
import json
import os
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGEMENTS = ROOT / "scripts" / "search_judgements.toml"
BACKENDS = [
    ("before", "wagtail.search.backends.database"),
    ("after", "search.backend"),
]
PG_URL = (
    os.environ.get(
        "BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/benchmark_library"
    ).rsplit("/", 1)[0]
    + "/search_relevance"
)
LANGUAGES = ("en", "fr", "es", "ar")


def evaluate(judgements):
    """{language: {"recall", "mrr", "queries", "misses"}} with the active search backend."""
    from django.utils import translation

    from search.views import SiteSearch

    figures = {}
    for language in LANGUAGES:
        recalls, ranks, misses = [], [], []
        with translation.override(language):
            for item in judgements[language]:
                results = SiteSearch.for_query(item["query"]).get_queryset()[:100]
                paths = [page.url_path.strip("/").split("/", 1)[-1] for page in results]
                found = [path for path in item["find"] if path in paths]
                recalls.append(len(found) / len(item["find"]))
                rank = paths.index(item["first"]) + 1 if item["first"] in paths else None
                ranks.append(1 / rank if rank else 0.0)
                if len(found) < len(item["find"]):
                    misses.append(item["query"])
        figures[language] = {
            "recall": sum(recalls) / len(recalls),
            "mrr": sum(ranks) / len(ranks),
            "queries": len(recalls),
            "misses": misses,
        }
    return figures


def worker():
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    judgements = tomllib.loads(JUDGEMENTS.read_text("utf-8"))
    results = {}
    for label, backend in BACKENDS:
        with override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": backend}}):
            call_command("update_index", verbosity=0)
            results[label] = evaluate(judgements)
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker()
        return
    from benchmark_library import database_env, postgres_available, run_worker, worker_output

    folder = tempfile.mkdtemp(prefix="search-relevance-")
    databases = [("SQLite", f"sqlite:///{folder}/db.sqlite3")]
    if postgres_available(PG_URL):
        databases.append(("PostgreSQL", PG_URL))
    counts = tomllib.loads(JUDGEMENTS.read_text("utf-8"))
    print(
        "Search relevance on the demo content: "
        + ", ".join(f"{len(counts[code])} judged queries in {code}" for code in LANGUAGES)
        + "\n"
    )
    print(
        f"{'database':<11} {'language':<9} {'recall before':>14} {'after':>7} "
        f"{'MRR before':>11} {'after':>7}  queries not fully answered after"
    )
    for label, url in databases:
        print(f"  preparing {label}…", file=sys.stderr, flush=True)
        result = run_worker(__file__, [], database_env(url, f"{folder}/media-{label}"))
        data = worker_output(label, result)
        if data is None:
            continue
        for language in LANGUAGES:
            before, after = data["before"][language], data["after"][language]
            print(
                f"{label:<11} {language:<9} {before['recall']:>14.2f} {after['recall']:>7.2f} "
                f"{before['mrr']:>11.2f} {after['mrr']:>7.2f}  {', '.join(after['misses'])}",
                flush=True,
            )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
