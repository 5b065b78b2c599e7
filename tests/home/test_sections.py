"""The home page's sections come from the apps above it (home.sections), the demo's loaders
from every app's demo module (core.demo): home and core name none of them."""

from campaigns.models import CampaignIndexPage
from cities.models import CityIndexPage
from core.demo import demo_loaders
from events.models import EventIndexPage
from home.blocks import SectionLatestBlock
from home.models import HomePage, StandardPage
from resources.models import ResourceLibraryPage
from themes.models import ThemeIndexPage


def test_the_home_page_holds_standard_pages_and_every_registered_section():
    assert set(HomePage.allowed_subpage_models()) == {
        StandardPage,
        ThemeIndexPage,
        EventIndexPage,
        CampaignIndexPage,
        ResourceLibraryPage,
        CityIndexPage,
    }


def test_the_latest_block_chooses_among_the_sections_that_list_their_latest_items():
    chooser = SectionLatestBlock().child_blocks["section"]
    assert set(chooser.target_models) == {EventIndexPage, CampaignIndexPage, ResourceLibraryPage}
    # Its definition (and so the home page's migrations) names none of them.
    assert "page_type" not in chooser.deconstruct()[2]


def test_the_demo_loads_each_app_after_those_below_it_then_links_sections_and_roles():
    assert [name for name, _loader in demo_loaders()] == [
        "home.demo.load",
        "taxonomy.demo.load",
        "cities.demo.load",
        "themes.demo.load",
        "events.demo.load",
        "campaigns.demo.load",
        "resources.demo.load",
        "localization.demo.load_glossary",
        "cities.demo.link",
        "home.demo.load_sections",
        "localization.demo.load",
    ]
