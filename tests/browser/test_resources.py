"""The library, a resource and site search in a real browser: accessibility in four languages."""

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import search_url

MISSPELT = {"en": "housng", "fr": "logemnt", "es": "vivenda", "ar": "طنخة"}
LIBRARY = {
    "en": "/en/resources/",
    "fr": "/fr/ressources/",
    "es": "/es/recursos/",
    "ar": "/ar/resources/",
}
RESOURCE = {
    "en": "/en/resources/brief-migrant-women/",
    "fr": "/fr/ressources/note-femmes-migrantes/",
    "es": "/es/recursos/nota-mujeres-migrantes/",
    "ar": "/ar/resources/brief-migrant-women/",
}


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_library_resource_and_search_have_no_accessibility_violations(page, live_site, language):
    urls = [
        LIBRARY[language],
        LIBRARY[language] + "?kind=policy_brief&language=fr",
        LIBRARY[language] + "?q=zzzzzz",  # no results
        RESOURCE[language],
        search_url(language),
        search_url(language) + "?q=MC2CM",
        search_url(language) + "?q=" + MISSPELT[language],  # "Did you mean …?"
        LIBRARY[language] + "?q=" + MISSPELT[language],
    ]
    for url in urls:
        response = page.goto(live_site + url)
        assert response.status == 200, url
        if "=" + MISSPELT[language] in url:
            assert page.locator(".search-suggestion a").count() == 1, url
        assert_no_axe_violations(page)


def test_header_search_box_works_from_the_keyboard(page, live_site):
    page.goto(live_site + "/fr/")
    page.focus("#site-search-q")
    page.keyboard.type("logement")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/recherche/?q=logement")
    assert page.locator(".result").count() >= 1


def test_library_filters_without_javascript(browser, live_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + LIBRARY["es"])
    page.select_option("#id_kind", "policy_brief")
    page.click(".library__filters button[type=submit]")
    page.wait_for_url("**kind=policy_brief**")
    assert page.locator(".result").count() == 2
    context.close()


def test_arabic_library_has_no_horizontal_scroll_on_a_phone(make_page, live_site):
    page = make_page(width=360)
    page.goto(live_site + LIBRARY["ar"])
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_on_a_phone_results_come_first_and_filters_open_by_keyboard(make_page, live_site, language):
    page = make_page(width=360, height=740)
    page.goto(live_site + LIBRARY[language] + "?kind=policy_brief")
    toggle = page.locator(".library__facets-toggle")
    assert toggle.inner_text().endswith("(1)")  # one filter chosen
    assert not page.locator("#id_theme").is_visible()
    first = page.locator(".result").first.bounding_box()
    assert first["y"] < 1.5 * 740, first
    toggle.focus()
    page.keyboard.press("Enter")
    assert page.locator("#id_theme").is_visible()
    assert_no_axe_violations(page)


def test_filters_show_at_once_on_a_wide_screen_and_open_without_javascript(browser, live_site):
    for javascript in (True, False):
        for width in (1280, 360):
            context = browser.new_context(
                viewport={"width": width, "height": 800}, java_script_enabled=javascript
            )
            page = context.new_page()
            page.goto(live_site + LIBRARY["fr"])
            toggle = page.locator(".library__facets-toggle")
            assert page.locator("#id_theme").is_visible() is (width == 1280)
            assert toggle.is_visible() is (width == 360)
            if width == 360:  # a native disclosure: it opens with or without JavaScript
                toggle.click()
                assert page.locator("#id_theme").is_visible()
            context.close()
