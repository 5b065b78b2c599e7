#!/usr/bin/env python3
"""The visible text of every public page of the demo, to show a refactor changed nothing.

    .venv/bin/python scripts/demo_pages_text.py snapshot before.json   # on the old code
    .venv/bin/python scripts/demo_pages_text.py snapshot after.json    # on the new code
    .venv/bin/python scripts/demo_pages_text.py compare before.json after.json

`snapshot` builds a new SQLite database (migrate, load_demo_content), requests every URL of
the sitemap and each language's listings, feeds and calendars in-process (DEBUG off, page
cache off) and stores, per URL, the status and the text a reader sees (tags, scripts and
per-request tokens removed, white space collapsed). `compare` prints every URL whose
status or text differs and exits 1 if any does.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INVISIBLE = re.compile(r"<(script|style|template)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
# Per-request or per-load values: CSRF tokens, signed links, generated ids and stamps.
VOLATILE = re.compile(
    r"csrfmiddlewaretoken[^>]*|token=[\w:.-]+|<updated>[^<]*</updated>|DTSTAMP:\S+"
)
# Values that differ between two loads of the demo: translation keys (UUIDs, in calendar
# UIDs and feed ids) and publication times (feeds).
PER_LOAD = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?"
    r"|LAST-MODIFIED:\d{8}T\d{6}Z"
)


def comparable(page):
    """A page's text with per-load values masked; a calendar's time zones come in no fixed
    order, so its words are compared as a sorted list."""
    if page is None:
        return None
    text = PER_LOAD.sub("~", page["text"])
    if text.startswith("BEGIN:VCALENDAR"):
        text = " ".join(sorted(text.split()))
    return {**page, "text": text}


def visible_text(html):
    html = VOLATILE.sub("", html)
    html = INVISIBLE.sub(" ", html)
    # Attributes a reader meets (alternative text, labels, titles) count as text.
    attributes = re.findall(r'\b(?:alt|aria-label|title|placeholder)="([^"]*)"', html)
    text = TAG.sub(" ", html)
    return " ".join(unescape(" ".join([text, *attributes])).split())


def worker(out):
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    sitemap = client.get("/sitemap.xml").content.decode()
    urls = sorted(set(re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", sitemap)))
    extra = []
    for url in urls:
        for suffix in ("feed/", "ics/"):
            extra.append(url + suffix)
    pages = {}
    for url in urls + extra:
        response = client.get(url)
        if url in extra and response.status_code == 404:
            continue  # only listings and events have feeds and calendars
        body = response.content.decode(errors="replace") if not response.streaming else ""
        pages[url] = {"status": response.status_code, "text": visible_text(body)}
    Path(out).write_text(json.dumps(pages, ensure_ascii=False, indent=1, sort_keys=True))
    print(f"{len(pages)} URLs written to {out}")


def snapshot(out):
    with tempfile.TemporaryDirectory() as scratch:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "settings.test",
            "DATABASE_URL": f"sqlite:///{scratch}/demo.sqlite3",
            "PAGE_CACHE_SECONDS": "0",
        }
        subprocess.run(
            [sys.executable, __file__, "worker", str(Path(out).resolve())],
            cwd=ROOT,
            env=env,
            check=True,
        )


def compare(before_path, after_path):
    before = json.loads(Path(before_path).read_text())
    after = json.loads(Path(after_path).read_text())
    differences = 0
    for url in sorted(set(before) | set(after)):
        old, new = comparable(before.get(url)), comparable(after.get(url))
        if old == new:
            continue
        differences += 1
        if old is None or new is None:
            print(f"{url}: only {'after' if old is None else 'before'}")
            continue
        if old["status"] != new["status"]:
            print(f"{url}: status {old['status']} -> {new['status']}")
        old_words, new_words = old["text"].split(), new["text"].split()
        first = next(
            (i for i, (a, b) in enumerate(zip(old_words, new_words, strict=False)) if a != b),
            min(len(old_words), len(new_words)),
        )
        print(
            f"{url}: text differs at word {first}:\n"
            f"  before: {' '.join(old_words[max(0, first - 8) : first + 12])}\n"
            f"  after:  {' '.join(new_words[max(0, first - 8) : first + 12])}"
        )
    same = len(set(before) & set(after)) - differences
    print(f"{same} URLs identical, {differences} differ ({len(before)} before, {len(after)} after)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    command, *args = sys.argv[1:]
    if command == "worker":
        worker(*args)
    elif command == "snapshot":
        snapshot(*args)
    elif command == "compare":
        sys.exit(compare(*args))
    else:
        sys.exit(__doc__)
