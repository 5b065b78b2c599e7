#!/usr/bin/env python3
"""Benchmark of the translation memory's lookup (not a test): time and SQL queries.

    .venv/bin/python scripts/benchmark_translation_memory.py
    .venv/bin/python scripts/benchmark_translation_memory.py --entries 50000 --strings 500

In a new SQLite database (a temporary folder, migrated afresh: about half a minute), it
makes `--entries` memory entries English → French (sentences drawn from a vocabulary, some
of them the page's own sentences, some a word away from them) and a page of `--strings`
paragraphs submitted for translation into French, nothing translated. Then it prints the
time of `localization.memory.suggestions_for` cold (the process has not read the language
pair's candidates yet), for a new page (candidates read, no string searched yet) and on a
reload (the same strings searched before): median and worst of `--runs`, with the number of
SQL queries,
what it found, and the time of the whole translation editor (wagtail-localize's editor and
the memory's panel) as a logged-in administrator sees it. It asserts no timing.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = (
    "city cities local housing inclusion migrants council mayor network public policy "
    "social services health education jobs training language school children women "
    "welcome refugees rights access water transport culture sport youth elders data "
    "plan budget committee partners region national dialogue project report guide "
    "community neighbourhood participation equality diversity support integration "
    "employment safety dignity voice learning future shared common good practice"
).split()


def sentence(rng, length=None):
    words = rng.sample(WORDS, length or rng.randint(6, 16))
    return " ".join(words).capitalize() + "."


def build(entries, strings, rng):
    """The base site, the page of `strings` paragraphs and its French translation (a draft,
    nothing translated), and `entries` memory entries English → French."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale, Page, Site
    from wagtail_localize.models import String, StringSegment, Translation, TranslationSource

    from core.localize import translate
    from home.factories import HomePageFactory, StandardPageFactory
    from localization.models import MemoryEntry

    site = Site.objects.get(is_default_site=True)
    site.root_page.delete()
    home = HomePageFactory(parent=Page.get_first_root_node())
    home.save_revision().publish()
    site.root_page = home
    site.save()
    translate(home, "fr", {"Home": "Accueil", "home": "accueil"}, require_all=False)

    paragraphs = [sentence(rng) for _ in range(strings)]
    page = StandardPageFactory(
        parent=home,
        title="A long page",
        slug="a-long-page",
        introduction="What the committee does.",
        body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
    )
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    english, french = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="fr")
    translation = Translation.objects.create(source=source, target_locale=french)
    translation.save_target(publish=False)  # what "Translate this page" does: a draft
    page_strings = list(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )

    rows = []
    for n in range(entries):
        kind = n % 20
        if kind == 0 and page_strings:  # the same sentence, published elsewhere
            text = rng.choice(page_strings)
        elif kind == 1 and page_strings:  # a word away from one of the page's sentences
            words = rng.choice(page_strings).rstrip(".").split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            text = " ".join(words) + "."
        else:
            text = sentence(rng)
        rows.append(
            MemoryEntry(
                source_locale=english,
                target_locale=french,
                source_text=text,
                source_hash=String._get_data_hash(text),
                target_text=f"[fr] {text}",
                origin_key=f"00000000-0000-4000-8000-{n // 40:012d}",
                origin_label=f"Page {n // 40}",
                context_path=f"body.{n}",
            )
        )
    MemoryEntry.objects.bulk_create(rows, batch_size=1000)
    get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
    return translation


def timed(function):
    started = time.perf_counter()
    result = function()
    return (time.perf_counter() - started) * 1000, result


def worker(entries, strings, runs):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail_localize.models import Translation

    from localization import memory

    call_command("migrate", verbosity=0)
    translation = build(entries, strings, random.Random(20))
    translation = Translation.objects.select_related("source").get(pk=translation.pk)

    def forget(candidates=True):
        if candidates:
            memory._candidates.clear()
        for _stamp, pair in memory._candidates.values():
            pair.found.clear()

    def lookup():
        connection.queries_log.clear()  # a bounded deque: counted from empty
        with CaptureQueriesContext(connection) as queries:
            elapsed, found = timed(lambda: memory.suggestions_for(translation))
        return elapsed, len(queries), found

    forget()
    cold_ms, cold_queries, found = lookup()
    first, warm = [], []
    for _ in range(runs):
        forget(candidates=False)
        first.append(lookup()[:2])
        warm.append(lookup()[:2])
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench"))
    url = f"/admin/pages/{translation.get_target_instance().pk}/edit/"
    assert client.get(url).status_code == 200
    editor = []
    for _ in range(max(3, runs // 4)):
        elapsed, response = timed(lambda: client.get(url))
        assert response.status_code == 200
        editor.append(elapsed)
    print(
        json.dumps(
            {
                "entries": entries,
                "strings": translation.source.stringsegment_set.count(),
                "with_suggestions": len(found),
                "exact": memory.exact_count(found),
                "close": sum(1 for item in found if item.close),
                "cold_ms": cold_ms,
                "cold_queries": cold_queries,
                "first_median_ms": statistics.median(ms for ms, _queries in first),
                "first_max_ms": max(ms for ms, _queries in first),
                "first_queries": first[-1][1],
                "warm_median_ms": statistics.median(ms for ms, _queries in warm),
                "warm_max_ms": max(ms for ms, _queries in warm),
                "warm_queries": warm[-1][1],
                "editor_median_ms": statistics.median(editor),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--strings", type=int, default=200)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.entries, args.strings, args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="benchmark-memory-") as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "DJANGO_SETTINGS_MODULE": "settings.dev",
            "DJANGO_DEBUG": "0",
            "MEDIA_ROOT": f"{folder}/media",
            "REDIS_URL": "",
        }
        print(f"  preparing SQLite in {folder}…", file=sys.stderr, flush=True)
        result = subprocess.run(
            [sys.executable, __file__, "--worker", "--entries", str(args.entries),
             "--strings", str(args.strings), "--runs", str(args.runs)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
    if result.returncode:
        sys.stderr.write(result.stderr[-3000:])
        sys.exit("the benchmark's worker failed")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"Translation memory: {data['entries']} entries (English → French), a page of "
        f"{data['strings']} strings, {os.cpu_count()} CPU cores, SQLite\n"
        f"  strings with suggestions   {data['with_suggestions']:>8} "
        f"({data['exact']} with an exact match, {data['close']} with close matches)\n"
        f"  suggestions_for, cold      {data['cold_ms']:>8.1f} ms  "
        f"{data['cold_queries']} queries (the pair's candidates read)\n"
        f"  suggestions_for, new page  {data['first_median_ms']:>8.1f} ms  "
        f"(worst {data['first_max_ms']:.1f} ms)  {data['first_queries']} queries "
        "(candidates in memory, every string searched)\n"
        f"  suggestions_for, reload    {data['warm_median_ms']:>8.1f} ms  "
        f"(worst {data['warm_max_ms']:.1f} ms)  {data['warm_queries']} queries "
        "(the same strings searched before)\n"
        f"  translation editor (GET)   {data['editor_median_ms']:>8.1f} ms  median, "
        "wagtail-localize's editor and the memory's panel"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
