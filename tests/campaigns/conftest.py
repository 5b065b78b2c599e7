"""Campaigns built for each test: an index, an active campaign (translated on demand through
wagtail-localize), a closed one, themes to filter by."""

import datetime

import pytest
from django.utils import timezone

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory, EndorsementFactory
from taxonomy.factories import ThemeFactory, translator
from tests.conftest import publish

WELCOMING = "Welcoming cities: the right to the city for all"

# What translators give the campaign and its index in each language (Arabic slugs are Latin).
TRANSLATIONS = {
    "fr": {
        "Campaigns": "Campagnes",
        "campaigns": "campagnes",
        WELCOMING: "Villes accueillantes : le droit à la ville pour tous",
        "welcoming-cities": "villes-accueillantes",
    },
    "es": {
        "Campaigns": "Campañas",
        "campaigns": "campanas",
        WELCOMING: "Ciudades acogedoras: el derecho a la ciudad para todos",
        "welcoming-cities": "ciudades-acogedoras",
    },
    "ar": {
        "Campaigns": "الحملات",
        "campaigns": "campaigns",
        WELCOMING: "مدن مضيافة: الحق في المدينة للجميع",
        "welcoming-cities": "welcoming-cities",
    },
}


@pytest.fixture(autouse=True)
def confirmation_emails_at_once(commit_at_once):
    """Signing sends its confirmation email after the commit: at once here."""


@pytest.fixture
def themes(db):
    return {
        slug: ThemeFactory(slug=slug, name=slug.capitalize())
        for slug in ("housing", "non-discrimination", "local-citizenship")
    }


@pytest.fixture
def campaign_index(home):
    return publish(CampaignIndexPageFactory(parent=home))


@pytest.fixture
def campaign(campaign_index, themes):
    """An active campaign open to endorsements, in English."""
    today = timezone.localdate()
    page = CampaignPageFactory(
        parent=campaign_index,
        title=WELCOMING,
        slug="welcoming-cities",
        start_date=today - datetime.timedelta(days=200),
        end_date=today + datetime.timedelta(days=365),
        declaration="<p>We declare our cities welcoming.</p>",
        endorsement_target=100,
    )
    page.themes = [themes["local-citizenship"], themes["non-discrimination"]]
    return publish(page)


@pytest.fixture
def closed_campaign(campaign_index, themes):
    today = timezone.localdate()
    page = CampaignPageFactory(
        parent=campaign_index,
        title="Cities against discrimination",
        slug="cities-against-discrimination",
        start_date=today - datetime.timedelta(days=800),
        end_date=today - datetime.timedelta(days=400),
    )
    page.themes = [themes["non-discrimination"]]
    return publish(page)


@pytest.fixture
def campaign_in():
    """campaign_in(campaign, "fr"): its translation, made through wagtail-localize if needed."""
    return translator(TRANSLATIONS)


@pytest.fixture
def translated_campaign(campaign, campaign_in):
    """The campaign in every language: {language code: page}."""
    return {code: campaign_in(campaign, code) for code in ("en", "fr", "es", "ar")}


@pytest.fixture
def sample_endorsement(campaign):
    return EndorsementFactory(
        campaign_key=campaign.translation_key,
        organisation="Municipality of Villa Esperanza",
        city="Villa Esperanza",
        country="AR",
        email="sample-0@example.org",
        is_sample=True,
    )
