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


def test_the_demo_loads_the_sections_in_the_menus_order_then_links_sections_and_roles():
    # The menu lists the sections in the order the demo made them: work areas, events,
    # campaigns, resources, cities (INSTALLED_APPS); what links apps waits for the "links" stage.
    assert [name for name, _loader in demo_loaders()] == [
        "home.demo.load",
        "taxonomy.demo.load",
        "themes.demo.load",
        "events.demo.load",
        "campaigns.demo.load",
        "resources.demo.load",
        "cities.demo.load",
        "localization.demo.load_glossary",
        "cities.demo.link",
        "home.demo.load_sections",
        "localization.demo.load",
    ]
