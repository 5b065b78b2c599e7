"""The translation memory's panel in the translation editor, in a browser: an Arabic
translator sees page A's published sentence as an exact match on page B (right to left),
fills it from memory, and sees what changed in page A's source after a sync; the editor
with the panel has no axe violation."""

import pytest

from tests.browser.conftest import (
    AXE_TAGS,
    BROWSER_EDITOR,
    assert_no_axe_violations,
    live_site_shell,
    log_in,
)

SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from core.localize import translate
from home.models import HomePage, StandardPage
from localization import workflow

user = get_user_model().objects.create_user(
    "b-memory-ar", "b-memory-ar@example.org", "pw-b-memory-ar")
user.groups.add(Group.objects.get(name="Translators (ar)"))
home = HomePage.objects.get(locale__language_code="en")
arabic = Locale.objects.get(language_code="ar")
page_a = home.add_child(instance=StandardPage(
    title="Water for every district", slug="water-memory-a",
    introduction="Clean water reaches every district."))
page_a.save_revision().publish()
translate(page_a, "ar", {"Water for every district": "المياه لكل حي", "water-memory-a": "water-ar",
                         "Clean water reaches every district.": "المياه النظيفة تصل إلى كل حي."},
          require_all=False)
page_b = home.add_child(instance=StandardPage(
    title="Drinking water", slug="water-memory-b",
    introduction="Clean water reaches every district."))
page_b.save_revision().publish()
source_b, _ = TranslationSource.get_or_create_from_instance(page_b)
translation_b = Translation.objects.create(source=source_b, target_locale=arabic)
translation_b.save_target(publish=False)
page_a.introduction = "Clean water reaches every neighbourhood."
page_a.save_revision().publish()
workflow.sync(TranslationSource.objects.get_for_instance(page_a), None)
print(page_a.get_translation(arabic).pk, page_b.get_translation(arabic).pk, translation_b.pk)
"""


@pytest.fixture(scope="module")
def arabic_pages(live_site):
    page_a, page_b, translation_b = live_site_shell(SETUP).strip().splitlines()[-1].split()
    return {"a": int(page_a), "b": int(page_b), "translation_b": int(translation_b)}


def assert_no_axe_violations_in_panel(page, context="#l10n-memory"):
    """axe on the translation memory's (or the glossary's) panel: wagtail-localize's own
    editor, around it, has violations of its own (its field headings' contrast, its PO
    upload's unlabelled input)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def test_the_memory_panel_suggests_fills_and_shows_changes_accessibly(
    live_site, arabic_pages, make_page
):
    page = make_page()
    log_in(page, live_site, "b-memory-ar", "pw-b-memory-ar")
    page.goto(f"{live_site}/admin/pages/{arabic_pages['b']}/edit/")
    panel = page.locator("#l10n-memory")
    panel.wait_for()
    page.wait_for_selector(".js-translation-editor footer")  # the React editor is drawn
    suggestion = panel.locator('[data-kind="exact"] .l10n-memory__text').first
    assert suggestion.inner_text() == "المياه النظيفة تصل إلى كل حي."
    assert suggestion.evaluate("node => getComputedStyle(node).direction") == "rtl"
    assert suggestion.get_attribute("lang") == "ar"
    use = panel.get_by_role("button", name="Use “المياه النظيفة تصل إلى كل حي.”", exact=False)
    assert use.count() == 1
    assert_no_axe_violations_in_panel(page)

    page.get_by_role("button", name="Fill from memory (1 exact match)").click()
    page.locator("#l10n-memory").wait_for()
    assert "Filled 1 string from the translation memory" in page.content()
    assert page.get_by_role("button", name="Fill from memory", exact=False).count() == 0
    page.wait_for_selector(".js-translation-editor footer")
    assert (
        "Translated with Translation memory" in page.locator(".js-translation-editor").inner_text()
    )

    # The review page lists what the memory filled, for the reviewer.
    page.goto(
        f"{live_site}/admin/translation-workflow/translation/{arabic_pages['translation_b']}/"
    )
    filled = page.locator("#l10n-memory-filled")
    assert "المياه النظيفة تصل إلى كل حي." in filled.inner_text()
    assert_no_axe_violations(page)

    # Page A's source changed by one word and was synced: its previous version and the
    # difference, as a close match with its score.
    page.goto(f"{live_site}/admin/pages/{arabic_pages['a']}/edit/")
    panel = page.locator("#l10n-memory")
    panel.wait_for()
    page.wait_for_selector(".js-translation-editor footer")
    diff = panel.locator(".l10n-memory__diff")
    assert diff.locator("del").inner_text() == "district"
    assert diff.locator("ins").inner_text() == "neighbourhood"
    assert "% similar" in panel.locator('[data-kind="close"]').inner_text()
    assert_no_axe_violations_in_panel(page)
    # Keyboard users see where they are on the panel's buttons.
    button = panel.get_by_role("button", name="Use", exact=False).first
    button.focus()
    assert button.evaluate("node => getComputedStyle(node).outlineStyle") != "none"


def test_the_glossary_screens_have_no_axe_violations(live_site, arabic_pages, make_page):
    page = make_page()
    log_in(page, live_site, *BROWSER_EDITOR)
    # The glossary's listing (the demo's terms), its import form, and the import's errors.
    page.goto(f"{live_site}/admin/snippets/localization/glossaryterm/")
    assert page.get_by_text("CISDPDH", exact=True).count() >= 1
    assert_no_axe_violations(page)
    page.goto(f"{live_site}/admin/glossary-files/import/")
    assert_no_axe_violations(page)
    page.set_input_files(
        'input[type="file"]',
        files=[{"name": "glossary.csv", "mimeType": "text/csv", "buffer": b"no,columns\n1,2\n"}],
    )
    page.locator('main button[type="submit"], main input[type="submit"]').first.click()
    page.wait_for_load_state()
    assert "slug" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    # The glossary's part of the editor's panel, on Arabic page B.
    page.goto(f"{live_site}/admin/pages/{arabic_pages['b']}/edit/")
    page.locator("#l10n-glossary").wait_for()
    assert_no_axe_violations_in_panel(page, "#l10n-glossary")
