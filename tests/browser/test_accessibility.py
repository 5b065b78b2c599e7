"""axe-core scans (WCAG 2.2 AA) of the foundation's pages in every language."""

import pytest

from scripts import screenshots
from tests.browser.conftest import assert_no_axe_violations

LANGUAGES = ["en", "fr", "es", "ar"]
ABOUT = {"en": "/en/about/", "fr": "/fr/a-propos/", "es": "/es/acerca-de/", "ar": "/ar/about/"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_has_no_accessibility_violations(page, live_site, language):
    page.goto(f"{live_site}/{language}/")
    assert page.locator("html").get_attribute("lang") == language
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_standard_page_has_no_accessibility_violations(page, live_site, language):
    page.goto(live_site + ABOUT[language])
    assert_no_axe_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_page_has_no_accessibility_violations(page, live_site, language):
    response = page.goto(f"{live_site}/{language}/no-such-page/")
    assert response.status == 404
    assert_no_axe_violations(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_site):
    page.goto(f"{live_site}/en/about/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("width", [360, 768, 1280])
def test_arabic_is_right_to_left_without_horizontal_scroll(make_page, live_site, width):
    page = make_page(width=width)
    page.goto(f"{live_site}/ar/about/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The brand sits at the inline start: on the right in Arabic.
    brand = page.locator(".site-header__brand").bounding_box()
    assert brand["x"] + brand["width"] > width / 2


def test_the_axe_helper_fails_on_a_real_violation(page):
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_type_in_every_language_has_no_accessibility_violations(
    make_page, live_site, width
):
    """Each page type's first page in the sitemap, in each language, and the search page
    with results: on a phone and on a wide screen (images, cards, the home page's sections,
    the phone header)."""
    pages = screenshots.pages_by_type(live_site, LANGUAGES)
    assert len({kind for kind, _language in pages}) >= 13  # 12 page types and the search
    page = make_page(width=width, height=800)
    for path in pages.values():
        page.goto(live_site + path)
        assert_no_axe_violations(page)
