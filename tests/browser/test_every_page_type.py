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


@dataclass
class PageInspector:
    """What each visited page showed: {(type, language, width): ...}."""

    axe_reports: dict = field(default_factory=dict)  # "" when axe found no violation
    policy_violations: dict = field(default_factory=dict)
    document_languages: dict = field(default_factory=dict)
    statuses: dict = field(default_factory=dict)
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
