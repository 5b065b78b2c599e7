"""The action plan's panels as visitors use them, in a real browser."""

import re

import pytest

from tests.browser.conftest import assert_no_axe_violations, wait_until

PLAN = {
    "fr": "/fr/domaines-de-travail/migrations-et-diversite/plan-action-migration/",
    "en": "/en/work-areas/migration-and-diversity/migration-action-plan/",
    "es": "/es/areas-de-trabajo/migracion-y-diversidad/plan-accion-migracion/",
    "ar": "/ar/work-areas/migration-and-diversity/migration-action-plan/",
}
INDEX = {
    "en": "/en/work-areas/",
    "fr": "/fr/domaines-de-travail/",
    "es": "/es/areas-de-trabajo/",
    "ar": "/ar/work-areas/",
}
AREA = {
    language: INDEX[language] + slug + "/"
    for language, slug in {
        "en": "migration-and-diversity",
        "fr": "migrations-et-diversite",
        "es": "migracion-y-diversidad",
        "ar": "migration-and-diversity",
    }.items()
}
PROJECT = {language: AREA[language] + "mc2cm/" for language in AREA}
ANCHORS = ["peer-learning", "advocacy", "policy-debates"]


def open_states(page):
    return page.eval_on_selector_all("details[data-panel]", "els => els.map(e => e.open)")


def test_deep_link_opens_the_targeted_panel_and_scrolls_to_it(page, live_site):
    page.goto(f"{live_site}{PLAN['en']}#policy-debates")
    wait_until(page, "document.getElementById('policy-debates').open")
    assert open_states(page) == [False, False, True]
    wait_until(
        page, "Math.abs(document.getElementById('policy-debates').getBoundingClientRect().top) < 50"
    )
    # Following a link to another panel on the same page opens it and moves focus there.
    page.evaluate("location.hash = '#peer-learning'")
    wait_until(page, "document.getElementById('peer-learning').open")
    assert page.evaluate("document.activeElement.parentElement.id") == "peer-learning"


def test_the_same_anchor_opens_the_same_panel_in_every_language(page, live_site):
    for language in ("fr", "es", "ar"):
        page.goto(f"{live_site}{PLAN[language]}#advocacy")
        wait_until(page, "document.getElementById('advocacy').open")
        assert open_states(page) == [False, True, False]


def test_opening_a_panel_puts_its_anchor_in_the_address_without_history(page, live_site):
    page.goto(live_site + PLAN["fr"])
    history = page.evaluate("history.length")
    page.click("#advocacy > summary")
    wait_until(page, "location.hash === '#advocacy'")
    page.click("#peer-learning > summary")
    wait_until(page, "location.hash === '#peer-learning'")
    assert page.evaluate("history.length") == history
    # Closing the panel named in the address clears it.
    page.click("#peer-learning > summary")
    wait_until(page, "location.hash === ''")
    assert open_states(page) == [False, True, False]


def test_expand_all_and_collapse_all(page, live_site):
    page.goto(live_site + PLAN["es"])
    page.get_by_role("button", name="Desplegar todo", exact=True).click()
    wait_until(page, "[...document.querySelectorAll('details[data-panel]')].every(d => d.open)")
    assert page.is_visible("text=la promoción del diálogo intercultural e interreligioso")
    page.get_by_role("button", name="Plegar todo", exact=True).click()
    wait_until(page, "[...document.querySelectorAll('details[data-panel]')].every(d => !d.open)")
    assert page.evaluate("location.hash") == ""


def test_keyboard_only_use(page, live_site):
    page.goto(live_site + PLAN["en"])
    summaries = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            summaries.append(page.evaluate("document.activeElement.parentElement.id"))
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", "focus must be visible"
            if len(summaries) == 1:
                page.keyboard.press("Enter")
                assert open_states(page)[0] is True
                page.keyboard.press(" ")
                assert open_states(page)[0] is False
        if len(summaries) == 3:
            break
    assert summaries == ANCHORS


def test_panels_print_open(page, live_site):
    page.goto(live_site + PLAN["fr"])
    hidden_text = "la promotion du dialogue interculturel et interreligieux"
    assert not page.is_visible(f"text={hidden_text}")
    page.emulate_media(media="print")
    assert page.is_visible(f"text={hidden_text}")
    assert not page.is_visible(".site-header")


def test_the_printed_plan_says_whose_it_is_and_where_it_lives(page, live_site):
    page.goto(live_site + PLAN["fr"])
    assert not page.is_visible(".print-header")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    header = page.locator(".print-header").inner_text()
    assert header.startswith("Commission d’inclusion sociale")
    # The canonical address (the site's configured one, as in <link rel="canonical">).
    assert re.search(r"· https?://[^ ]+" + re.escape(PLAN["fr"]) + " · Mis à jour le ", header)
    for control in (".panels__hint", ".panel__marker", ".panels__controls", ".panel__permalink"):
        assert not page.locator(control).first.is_visible(), control
    # Links print with their full address.
    link = page.locator(".site-main a[href^='/']").first
    assert link.get_attribute("data-print-href").startswith(live_site + "/")
    after = link.evaluate("el => getComputedStyle(el, '::after').content")
    assert live_site in after


def test_panels_work_without_javascript(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + PLAN["en"])
    assert not page.is_visible("[data-panel-controls]")
    page.click("#advocacy > summary")
    assert open_states(page) == [False, True, False]
    context.close()


@pytest.mark.parametrize("width", [360, 768])
def test_arabic_action_plan_is_right_to_left_without_horizontal_scroll(make_page, live_site, width):
    page = make_page(width=width)
    page.goto(live_site + PLAN["ar"])
    page.get_by_role("button", name="فتح الكل").click()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    marker = page.locator("#peer-learning .panel__marker").bounding_box()
    heading = page.locator("#peer-learning .panel__heading").bounding_box()
    assert marker["x"] > heading["x"], "the marker sits at the inline start: the right"


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_work_area_pages_have_no_accessibility_violations(page, live_site, language):
    for url in (INDEX[language], AREA[language], PROJECT[language]):
        page.goto(live_site + url)
        assert_no_axe_violations(page)


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_action_plan_has_no_accessibility_violations_closed_or_open(page, live_site, language):
    page.goto(live_site + PLAN[language])
    assert_no_axe_violations(page)
    page.locator("[data-expand-all]").click()
    wait_until(page, "[...document.querySelectorAll('details[data-panel]')].every(d => d.open)")
    assert_no_axe_violations(page)
