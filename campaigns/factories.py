"""factory_boy factories of the campaigns app (tests, benchmarks)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from campaigns.models import (
    CampaignIndexPage,
    CampaignPage,
    Endorsement,
    EndorsementStatus,
    SignatoryType,
)


class CampaignIndexPageFactory(wagtail_factories.PageFactory):
    title = "Campaigns"
    slug = "campaigns"
    show_in_menus = True

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    summary = "A campaign for tests."
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))

    class Meta:
        model = CampaignPage


class EndorsementFactory(factory.django.DjangoModelFactory):
    organisation = factory.Sequence(lambda n: f"City of Testville {n}")
    city = factory.Sequence(lambda n: f"Testville {n}")
    country = "FR"
    signatory_type = SignatoryType.LOCAL_GOVERNMENT
    contact_name = "Contact"
    contact_role = "Mayor"
    email = factory.Sequence(lambda n: f"signer-{n}@example.org")
    consent_public = True
    consent_privacy = True
    language = "en"
    status = EndorsementStatus.APPROVED

    class Meta:
        model = Endorsement


def endorsement_form_data(**overrides):
    """What a signer posts in a campaign's endorsement form, valid as it stands; an override
    of None leaves that field out."""
    data = {
        "signatory_type": "local_government",
        "organisation": "City of Tangier",
        "city": "Tangier",
        "country": "MA",
        "contact_name": "Amina El Idrissi",
        "contact_role": "Deputy Mayor",
        "email": "Amina@Example.org",
        "consent_public": "on",
        "consent_privacy": "on",
        "website": "",  # the honeypot, left empty by people
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
