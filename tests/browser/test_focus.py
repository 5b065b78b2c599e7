"""The keyboard focus ring as Chromium draws it: 3:1 or more against the background it is
drawn on, in the header, the menu bar and the page (WCAG 2.2, 1.4.11)."""

import re

import pytest

from tests.core.test_focus_contrast import contrast

pytestmark = pytest.mark.browser

RING_AND_BACKGROUND = """(selector) => {
  const element = document.querySelector(selector);
  element.focus({focusVisible: true});
  const ring = getComputedStyle(element).outlineColor;
  // The ring is drawn outside the element: on the nearest ancestor with a background.
  let around = element.parentElement;
  while (around && getComputedStyle(around).backgroundColor === "rgba(0, 0, 0, 0)") {
    around = around.parentElement;
  }
  return [ring, around ? getComputedStyle(around).backgroundColor : "rgb(255, 255, 255)"];
}"""


def as_hex(rgb):
    red, green, blue = (int(part) for part in re.findall(r"\d+", rgb)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


@pytest.mark.parametrize(
    "selector",
    [
        ".site-header__brand",
        "#site-search-q",
        ".language-switcher__link",
        ".main-menu a",
        ".site-main a",
        ".site-footer a",
    ],
)
def test_the_focus_ring_has_3_to_1_where_it_is_drawn(page, live_site, selector):
    page.goto(live_site + "/fr/")
    page.keyboard.press("Tab")  # keyboard modality: :focus-visible applies to what is focused
    ring, background = page.evaluate(RING_AND_BACKGROUND, selector)
    assert contrast(as_hex(ring), as_hex(background)) >= 3, (selector, ring, background)
