import pytest

from tests.conftest import add_page


@pytest.fixture
def campaign(home):
    """A campaign open for endorsements, in English."""
    from campaigns.factories import CampaignPageFactory
    from campaigns.models import CampaignIndexPage

    campaigns = add_page(home, CampaignIndexPage, title="Campaigns", slug="campaigns")
    return add_page(campaigns, CampaignPageFactory, title="Welcoming cities", slug="welcoming")


@pytest.fixture
def library(home):
    """The resource library with one report, in English."""
    from resources.factories import ResourcePageFactory
    from resources.models import ResourceLibraryPage

    library = add_page(home, ResourceLibraryPage, title="Library", slug="library")
    add_page(library, ResourcePageFactory, title="A report on housing", slug="housing-report")
    return library
