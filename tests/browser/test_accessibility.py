"""Keyboard, right-to-left and the axe-core helper itself. The axe scans of every page type
in every language are in tests/browser/test_every_page_type.py."""

import pytest

from tests.browser.conftest import assert_no_axe_violations


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
