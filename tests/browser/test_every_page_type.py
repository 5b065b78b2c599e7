"""Every page type in every language, visited once at a phone's and a wide screen's width:
that visit runs axe-core (WCAG 2.2 AA), listens for what the Content-Security-Policy
blocks, and photographs the page for the screenshot script's contact sheet. One visit for
the three checks: a browser visit (loading, axe, a full-page screenshot) costs seconds, and
the suite's time is the project's."""

from dataclasses import dataclass, field

import pytest
from PIL import Image

from scripts import screenshots
from tests.browser.conftest import LISTEN_FOR_POLICY_VIOLATIONS, axe_violations

LANGUAGES = ["en", "fr", "es", "ar"]
WIDTHS = [360, 1280]
PHOTOGRAPHED = ["en", "ar"]  # the contact sheet's columns: a left-to-right, a right-to-left
NOT_FOUND = {("not-found", language): f"/{language}/no-such-page/" for language in LANGUAGES}

# Text at 200 % (the reader's own setting, emulated on the root element's font size, which
# every size on the site follows): the pixels the page then scrolls sideways, 0 when it
# reflows (WCAG 1.4.4 and 1.4.10). The size is set back for the photograph.
SIDEWAYS_AT_DOUBLE_TEXT = """() => {
  const root = document.documentElement;
  root.style.fontSize = '200%';
  const sideways = root.scrollWidth - root.clientWidth;
  root.style.fontSize = '';
  return sideways;
}"""

# What a pointer opens on each city's dot on the page's maps, at its centre and at four
# points near its edge: [(the dot's link, the link the browser hits there)] wherever the two
# differ (a neighbour's target on top: on the cities index, Lisbon's dot opened Tangier).
MISDIRECTED_DOTS = """() => {
  const href = element => element && element.getAttribute('href');
  const found = [...document.querySelectorAll('.city-map__point')].flatMap(link => {
    const dot = link.querySelector('.city-map__dot');
    dot.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
    const box = dot.getBoundingClientRect();
    const [x, y, near] = [box.x + box.width / 2, box.y + box.height / 2, box.width * 0.4];
    return [[0, 0], [near, 0], [-near, 0], [0, near], [0, -near]].flatMap(([dx, dy]) => {
      const hit = document.elementFromPoint(x + dx, y + dy);
      const opened = hit && hit.closest('a');
      return opened === link ? [] : [[href(link), href(opened)]];
    });
  });
  window.scrollTo({top: 0, left: 0, behavior: 'instant'});  // as it was, for the photograph
  return found;
}"""


@dataclass
class PageInspector:
    """What each visited page showed: {(type, language, width): ...}."""

    axe_reports: dict = field(default_factory=dict)  # "" when axe found no violation
    policy_violations: dict = field(default_factory=dict)
    document_languages: dict = field(default_factory=dict)
    statuses: dict = field(default_factory=dict)
    map_dots: dict = field(default_factory=dict)  # (dots on the page's maps, misdirected ones)
    # On a phone, with text at twice its size: how far the page scrolls sideways (px).
    sideways_at_double_text: dict = field(default_factory=dict)
    _console: list = field(default_factory=list)
    _status: list = field(default_factory=list)

    def prepare(self, page):
        self._console.clear()
        self._status.clear()
        page.on(
            "response",
            lambda response: (
                self._status.append(response.status)
                if response.request.is_navigation_request()
                else None
            ),
        )
        page.add_init_script(LISTEN_FOR_POLICY_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                self._console.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def inspect(self, page, key):
        self.axe_reports[key] = axe_violations(page)
        self.policy_violations[key] = page.evaluate("window.__cspViolations") + self._console
        self.document_languages[key] = page.locator("html").get_attribute("lang")
        self.statuses[key] = self._status[-1]
        misdirected = page.evaluate(MISDIRECTED_DOTS)
        if key[2] == min(WIDTHS):
            self.sideways_at_double_text[key] = page.evaluate(SIDEWAYS_AT_DOUBLE_TEXT)
        self.map_dots[key] = (page.locator(".city-map__point").count(), misdirected)


@pytest.fixture(scope="module")
def tour(browser, live_site, tmp_path_factory):
    """(pages, shots, inspector, folder) of the one visit of every page type."""
    folder = tmp_path_factory.mktemp("screenshots")
    inspector = PageInspector()
    pages, shots = screenshots.take_screenshots(
        live_site, folder, WIDTHS, LANGUAGES, browser, inspector, PHOTOGRAPHED, NOT_FOUND
    )
    return pages, shots, inspector, folder


def test_every_page_type_in_every_language_has_no_accessibility_violations(tour):
    """Each page type's first page in the sitemap, in each language, the search page with
    results and the page not found: on a phone and on a wide screen (images, cards, the
    home page's sections, the phone header)."""
    pages, _shots, inspector, _folder = tour
    kinds = {kind for kind, _language in pages}
    assert len(kinds) >= 15  # 13 page types, the search and the page not found
    assert {"homepage", "standardpage", "search", "not-found"} <= kinds
    assert set(inspector.axe_reports) == {
        (kind, language, width) for kind, language in pages for width in WIDTHS
    }
    failed = {key: report for key, report in inspector.axe_reports.items() if report}
    assert failed == {}, "\n".join(failed.values())


def test_every_page_answers_as_it_should_and_declares_its_language(tour):
    _pages, _shots, inspector, _folder = tour
    assert {
        key: status
        for key, status in inspector.statuses.items()
        if status != (404 if key[0] == "not-found" else 200)
    } == {}
    wrong = {key: found for key, found in inspector.document_languages.items() if found != key[1]}
    assert wrong == {}


def test_every_page_type_runs_under_the_policy_with_nothing_blocked(tour):
    """The browser's own reports: a page's scripts, styles, fonts and images (lazy ones
    included) all allowed by the strict policy. tests/browser/test_content_security_policy.py
    checks the HTML of every other page against it."""
    _pages, _shots, inspector, _folder = tour
    blocked = {key: found for key, found in inspector.policy_violations.items() if found}
    assert blocked == {}


def test_each_dot_on_a_map_opens_its_own_city(tour):
    """Every city's dot, at both widths, opens that city, not a neighbour's whose target
    covered it (Amman opened Beirut on the cities index at 1280 px)."""
    _pages, _shots, inspector, _folder = tour
    dots = sum(count for count, _misdirected in inspector.map_dots.values())
    assert dots >= 100  # the cities index, the campaign's signatories, a city's locator…
    wrong = {key: found for key, (_count, found) in inspector.map_dots.items() if found}
    assert wrong == {}


def test_with_text_at_twice_its_size_no_page_scrolls_sideways_on_a_phone(tour):
    """Long words in grid items and filter fields of a fixed width made 108 of 192 pages
    scroll sideways at 200 % text on a 360 px screen."""
    _pages, _shots, inspector, _folder = tour
    assert len(inspector.sideways_at_double_text) >= 60
    sideways = {key: px for key, px in inspector.sideways_at_double_text.items() if px > 0}
    assert sideways == {}


def test_the_screenshot_script_photographs_every_page_type(tour):
    pages, shots, _inspector, folder = tour
    assert set(shots) == {
        (kind, language, width)
        for kind, language in pages
        if language in PHOTOGRAPHED
        for width in WIDTHS
    }
    with Image.open(folder / "contact-sheet.png") as sheet:
        assert sheet.width == len(PHOTOGRAPHED) * len(WIDTHS) * screenshots.THUMB_WIDTH
    # The first view on a phone, fonts and images included, within 200 KB.
    over = {
        key: size
        for key, (_, size) in shots.items()
        if key[2] == 360 and size > screenshots.BUDGET_BYTES
    }
    assert over == {}
