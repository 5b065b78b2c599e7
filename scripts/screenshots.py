#!/usr/bin/env python3
"""Full-page screenshots of every page type in every language, at phone and desktop widths,
and one contact sheet of them all: the whole site at a glance (not a test; CI runs it as a
smoke test, tests/browser/test_every_page_type.py, in the same visits as its axe and
Content-Security-Policy checks).

    .venv/bin/python scripts/screenshots.py                      # the demo (dev.py setup)
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000 --widths 360

Without --base-url it serves the configured database (the demo by default) with
`manage.py runserver` on a free loopback port. It reads the sitemap, finds each page's type
(the `data-page-type` of its <body>), keeps the first page of each type in each language,
adds the search page with results, and photographs each with the system Chromium
(/usr/bin/chromium, or CHROMIUM_PATH) at every width. It writes one PNG per page and width
and `contact-sheet.png` (a labelled thumbnail of each, a row per page type) to --out
(default: screenshots/, ignored by git), and prints, per page at the narrowest width, the
bytes transferred for its first view (HTML, CSS, JavaScript, fonts and images) against the
200 KB budget.
"""

import argparse
import functools
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark_load import free_port, wait_until_serving  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BUDGET_BYTES = 200 * 1024
THUMB_WIDTH = 180
THUMB_HEIGHT = 400
LABEL_HEIGHT = 28


def start_server():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    wait_until_serving(server, base_url, "The server did not start: run `python3 dev.py setup`.")
    return server, base_url


def sitemap_paths(base_url):
    """The URL paths the site's sitemap lists, in its order."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = urllib.request.urlopen(base_url + "/sitemap.xml").read()
    return [
        "/" + location.text.split("/", 3)[3]
        for location in ElementTree.fromstring(sitemap).iterfind("s:url/s:loc", namespace)
    ]


def pages_by_type(base_url, languages):
    """{(page type, language): URL path}: the first sitemap page of each type in each
    language, and the search page with results."""
    found = {
        (kind, language): path
        for (kind, language), path in _first_page_of_each_type(base_url).items()
        if language in languages
    }
    for language in languages:
        found[("search", language)] = f"/{language}/search/?q=migration"
    return dict(sorted(found.items()))


@functools.cache
def _first_page_of_each_type(base_url):
    """{(page type, language): URL path} over the whole sitemap: every page is fetched to
    read its type, so a process (a test worker) does it once per site."""
    found = {}
    for path in sitemap_paths(base_url):
        html = urllib.request.urlopen(base_url + path).read().decode()
        kind = re.search(r'data-page-type="([^"]+)"', html)
        if kind:
            found.setdefault((kind.group(1), path.split("/")[1]), path)
    return found


# Lazy images made eager, and a promise kept once every image has loaded (or failed).
EVERY_IMAGE_LOADED = """Promise.all([...document.images].map(image => {
    image.loading = "eager";
    return image.complete ? null : new Promise(done => {
        image.addEventListener("load", done);
        image.addEventListener("error", done);
    });
}))"""


def photograph(base_url, pages, widths, out, browser=None, inspector=None, photographed=None):
    """{(type, language, width): (PNG path, bytes of the first view)}. `browser`: a
    Playwright browser to use (else the system Chromium is started). `inspector`: checks
    to run on each page in the same visit (the browser tests' axe and Content-Security-
    Policy checks), an object with `prepare(page)`, called before the page loads, and
    `inspect(page, (type, language, width))`, once it has loaded with all its images.
    `photographed`: the languages to photograph (default: all); the others are inspected
    only."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                return photograph(base_url, pages, widths, out, browser, inspector, photographed)
            finally:
                browser.close()
    shots = {}
    for width in widths:
        for (kind, language), path in pages.items():
            # A new context each time: an empty cache, as a first visit.
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            if inspector is not None:
                inspector.prepare(page)
            sizes = []
            page.on(
                "requestfinished", lambda request, kept=sizes: kept.append(transferred(request))
            )
            # Loaded: the HTML, its styles, scripts and first-screen images; then its fonts.
            # (Waiting for the network to be idle costs half a second a page, for nothing.)
            page.goto(base_url + path, wait_until="load")
            page.evaluate("document.fonts.ready")
            first_view = sum(sizes)  # before the lazy images below the first screen
            # The whole page as a reader scrolling down sees it: its lazy images loaded.
            page.evaluate(EVERY_IMAGE_LOADED)
            if inspector is not None:
                inspector.inspect(page, (kind, language, width))
            if photographed is None or language in photographed:
                target = out / f"{kind}-{language}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                shots[(kind, language, width)] = (target, first_view)
            context.close()
    return shots


def transferred(request):
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def contact_sheet(shots, pages, widths, target):
    """A labelled thumbnail of each screenshot: a row per page type, a column per language
    and width."""
    kinds = sorted({kind for kind, _ in pages})
    columns = sorted(
        {(language, width) for _, language, width in shots}, key=lambda c: (c[1], c[0])
    )
    sheet = Image.new(
        "RGB",
        (THUMB_WIDTH * len(columns), (THUMB_HEIGHT + LABEL_HEIGHT) * len(kinds)),
        "white",
    )
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=13)
    for row, kind in enumerate(kinds):
        for column, (language, width) in enumerate(columns):
            x, y = column * THUMB_WIDTH, row * (THUMB_HEIGHT + LABEL_HEIGHT)
            draw.text((x + 4, y + 6), f"{kind} {language} {width}", fill="black", font=font)
            shot = shots.get((kind, language, width))
            if shot is None:
                continue
            with Image.open(shot[0]) as image:
                scale = (THUMB_WIDTH - 4) / image.width
                height = min(THUMB_HEIGHT - 4, round(image.height * scale))
                top = image.crop((0, 0, image.width, round(height / scale)))
                thumb = top.resize((THUMB_WIDTH - 4, height))
            sheet.paste(thumb, (x + 2, y + LABEL_HEIGHT))
    sheet.save(target, optimize=True)


def take_screenshots(
    base_url, out, widths, languages, browser=None, inspector=None, photographed=None, extra=None
):
    """Photograph the site at `base_url` and write the contact sheet: (pages, shots).
    `extra`: more {(type, language): path} to visit (the tests add the page not found);
    `inspector` and `photographed` as `photograph` takes them."""
    out.mkdir(parents=True, exist_ok=True)
    pages = {**pages_by_type(base_url, languages), **(extra or {})}
    shots = photograph(base_url, pages, widths, out, browser, inspector, photographed)
    contact_sheet(shots, pages, widths, out / "contact-sheet.png")
    return pages, shots


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", help="a running site (default: start one)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--widths", default="360,1280")
    parser.add_argument("--languages", default="en,fr,es,ar")
    args = parser.parse_args(argv)
    widths = [int(width) for width in args.widths.split(",")]
    server, base_url = (None, args.base_url) if args.base_url else start_server()
    try:
        pages, shots = take_screenshots(base_url, args.out, widths, args.languages.split(","))
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    narrowest = min(widths)
    print(f"{len(shots)} screenshots of {len(pages)} pages in {args.out}")
    print(f"First view at {narrowest} px (budget {BUDGET_BYTES // 1024} KB):")
    over = 0
    for (kind, language), path in pages.items():
        size = shots[(kind, language, narrowest)][1]
        over += size > BUDGET_BYTES
        mark = "over" if size > BUDGET_BYTES else "ok"
        print(f"  {kind:22} {language}  {size / 1024:6.1f} KB  {mark}  {path}")
    print(f"Contact sheet: {args.out / 'contact-sheet.png'}; {over} pages over the budget")


if __name__ == "__main__":
    main()
