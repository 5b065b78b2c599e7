"""Cards that inform, wherever a page is listed (core.listing.complete_cards and the models'
`complete_cards`): an event's calendar leaf, dates, format, place and whether it is over; a
campaign's status and endorsements; a resource's kind and date; theme tags that open the
listing filtered by their theme; a section's featured item."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory, EndorsementFactory
from campaigns.models import EndorsementStatus
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import EventFormat
from resources.factories import ResourceLibraryPageFactory, add_resource
from taxonomy.factories import ThemeFactory
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def cards(html):
    return re.findall(r'<article class="card.*?</article>', html, re.S)


def test_event_cards_show_a_calendar_leaf_dates_format_place_and_status(client, home):
    index = publish(EventIndexPageFactory(parent=home))
    day = timezone.localdate() + datetime.timedelta(days=9)
    publish(
        EventPageFactory(
            parent=index,
            title="Debate in Tunis",
            start_date=day,
            event_format=EventFormat.IN_PERSON,
            city="Tunis",
            country="TN",
        )
    )
    past = timezone.localdate() - datetime.timedelta(days=9)
    publish(EventPageFactory(parent=index, title="Webinar gone", start_date=past))

    [upcoming] = cards(text(client, index.url))
    assert f'<span class="card__badge-day">{day.day}</span>' in upcoming
    assert 'aria-hidden="true"' in upcoming  # the leaf repeats the dates read below it
    assert f"{day.day} {day:%B} {day.year}, 10:00–12:00" in upcoming
    assert "In person · Tunis, Tunisia" in upcoming
    [ended] = cards(text(client, f"{index.url}?when=past"))
    assert "card--ended" in ended and "Ended" in ended


def test_campaign_cards_show_status_and_approved_endorsements(client, home):
    index = publish(CampaignIndexPageFactory(parent=home))
    campaign = publish(CampaignPageFactory(parent=index, title="Welcoming cities"))
    EndorsementFactory.create_batch(2, campaign_key=campaign.translation_key)
    EndorsementFactory(campaign_key=campaign.translation_key, status=EndorsementStatus.PENDING)
    EndorsementFactory(campaign_key=campaign.translation_key, consent_public=False)

    [card] = cards(text(client, index.url))
    assert "Active" in card
    # Counted: every approved endorsement, listed publicly or not; never a pending one.
    assert '<p class="card__count">3 endorsements</p>' in card


def test_theme_tags_open_the_listing_filtered_by_their_theme(client, home):
    housing = ThemeFactory(slug="housing", name="Housing")
    ThemeFactory(slug="women", name="Migrant women")
    library = publish(ResourceLibraryPageFactory(parent=home))
    resource = add_resource(library, themes=[housing], title="Housing first")
    add_resource(library, title="Another report")
    events = publish(EventIndexPageFactory(parent=home))
    event = EventPageFactory(parent=events, title="Housing debate")
    event.themes = [housing]
    publish(event)

    for listing, detail in ((library, resource), (events, event)):
        tag = f'<a class="tag tag--link" href="{listing.url}?theme=housing">Housing</a>'
        assert tag in text(client, listing.url)
        assert tag in text(client, detail.url)  # the page's own themes, too
    filtered = text(client, f"{library.url}?theme=housing")
    assert "Housing first" in filtered and "Another report" not in filtered


def test_a_section_index_shows_its_featured_item_unfiltered_only(client, home):
    index = publish(CampaignIndexPageFactory(parent=home))
    campaign = publish(CampaignPageFactory(parent=index, title="Welcoming cities"))
    index.featured_page = campaign
    publish(index)

    spotlight = re.search(r'<section class="spotlight.*?</section>', text(client, index.url), re.S)
    assert spotlight and "Featured" in spotlight.group(0)
    assert "Welcoming cities" in spotlight.group(
        0
    ) and f"{campaign.url}#endorse" in spotlight.group(0)
    assert 'class="spotlight' not in text(client, f"{index.url}?status=active")
