"""The editorial home page (home/blocks.py): a spotlight on the action plan and the campaign
of the moment with its live endorsement count and "Endorse" button, the upcoming events with
calendar leaves, the newest resources with their images, key figures; in the visitor's
language, at a constant query cost."""

import datetime
import re
from html import unescape

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory, EndorsementFactory
from campaigns.models import EndorsementStatus
from events.factories import EventIndexPageFactory, EventPageFactory
from resources.factories import ResourceLibraryPageFactory, ResourcePageFactory
from tests.conftest import publish, steady_queries, translate_everywhere, translation_of

pytestmark = pytest.mark.django_db


def days_from_now(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


@pytest.fixture
def sections(home):
    events = publish(EventIndexPageFactory(parent=home))
    library = publish(ResourceLibraryPageFactory(parent=home))
    campaigns = publish(CampaignIndexPageFactory(parent=home))
    campaign = publish(CampaignPageFactory(parent=campaigns, title="Welcoming cities"))
    return {"events": events, "library": library, "campaigns": campaigns, "campaign": campaign}


def editorial_body(sections, events=3, resources=4):
    return [
        ("spotlight", {"page": sections["campaign"], "heading": "Campaign of the moment",
                       "button_label": ""}),
        ("section_latest", {"heading": "Upcoming events", "section": sections["events"],
                            "number": events, "link_label": "All events"}),
        ("key_figures", {"heading": "In figures", "figures": [
            {"number": "8", "label": "priority themes"},
            {"number": "4", "label": "working languages"},
        ]}),
        ("section_latest", {"heading": "Latest resources", "section": sections["library"],
                            "number": resources, "link_label": ""}),
    ]  # fmt: skip


def add_events(index, days):
    return [
        publish(
            EventPageFactory(parent=index, title=f"Event in {d} days", start_date=days_from_now(d))
        )
        for d in days
    ]


def add_resources(library, dates, image=None):
    return [
        publish(
            ResourcePageFactory(
                parent=library,
                title=f"Resource of {day}",
                publication_date=day,
                listing_image=image,
            )
        )
        for day in dates
    ]


def test_the_home_page_shows_the_campaign_upcoming_events_newest_resources_and_figures(
    client, home, sections
):
    campaign = sections["campaign"]
    EndorsementFactory.create_batch(3, campaign_key=campaign.translation_key)
    EndorsementFactory(campaign_key=campaign.translation_key, status=EndorsementStatus.PENDING)
    add_events(sections["events"], [-3, 40, 10, 20, 30])
    add_resources(sections["library"], [datetime.date(2025, m, 1) for m in (1, 5, 3, 2, 4)])
    home.body = editorial_body(sections)
    publish(home)

    html = text(client, "/en/")
    # The campaign: its status, its approved endorsements only, a button to its form.
    spotlight = re.search(r'<section class="spotlight.*?</section>', html, re.S).group(0)
    assert "Campaign of the moment" in spotlight and "Welcoming cities" in spotlight
    assert "Active · 3 endorsements" in spotlight
    assert f'<a class="button" href="{campaign.url}#endorse">Endorse this campaign</a>' in spotlight
    # The three soonest upcoming events, soonest first, each with its calendar leaf; not the
    # past one nor the fourth.
    titles = re.findall(r'class="card__link" href="[^"]+">([^<]+)</a>', html)
    assert titles[:3] == ["Event in 10 days", "Event in 20 days", "Event in 30 days"]
    assert "Event in -3 days" not in html and "Event in 40 days" not in html
    first_day = timezone.localdate() + datetime.timedelta(days=10)
    assert f'<span class="card__badge-day">{first_day.day}</span>' in html
    assert f'href="{sections["events"].url}">All events</a>' in html
    # The four newest resources, newest first, with their date; a link to the library.
    assert titles[3:7] == [f"Resource of 2025-0{m}-01" for m in (5, 4, 3, 2)]
    assert "1 May 2025" in html
    assert re.search(
        rf'href="{sections["library"].url}">See all<span class="visually-hidden">', html
    )
    # Key figures.
    assert re.search(
        r'key-figures__number">8</span> <span class="key-figures__label">priority', html
    )
    # The browser tab names the committee's work, not "Home".
    assert re.search(r"<title>Home\b", html) is None


def test_the_home_page_costs_the_same_queries_for_few_or_many_items(client, home, sections):
    image = get_image_model().objects.create(title="Square", file=get_test_image_file())
    home.body = editorial_body(sections, events=12, resources=12)
    publish(home)
    add_events(sections["events"], [5])
    add_resources(sections["library"], [datetime.date(2025, 1, 1)], image)
    few, _ = steady_queries(client, "/en/")
    add_events(sections["events"], range(6, 16))
    add_resources(sections["library"], [datetime.date(2025, 2, d) for d in range(1, 11)], image)
    EndorsementFactory.create_batch(5, campaign_key=sections["campaign"].translation_key)
    many, response = steady_queries(client, "/en/")
    assert response.content.decode().count('class="card__link"') == 22  # 11 events, 11 resources
    assert many == few


def test_resource_cards_offer_avif_and_webp_at_two_widths_with_a_sized_lazy_fallback(
    client, home, sections
):
    image = get_image_model().objects.create(
        title="Harbour", file=get_test_image_file(size=(1600, 900))
    )
    add_resources(sections["library"], [datetime.date(2025, 1, 1)], image)
    home.body = editorial_body(sections)
    publish(home)

    html = text(client, "/en/")
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    sources = dict(re.findall(r'<source type="([^"]+)" srcset="([^"]+)"', picture))
    assert set(sources) == {"image/avif", "image/webp"}
    for mime, srcset in sources.items():
        candidates = [c.strip().split(" ") for c in srcset.split(",")]
        assert [width for _url, width in candidates] == ["400w", "800w"]
        for url, _width in candidates:
            served = client.get(url)
            assert served.status_code == 200 and served["Content-Type"] == mime
    img = re.search(r"<img[^>]*>", picture).group(0)
    assert 'width="800"' in img and 'height="450"' in img and 'loading="lazy"' in img
    assert 'sizes="' in picture


def test_the_home_page_hero_image_is_fetched_first(client, home):
    home.listing_image = get_image_model().objects.create(
        title="Hero", file=get_test_image_file(size=(1200, 800))
    )
    publish(home)
    html = text(client, "/en/")
    header = re.search(r'<header class="page-header.*?</header>', html, re.S).group(0)
    assert 'fetchpriority="high"' in header and 'loading="lazy"' not in header
    assert 'type="image/avif"' in header


def test_the_home_page_sections_follow_the_visitors_language(client, home, sections):
    event = add_events(sections["events"], [12])[0]
    home.body = editorial_body(sections)
    publish(home)
    for page in (home, sections["events"], sections["library"], sections["campaigns"]):
        translate_everywhere(page, {"fr": {"Events": "Événements", "events": "evenements"}})
    translate_everywhere(sections["campaign"], {"fr": {"Welcoming cities": "Villes accueillantes"}})
    translate_everywhere(event, {"fr": {"Event in 12 days": "Événement dans 12 jours"}})

    html = text(client, translation_of(home, "fr").url)
    assert "Événement dans 12 jours" in html and "Event in 12 days" not in html
    assert "Villes accueillantes" in html and "Soutenir cette campagne" in html
    assert f'href="{translation_of(sections["events"], "fr").url}"' in html  # "All events"
