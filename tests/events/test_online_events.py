"""An online or hybrid event says where to join: the admin refuses one without its link, in
the editor's language (events.page_forms.EventPageForm), and its calendar file carries the
link (RFC 7986 CONFERENCE, and the description) even when it has a venue."""

import datetime
from html import unescape

import icalendar
import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from events.factories import EventPageFactory
from events.models import EventFormat, EventPage
from tests.conftest import editor_client, publish
from tests.events.test_events import assert_valid_ics, ics_of

pytestmark = pytest.mark.django_db
JOIN = "https://example.org/live/minors"


def create_event(client, index, **fields):
    start = datetime.date.today() + datetime.timedelta(days=40)
    data = {
        "title": "Debate on unaccompanied minors",
        "slug": "minors-debate",
        "kind": "policy_debate",
        "time_zone": "Europe/Madrid",
        "start_date": start.isoformat(),
        "start_time": "10:00",
        "end_date": "",
        "end_time": "12:00",
        "event_format": "hybrid",
        "venue": "City hall",
        "city": "Barcelona",
        "country": "ES",
        "online_url": "",
        "registration_url": "",
        "registration_deadline": "",
        "body": streamfield([]),
        "outcomes": streamfield([]),
        "report_url": "",
        "listing_summary": "",
        "action-publish": "publish",
        **fields,
    }
    return client.post(
        f"/admin/pages/add/events/eventpage/{index.pk}/", nested_form_data(data), follow=True
    )


@pytest.mark.parametrize("event_format", ["online", "hybrid"])
def test_an_online_or_hybrid_event_needs_its_link(index, event_format):
    response = create_event(editor_client(), index, event_format=event_format)

    html = unescape(response.content.decode())
    assert "An online or hybrid event needs its link: where participants join." in html
    assert not EventPage.objects.filter(slug="minors-debate").exists()


def test_the_refusal_speaks_the_editors_language(index):
    html = unescape(create_event(editor_client("es"), index).content.decode())

    assert "necesita su enlace" in html


def test_with_its_link_the_event_is_published(index):
    create_event(editor_client(), index, online_url=JOIN)

    assert EventPage.objects.get(slug="minors-debate").live


def test_a_hybrid_events_calendar_file_carries_the_link_beside_the_venue(client, index):
    event = publish(
        EventPageFactory(
            parent=index, event_format=EventFormat.HYBRID, venue="City hall", online_url=JOIN
        )
    )

    raw = ics_of(client, event)

    assert_valid_ics(raw)
    item = next(iter(icalendar.Calendar.from_ical(raw).walk("VEVENT")))
    assert str(item["CONFERENCE"]) == JOIN
    assert item["CONFERENCE"].params["FEATURE"] == "VIDEO"
    assert f"Join online: {JOIN}" in str(item["DESCRIPTION"])
    assert "City hall" in str(item["LOCATION"])
