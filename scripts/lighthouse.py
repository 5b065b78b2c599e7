#!/usr/bin/env python3
"""Lighthouse scores of every page type in every language, on a phone and on a desktop (not a
test: about 20 s per page and form factor, some 8 minutes per language, half an hour for all).

    .venv/bin/python scripts/lighthouse.py                        # every type, en fr es ar
    .venv/bin/python scripts/lighthouse.py --languages en,ar --types homepage,search
    .venv/bin/python scripts/lighthouse.py --url http://127.0.0.1:8000   # a running site

Needs Lighthouse 12 (`npm install --prefix .tools lighthouse@12`; .tools/ is ignored by
git, or LIGHTHOUSE_PATH, or a `lighthouse` on PATH) and Chromium (/usr/bin/chromium, or
CHROME_PATH / CHROMIUM_PATH).

Without --url it serves the configured database (the demo of `dev.py setup` by default) as
production does (docs/operations.md): settings.production (DEBUG off, the page cache on),
static files collected and compressed by WhiteNoise (`collectstatic` into static_collected/),
gunicorn with two sync workers on 127.0.0.1 (--port, default a free one), behind nginx with
deploy/nginx-site.conf (pages gzipped) when nginx is installed; stopped at the end. What it
leaves out: HTTPS.

It finds the first sitemap page of each type (the `data-page-type` of its <body>) in each
language, and the search page with results, as scripts/screenshots.py does. Each runs
sequentially through Lighthouse's mobile configuration (its default: a mid-range phone, slow
4G, simulated) and its desktop one (--preset=desktop), for performance, accessibility,
best practices and SEO. It prints a table of the scores, then for every score under 100 the
audits that cost it (what fails, on which element, how large), with the FCP, LCP, TBT, CLS
and Speed Index of each performance score under 100. The JSON and HTML reports are kept in
--reports (default: a new folder under the system's temporary folder). Exits 1 when a score
is under 100, except the search page's SEO, which its noindex (by design) lowers (its failing
SEO audits are still listed).
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager, nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark_load import free_port, wait_until_serving  # noqa: E402
from front_server import nginx_binary, write_nginx_config  # noqa: E402
from screenshots import CHROMIUM, pages_by_type  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ["en", "fr", "es", "ar"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CATEGORY_LABELS = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp"}
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
# The search page says noindex on purpose (results are not content): its SEO is not held to
# 100 (Lighthouse's "is-crawlable" fails it), its other scores are.
NOINDEX_TYPES = {"search"}
RUN_TIMEOUT_SECONDS = 240
ITEMS_SHOWN = 6


def progress(message):
    print(message, file=sys.stderr, flush=True)


def lighthouse_command():
    """The Lighthouse executable: LIGHTHOUSE_PATH, the project's .tools/, or PATH."""
    candidates = [
        os.environ.get("LIGHTHOUSE_PATH"),
        str(ROOT / ".tools" / "node_modules" / ".bin" / "lighthouse"),
        shutil.which("lighthouse"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit(
        "Lighthouse is not installed. From the project folder:\n"
        "    npm install --silent --prefix .tools lighthouse@12"
    )


def production_env():
    """A production server's environment on the loopback: plain HTTP, no Redis (the page
    cache in each worker's memory), the configured database (the demo by default)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": "",
        "LOG_LEVEL": "ERROR",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


@contextmanager
def production_server(app_port, log_path):
    """gunicorn serving the site as docs/operations.md deploys it, behind nginx with
    deploy/nginx-site.conf when nginx is installed (else gunicorn alone), until the block
    ends."""
    if not os.environ.get("DATABASE_URL") and not (ROOT / "db.sqlite3").exists():
        sys.exit("No database: run `python3 dev.py setup` first (or set DATABASE_URL).")
    env = production_env()
    progress("Collecting static files (WhiteNoise: hashed, gzip and brotli)…")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "wsgi:application",
                "--workers", "2", "--bind", f"127.0.0.1:{app_port}", "--log-level", "warning",
            ],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    app_url = f"http://127.0.0.1:{app_port}"
    front = None
    try:
        wait_until_serving(server, app_url, f"gunicorn did not start: see {log_path}")
        base_url = app_url
        if nginx_binary() is not None:  # the front production has: pages gzipped
            port = free_port()
            folder = Path(tempfile.mkdtemp(prefix="lighthouse-nginx-"))
            front = subprocess.Popen(
                write_nginx_config(folder, app_port, port),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            base_url = f"http://127.0.0.1:{port}"
            wait_until_serving(front, base_url, f"nginx did not start: see {folder}/error.log")
        progress(f"Serving {base_url} ({'nginx, ' if front else ''}gunicorn, settings.production)")
        yield base_url
    finally:
        for process in (front, server):
            if process is None:
                continue
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def pages_to_audit(base_url, languages, types):
    """[(page type, language, URL)]: scripts/screenshots.py's page of each type in each
    language, at the address it ends at (the search page's own word in each language: a
    redirect would cost Lighthouse points the visitor never pays)."""
    pages = []
    for (kind, language), path in pages_by_type(base_url, languages).items():
        if types and kind not in types:
            continue
        # Read twice: each worker's page cache holds it, as on a site that is being visited.
        for _ in range(2):
            with urllib.request.urlopen(base_url + path, timeout=30) as response:
                final_url = response.geturl()
        pages.append((kind, language, final_url))
    missing = set(types or ()) - {kind for kind, _, _ in pages}
    if missing:
        progress(f"No page of type {', '.join(sorted(missing))} in {', '.join(languages)}")
    return pages


def run_lighthouse(lighthouse, url, form_factor, report_base):
    """Lighthouse's report (a dict) for `url` in one form factor, or None if it failed. The
    JSON and HTML reports are kept as report_base.report.{json,html}."""
    command = [
        lighthouse, url, *FORM_FACTORS[form_factor],
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", "--output=html", f"--output-path={report_base}",
        "--chrome-flags=--headless=new --no-sandbox", "--quiet",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    # Its own process group: Ctrl-C reaches it only through stop_lighthouse, which waits for
    # it to close its Chromium.
    run = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        _, errors = run.communicate(timeout=RUN_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        stop_lighthouse(run)
        progress(f"  Lighthouse took over {RUN_TIMEOUT_SECONDS} s on {url}: stopped")
        return None
    except BaseException:  # Ctrl-C or SIGTERM: leave no Lighthouse or Chromium behind
        stop_lighthouse(run)
        raise
    report_path = Path(f"{report_base}.report.json")
    if run.returncode != 0 or not report_path.exists():
        progress(f"  Lighthouse failed on {url} (exit {run.returncode}): {errors.strip()[-800:]}")
        return None
    report = json.loads(report_path.read_text())
    if report.get("runtimeError"):
        progress(f"  Lighthouse: {report['runtimeError'].get('message')} on {url}")
    return report


def stop_lighthouse(run):
    """SIGINT first: Lighthouse's launcher then closes the Chromium it started (detached, in
    a process group of its own); whatever is left of the run's own group is killed."""
    run.send_signal(signal.SIGINT)
    try:
        run.wait(timeout=15)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(run.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    run.wait()


def score_of(report, category):
    """The score as Lighthouse shows it (0-100), or None when it could not be computed."""
    score = report["categories"].get(category, {}).get("score") if report else None
    return None if score is None else round(score * 100)


def failing_audits(report, category):
    """The audits that keep `category` under 100: those it weighs that scored under 1, and
    for performance also the diagnostics that estimate a saving on a metric."""
    audits = report["audits"]
    failing = []
    for reference in report["categories"][category]["auditRefs"]:
        audit = audits[reference["id"]]
        if audit.get("score") is None or audit["score"] >= 1:
            continue
        weighed = reference["weight"] > 0
        saves_time = reference.get("group") == "diagnostics" and any(
            (audit.get("metricSavings") or {}).values()
        )
        if weighed or saves_time:
            failing.append(audit)
    if category == "performance":
        # Which element shifted, and which one is the LCP (with its phases), when they cost.
        if audits["cumulative-layout-shift"]["score"] < 1:
            failing.append(audits["layout-shifts"])
        if audits["largest-contentful-paint"]["score"] < 1:
            failing.append(audits["largest-contentful-paint-element"])
    return list({audit["id"]: audit for audit in failing}.values())


def passes(kind, report, category):
    """100, or a score the page is not held to (the noindex search page's SEO)."""
    score = score_of(report, category)
    if score is None:
        return False
    return score == 100 or (category == "seo" and kind in NOINDEX_TYPES)


def metrics_line(report):
    audits = report["audits"]
    return ", ".join(
        f"{label} {audits[audit_id].get('displayValue', '?')} "
        f"(score {audits[audit_id].get('score')})"
        for audit_id, label in METRICS.items()
    )


def shorten(text, limit):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_value(key, value):
    """One value of a Lighthouse details item, readably (nodes by selector and snippet)."""
    if isinstance(value, dict):
        kind = value.get("type")
        if kind == "node":
            described = f"`{value.get('selector', '')}` {shorten(value.get('snippet', ''), 160)}"
            if value.get("explanation"):
                described += f" — {shorten(value['explanation'], 400)}"
            return described
        if kind == "source-location":
            return f"{value.get('url')}:{value.get('line')}:{value.get('column')}"
        if kind in ("url", "code", "text"):
            return f"{key}={shorten(value.get('value', ''), 160)}"
        return None
    if isinstance(value, bool) or value is None or isinstance(value, list):
        return None
    if isinstance(value, float | int):
        if key.endswith("Bytes") or key == "transferSize":
            return f"{key}={value / 1024:.1f} KiB"
        if key.endswith(("Ms", "Time")) or key == "duration":
            return f"{key}={value:.0f} ms"
        return f"{key}={value:.3g}" if isinstance(value, float) else f"{key}={value}"
    return f"{key}={shorten(value, 200)}"


def detail_lines(details):
    """Readable lines for an audit's details: each item of its tables (nested lists too)."""
    if not details:
        return []
    if details.get("type") == "list":
        return [line for table in details.get("items", []) for line in detail_lines(table)]
    if details.get("type") not in ("table", "opportunity"):
        return []
    lines = []
    items = details.get("items", [])
    for item in items[:ITEMS_SHOWN]:
        values = (describe_value(key, value) for key, value in item.items())
        lines.append("; ".join(value for value in values if value))
    if len(items) > ITEMS_SHOWN:
        lines.append(f"… and {len(items) - ITEMS_SHOWN} more (see the report)")
    return lines


def print_table(results):
    header = ["page type", "lang", "URL"] + [
        f"{form_factor[0]} {CATEGORY_LABELS.get(category, category)}"
        for form_factor in FORM_FACTORS
        for category in CATEGORIES
    ]
    print("| " + " | ".join(header) + " |")
    print("| --- | --- | --- |" + " ---: |" * (len(header) - 3))
    for (kind, language, url), reports in results.items():
        cells = [kind, language, urllib.parse.unquote(url)]
        for form_factor in FORM_FACTORS:
            for category in CATEGORIES:
                report = reports[form_factor]
                score = score_of(report, category)
                if score is None:
                    cells.append("error")
                elif score < 100 and passes(kind, report, category):
                    cells.append(f"{score} (noindex)")
                else:
                    cells.append(str(score) if score == 100 else f"**{score}**")
        print("| " + " | ".join(cells) + " |")


def print_failures(results, reports_dir):
    for (kind, language, url), reports in results.items():
        for form_factor, report in reports.items():
            below = [c for c in CATEGORIES if score_of(report, c) != 100]
            if not below:
                continue
            print(f"\n### {kind} {language}, {form_factor}: {urllib.parse.unquote(url)}")
            if report is None:
                print(f"Lighthouse gave no report (see stderr; reports in {reports_dir}).")
                continue
            for category in below:
                expected = " (not held to 100: noindex)" if passes(kind, report, category) else ""
                print(f"- {category} {score_of(report, category)}{expected}")
                if category == "performance":
                    print(f"  - metrics: {metrics_line(report)}")
                for audit in failing_audits(report, category):
                    value = f" — {audit['displayValue']}" if audit.get("displayValue") else ""
                    print(f"  - `{audit['id']}` (score {audit['score']}): {audit['title']}{value}")
                    for line in detail_lines(audit.get("details")):
                        print(f"    - {line}")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="audit this running site (default: start one)")
    parser.add_argument("--port", type=int, help="port of the server it starts (default: free)")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="default: en,fr,es,ar")
    parser.add_argument("--types", help="page types, e.g. homepage,search (default: all)")
    parser.add_argument("--reports", type=Path, help="folder for Lighthouse's JSON and HTML")
    args = parser.parse_args(argv)
    languages = [language.strip() for language in args.languages.split(",") if language.strip()]
    types = {kind.strip() for kind in args.types.split(",")} if args.types else None
    reports_dir = args.reports or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    reports_dir.mkdir(parents=True, exist_ok=True)
    lighthouse = lighthouse_command()
    # A plain `kill` ends the script through its `finally` blocks, so the server stops too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    started = time.monotonic()
    results = {}
    if args.url:
        serving = nullcontext(args.url.rstrip("/"))
    else:
        serving = production_server(args.port or free_port(), reports_dir / "gunicorn.log")
    with serving as base_url:
        pages = pages_to_audit(base_url, languages, types)
        runs = len(pages) * len(FORM_FACTORS)
        done = 0
        for kind, language, url in pages:
            results[(kind, language, url)] = {}
            for form_factor in FORM_FACTORS:
                done += 1
                progress(f"[{done}/{runs}] {kind} {language} {form_factor}: {url}")
                report_base = reports_dir / f"{kind}-{language}-{form_factor}"
                report = run_lighthouse(lighthouse, url, form_factor, report_base)
                results[(kind, language, url)][form_factor] = report
                scores = " ".join(f"{score_of(report, c)}" for c in CATEGORIES)
                progress(f"  {scores} ({time.monotonic() - started:.0f} s so far)")

    made = [report for reports in results.values() for report in reports.values() if report]
    version = made[0]["lighthouseVersion"] if made else "?"
    print(
        f"Lighthouse {version}, {len(results)} pages × mobile and desktop, "
        f"{time.monotonic() - started:.0f} s; m = mobile, d = desktop; reports in {reports_dir}\n"
    )
    print_table(results)
    print_failures(results, reports_dir)
    failed = [
        (key, form_factor, category)
        for key, reports in results.items()
        for form_factor, report in reports.items()
        for category in CATEGORIES
        if not passes(key[0], report, category)
    ]
    print(f"\n{len(failed)} scores under 100" + ("" if failed else ": all 100"))
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
