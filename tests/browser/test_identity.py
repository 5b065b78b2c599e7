"""The identity as a visitor's browser gets it: the self-hosted typefaces in use, within
their weight budget, the Arabic face only where there is Arabic text; the wordmark in the
header; the card grids. (The screenshot script's contact sheet is made in
tests/browser/test_every_page_type.py.)"""

import pytest

ACTION_PLAN = {
    "en": "/en/work-areas/migration-and-diversity/migration-action-plan/",
    "fr": "/fr/domaines-de-travail/migrations-et-diversite/plan-action-migration/",
    "es": "/es/areas-de-trabajo/migracion-y-diversidad/plan-accion-migracion/",
    "ar": "/ar/work-areas/migration-and-diversity/migration-action-plan/",
}
FONT_BUDGET_BYTES = 120 * 1024


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_pages_are_set_in_the_self_hosted_typefaces_within_budget(make_page, live_site, language):
    page = make_page(width=360, height=740)
    fonts = []
    page.on(
        "requestfinished",
        lambda request: (
            request.resource_type == "font"
            and fonts.append((request.url, request.sizes()["responseBodySize"]))
        ),
    )
    page.goto(live_site + ACTION_PLAN[language])
    page.evaluate("document.fonts.ready")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans"')
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
    )
    assert "Noto Sans" in loaded
    assert ("Noto Sans Arabic" in loaded) == (language == "ar")
    assert all(url.startswith(live_site + "/static/fonts/") for url, _ in fonts)
    assert any("arabic" in url for url, _ in fonts) == (language == "ar")
    assert 0 < sum(size for _, size in fonts) <= FONT_BUDGET_BYTES


def test_the_header_shows_the_wordmark_and_names_the_site(page, live_site):
    page.goto(live_site + "/fr/")
    brand = page.locator(".site-header__brand")
    assert brand.locator("svg.mark path").count() == 4
    assert "CISDPDH" in brand.inner_text()
    assert "Commission" in brand.inner_text()


# The grids of the home page and of the section indexes: each must fill its row.
GRID_PAGES = ["/en/", "/ar/", "/en/events/", "/en/campaigns/", "/en/work-areas/"]


@pytest.mark.parametrize("path", GRID_PAGES)
def test_card_grids_leave_no_empty_columns_on_a_wide_screen(make_page, live_site, path):
    """A row of fewer cards than the grid has room for shares the width (a lone card lies
    across it) instead of leaving empty columns beside them."""
    page = make_page(width=1280, height=800)
    page.goto(live_site + path)
    grids = page.evaluate(
        """[...document.querySelectorAll('.card-grid')].map(grid => {
            const box = grid.getBoundingClientRect();
            const cards = [...grid.children].map(card => card.getBoundingClientRect());
            const top = Math.min(...cards.map(c => c.top));
            const firstRow = cards.filter(c => Math.abs(c.top - top) < 1);
            return {width: box.width, used: Math.max(...firstRow.map(c => c.right))
                - Math.min(...firstRow.map(c => c.left)), count: cards.length};
        })"""
    )
    assert grids, path
    for grid in grids:
        assert grid["used"] >= grid["width"] - 2, (path, grid)
