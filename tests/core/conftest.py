import pytest
from django.core.cache import cache

from tests.conftest import add_page, build_site_tree, data_for_module


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


STAFF_PASSWORD = "a-long-enough-passphrase"  # noqa: S105 - test accounts only


@pytest.fixture
def no_lockouts(db):
    """django-axes keeps failed sign-ins in the database: the test starts and ends with none."""
    from django.core.management import call_command

    call_command("axes_reset", verbosity=0)
    yield
    call_command("axes_reset", verbosity=0)


@pytest.fixture
def staff(db):
    """A staff member ("editor", STAFF_PASSWORD) who may do everything in the admin."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("editor", "e@example.org", STAFF_PASSWORD)


@pytest.fixture
def page_cache(settings):
    """The page cache switched on, empty at the start and the end."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def site_tree_for_module(django_db_setup, django_db_blocker):
    """One page of each type in every language (build_site_tree), built once per module;
    each test's changes are rolled back."""
    from home.models import HomePage

    def build():
        return build_site_tree(HomePage.objects.get(locale__language_code="en"))

    with data_for_module(django_db_blocker, build) as pages:
        yield pages


@pytest.fixture
def shared_site_tree(db, site_tree_for_module):
    """The module's site tree (`site_tree_for_module`), read afresh for each test, whose
    changes are rolled back: for modules whose tests only change pages, not add them."""
    return {name: type(page).objects.get(pk=page.pk) for name, page in site_tree_for_module.items()}
