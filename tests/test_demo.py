"""The demo content: made through wagtail-localize, safe to load again, and publishing the
committee's French action plan word for word with its translations.

On SQLite these tests read a copy of the run's demo site (a new database prepared as
`dev.py setup` does; tests/shared_databases.py), which the worker's connection points to for
this module only. On other databases the demo is loaded here, in a transaction rolled back
after the module's last test. Either way the rest of the suite never sees it.
"""

import hashlib
import re
from contextlib import contextmanager

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision
from wagtail_localize.models import Translation

from core.listing import card_image_id
from core.models import FooterContent
from graphics.demo_images import COLLECTION_NAME as DEMO_IMAGES
from home.models import HomePage, StandardPage
from tests.conftest import closed_panels, data_for_module, page_text, steady_queries
from tests.shared_databases import copy_site
from themes.demo import SOURCE_TEXT, action_plan_translations, source_lines

# On SQLite it reads the run's demo site: scheduled once that is built (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.reads_demo_site]

# The committee's text as it gave it to us (typo included): the demo publishes this version.
SOURCE_TEXT_SHA256 = "ad92bb173a6211eedf606cdccd34052b95029f7ca274694267967bec79d8bf65"
ACTION_PLAN_URLS = {
    "fr": "/fr/domaines-de-travail/migrations-et-diversite/plan-action-migration/",
    "en": "/en/work-areas/migration-and-diversity/migration-action-plan/",
    "es": "/es/areas-de-trabajo/migracion-y-diversidad/plan-accion-migracion/",
    "ar": "/ar/work-areas/migration-and-diversity/migration-action-plan/",
}
ANCHORS = ["peer-learning", "advocacy", "policy-debates"]


@pytest.fixture(scope="module", autouse=True)
def demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    if connection.vendor == "sqlite":
        # Asked for here only: on another database the run's demo site (SQLite, minutes to
        # build) would be built for nothing.
        demo_site = request.getfixturevalue("demo_site")
        folder = copy_site(demo_site, tmp_path_factory.mktemp("demo"))
        # Its media too: pages show the demo's images, whose renditions are made as needed.
        with connection_to(folder / "db.sqlite3", django_db_blocker):
            with override_settings(MEDIA_ROOT=str(folder / "media")):
                yield
        return

    def load():
        call_command("load_demo_content", verbosity=0)

    with data_for_module(django_db_blocker, load):
        yield


@contextmanager
def connection_to(database, django_db_blocker):
    """The default connection reads and writes another SQLite file for a while. Content
    type ids may differ between the two databases: Django's cache of them is emptied."""

    def switch(name):
        with django_db_blocker.unblock():
            connection.close()
        connection.settings_dict["NAME"] = name
        ContentType.objects.clear_cache()

    original = connection.settings_dict["NAME"]
    switch(str(database))
    try:
        yield
    finally:
        switch(original)


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        Translation.objects.count(),
        FooterContent.objects.count(),
        PageLogEntry.objects.count(),
        get_image_model().objects.count(),
    )


def test_loading_the_demo_content_again_changes_nothing():
    before = snapshot()
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == before


def test_every_kind_of_demo_page_has_an_image_its_translations_share():
    """Cards and social previews show a page's listing image, else its cover (resources
    drawn from their PDF); images are synchronised fields, the same in every language."""
    pages = Page.objects.filter(depth__gt=1).specific()
    image_of = {page.pk: card_image_id(page) for page in pages}
    with_image = {type(page).__name__ for page in pages if image_of[page.pk]}
    kinds = {type(page).__name__ for page in pages}
    if connection.vendor != "sqlite":  # loaded into the tests' own site: its home is theirs
        kinds.discard("HomePage")
    assert with_image >= kinds  # every type
    for page in pages:
        if image_of[page.pk]:
            translations = page.get_translations().specific()
            assert {card_image_id(other) for other in translations} == {image_of[page.pk]}
    drawn = get_image_model().objects.filter(collection__name=DEMO_IMAGES)
    assert drawn.count() >= 15
    assert all(image.description and image.file_size <= 300_000 for image in drawn)


def test_translations_come_from_wagtail_localize():
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    for language in ("fr", "es", "ar"):
        translation = Translation.objects.get(
            source__object_id=about.translation_key, target_locale__language_code=language
        )
        translated = about.get_translation(translation.target_locale)
        assert translated.live and translated.alias_of_id is None
    assert FooterContent.objects.count() == 4


def test_arabic_pages_have_latin_slugs():
    pages = Page.objects.filter(locale__language_code="ar", depth__gt=2)
    assert pages.count() > 10
    for page in pages:
        assert page.slug.isascii(), page.slug
        assert page.url.isascii()


def test_the_shipped_source_text_is_the_committees_text():
    assert hashlib.sha256(SOURCE_TEXT.read_bytes()).hexdigest() == SOURCE_TEXT_SHA256
    assert len(source_lines()) == 18


def test_french_action_plan_contains_every_sentence_of_the_source_text(client):
    html = page_text(client, ACTION_PLAN_URLS["fr"])
    assert '<html lang="fr" dir="ltr">' in html
    for line in source_lines():
        sentence = line.removeprefix("- ")
        assert sentence in html, sentence


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_action_plan_translations_show_their_text_and_the_same_anchors(client, language):
    html = page_text(client, ACTION_PLAN_URLS[language])
    for source, translated in action_plan_translations(language).items():
        if source.startswith("plan-action"):  # the slug: in the URL, not the text
            continue
        assert translated in html, (language, translated)
    assert re.findall(r'<details class="panel" id="([^"]+)"', html) == ANCHORS
    # No French left in the translation.
    assert "paravents" not in html


def test_each_action_plan_panel_holds_its_part_of_the_source_text(client):
    html = page_text(client, ACTION_PLAN_URLS["fr"])
    panels = closed_panels(html)
    assert len(panels) == 3
    lines = source_lines()
    assert lines[4] in panels[0] and lines[8] in panels[1]
    assert all(line.removeprefix("- ") in panels[2] for line in lines[13:])


def test_the_richest_demo_page_of_each_kind_renders_within_the_query_budget(client, settings):
    """The demo's pages hold every kind of block (lines of action choosing themes, partners
    and pages, cards, the endorsement form): in each language, the page of each type with
    the most blocks costs at most 24 queries after a change to its own content (20 before
    pages had images: a page's own image for its social preview, two for its cards' images,
    one for the endorsements of the campaigns among them). The home page gathers sections
    (two spotlights, upcoming events, newest resources with covers, chosen pages of seven
    types): at most 30. Each stays the same whatever the number of items (tests of each
    listing and block at two sizes)."""
    settings.PAGE_CACHE_SECONDS = 0  # every view rendered
    richest = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        size = len(getattr(page, "body", None) or ())
        key = (type(page).__name__, page.locale_id)
        if key not in richest or size > richest[key][0]:
            richest[key] = (size, page.url)
    assert len(richest) == 14 * 4
    counts = {url: steady_queries(client, url)[0] for _, url in richest.values()}
    homes = {page.url for page in HomePage.objects.all()}
    over = {url: n for url, n in counts.items() if n > (30 if url in homes else 24)}
    assert over == {}


def test_no_demo_page_skips_a_heading_level(client):
    """From the page's h1 down, each heading is at most one level below the one before it
    (inside action plans' panels too: panel h3, then h4 for what a panel holds)."""
    for page in Page.objects.live().filter(depth__gt=1):
        html = page_text(client, page.url)
        main = html[html.index("<main") : html.index("</main>")]
        levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]
        assert levels and levels[0] == 1, page.url
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (page.url, levels)
