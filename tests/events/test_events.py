"""Events: times in their own time zone, calendar files, feeds, the index and its filters."""

import datetime
import re
from html import unescape

import feedparser
import icalendar
import pytest
import vobject
from django.utils import timezone

from events.factories import EventPageFactory
from events.models import EventFormat, EventKind, EventPage
from taxonomy.factories import translate_now
from tests.conftest import LANGUAGES, publish, steady_queries, view_then_renew
from tests.events.conftest import MINORS_DEBATE, TRANSLATIONS

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def ics_of(client, event):
    response = client.get(f"{event.url}ics/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def only_event(calendar):
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1
    return events[0]


def assert_valid_ics(raw):
    """RFC 5545 shape, and accepted by two independent parsers (icalendar, vobject)."""
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines), "lines are folded at 75 octets"
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    for event in calendar.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            assert prop in event, prop
        for prop in ("DTSTART", "DTEND"):
            value = event.decoded(prop)
            if isinstance(value, datetime.datetime):
                tzid = event[prop].params.get("TZID")
                assert tzid or value.tzinfo == UTC, "times carry a TZID or are in UTC"
                if tzid:
                    assert any(tz["TZID"] == tzid for tz in calendar.walk("VTIMEZONE"))
    parsed = vobject.readOne(raw.decode("utf-8"))
    parsed.validate(raiseException=True)
    return calendar


def debate_on_15_june_2027_10_to_12(index, title, time_zone):
    """A published event from 10:00 to 12:00 local time in `time_zone`."""
    return publish(
        EventPageFactory(
            parent=index,
            title=title,
            time_zone=time_zone,
            start_date=datetime.date(2027, 6, 15),
            start_time=datetime.time(10, 0),
            end_time=datetime.time(12, 0),
        )
    )


def test_casablanca_event_shows_local_times_with_offset_and_exports_utc_instants(client, index):
    event = debate_on_15_june_2027_10_to_12(index, "Casablanca debate", "Africa/Casablanca")
    assert event.starts_at == datetime.datetime(2027, 6, 15, 9, 0, tzinfo=UTC)
    assert event.ends_at == datetime.datetime(2027, 6, 15, 11, 0, tzinfo=UTC)
    html = unescape(client.get(event.url).content.decode())
    assert "15 June 2027, 10:00–12:00 (UTC+01:00)" in html
    assert "Morocco Time" in html and "Africa/Casablanca" not in html

    raw = ics_of(client, event)
    assert b"DTSTART;TZID=Africa/Casablanca:20270615T100000" in raw
    item = only_event(assert_valid_ics(raw))
    assert item.decoded("DTSTART").astimezone(UTC) == datetime.datetime(
        2027, 6, 15, 9, 0, tzinfo=UTC
    )
    assert item.decoded("DTEND").astimezone(UTC) == datetime.datetime(
        2027, 6, 15, 11, 0, tzinfo=UTC
    )


def test_event_across_a_daylight_saving_change_exports_the_right_instants(client, index):
    # Spain moves from UTC+1 to UTC+2 in the night of 27 to 28 March 2027.
    event = publish(
        EventPageFactory(
            parent=index,
            time_zone="Europe/Madrid",
            start_date=datetime.date(2027, 3, 27),
            start_time=datetime.time(10, 0),
            end_date=datetime.date(2027, 3, 28),
            end_time=datetime.time(12, 0),
        )
    )
    item = only_event(assert_valid_ics(ics_of(client, event)))
    assert item.decoded("DTSTART").astimezone(UTC) == datetime.datetime(
        2027, 3, 27, 9, 0, tzinfo=UTC
    )
    assert item.decoded("DTEND").astimezone(UTC) == datetime.datetime(
        2027, 3, 28, 10, 0, tzinfo=UTC
    )
    assert event.ends_at - event.starts_at == datetime.timedelta(hours=25)


def test_all_day_multi_day_event_exports_dates_with_an_exclusive_end(client, index):
    event = publish(
        EventPageFactory(
            parent=index,
            time_zone="Africa/Tunis",
            start_date=datetime.date(2027, 5, 3),
            end_date=datetime.date(2027, 5, 5),
            start_time=None,
            end_time=None,
        )
    )
    raw = ics_of(client, event)
    assert b"DTSTART;VALUE=DATE:20270503" in raw and b"DTEND;VALUE=DATE:20270506" in raw
    assert_valid_ics(raw)
    assert "3 May 2027 to 5 May 2027" in unescape(client.get(event.url).content.decode())


def test_every_calendar_is_valid_and_uids_are_stable_across_exports_and_languages(
    client, events_in_every_language
):
    uids = {}
    for language in LANGUAGES:
        index = events_in_every_language[language][0].get_parent()
        raw = client.get(f"{index.url}ics/").content
        assert_valid_ics(raw)
        assert raw == client.get(f"{index.url}ics/").content, "the same export twice"
        calendar = icalendar.Calendar.from_ical(raw)
        uids[language] = sorted(str(e["UID"]) for e in calendar.walk("VEVENT"))
        for event in calendar.walk("VEVENT"):
            assert f"/{language}/" in str(event["URL"]), "URL in the calendar's language"
    assert len(uids["en"]) == 2  # the two upcoming events, not the past one
    assert uids["en"] == uids["fr"] == uids["es"] == uids["ar"]
    for event in EventPage.objects.filter(locale__language_code="fr"):
        assert_valid_ics(ics_of(client, event))


def test_text_is_escaped_in_calendar_files(client, index):
    event = publish(
        EventPageFactory(
            parent=index,
            title="Cities; rights, and \\ backslashes",
            venue="Hall A, floor 2; room 3",
            city="Rabat",
        )
    )
    raw = ics_of(client, event)
    assert b"SUMMARY:Cities\\; rights\\, and \\\\ backslashes" in raw
    assert str(only_event(assert_valid_ics(raw))["LOCATION"]) == "Hall A, floor 2; room 3, Rabat"


def test_upcoming_and_past_split_around_now(client, index):
    soon = publish(EventPageFactory(parent=index, title="Ends in a minute"))
    gone = publish(EventPageFactory(parent=index, title="Ended a minute ago"))
    now = timezone.now()
    EventPage.objects.filter(pk=soon.pk).update(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(minutes=1)
    )
    EventPage.objects.filter(pk=gone.pk).update(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now - datetime.timedelta(minutes=1)
    )
    upcoming = client.get(index.url).content.decode()
    past = client.get(f"{index.url}?when=past").content.decode()
    assert "Ends in a minute" in upcoming and "Ends in a minute" not in past
    assert "Ended a minute ago" in past and "Ended a minute ago" not in upcoming


def test_time_zone_and_offset_read_in_the_visitors_language(client, index, event_in):
    """The zone as CLDR names it in each language; a negative offset with a minus sign,
    which no line break splits."""
    event = debate_on_15_june_2027_10_to_12(index, "Mexico City debate", "America/Mexico_City")
    html = unescape(client.get(event.url).content.decode())
    assert "Mexico (Mexico City) Time" in html and "(UTC\u221206:00)" in html
    arabic = unescape(client.get(event_in(event, "ar").url).content.decode())
    note = re.search(r'<span class="facts__note">([^<]+)</span>', arabic).group(1)
    assert note == "توقيت المكسيك (مكسيكو سيتي)"


def test_ended_event_says_so_and_offers_no_action(client, past_event, minors_debate, event_in):
    html = client.get(past_event.url).content.decode()
    assert "This event has ended." in html
    assert "Add to calendar" not in html and ">Register</a>" not in html
    french = event_in(past_event, "fr")
    assert "Cet événement est terminé." in client.get(french.url).content.decode()
    html = client.get(minors_debate.url).content.decode()
    assert "This event has ended." not in html and ">Register</a>" in html
    assert "Add to calendar" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_pages_render_in_every_language(client, minors_debate, event_in, language):
    event = event_in(minors_debate, language)
    html = unescape(client.get(event.url).content.decode())
    kind = {
        "en": "Policy debate",
        "fr": "Débat politique",
        "es": "Debate político",
        "ar": "نقاش سياسي",
    }[language]
    assert kind in html
    interpretation = {"en": "Arabic", "fr": "arabe", "es": "árabe", "ar": "العربيّة"}[language]
    assert interpretation in html.lower() or interpretation in html


def listing_titles(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return re.findall(
        r'class="card__link" href="[^"]+">([^<]+)</a>', unescape(response.content.decode())
    )


def test_filters_combine(client, index, housing):
    a = EventPageFactory(
        parent=index,
        title="Webinar on housing",
        kind=EventKind.WEBINAR,
        event_format=EventFormat.ONLINE,
        start_date=datetime.date(2031, 1, 10),
    )
    a.themes = [housing]
    publish(a)
    publish(
        EventPageFactory(
            parent=index,
            title="Webinar in person",
            kind=EventKind.WEBINAR,
            event_format=EventFormat.IN_PERSON,
            start_date=datetime.date(2031, 2, 10),
        )
    )
    publish(
        EventPageFactory(
            parent=index,
            title="Debate online",
            kind=EventKind.POLICY_DEBATE,
            event_format=EventFormat.ONLINE,
            start_date=datetime.date(2032, 3, 1),
        )
    )
    url = index.url
    assert set(listing_titles(client, f"{url}?kind=webinar")) >= {
        "Webinar on housing",
        "Webinar in person",
    }
    assert listing_titles(client, f"{url}?kind=webinar&event_format=online&year=2031") == [
        "Webinar on housing"
    ]
    assert listing_titles(client, f"{url}?kind=webinar&theme=housing") == ["Webinar on housing"]
    assert listing_titles(client, f"{url}?year=2032") == ["Debate online"]
    assert listing_titles(client, f"{url}?year=2031&event_format=in_person") == [
        "Webinar in person"
    ]


@pytest.mark.parametrize(
    "query",
    [
        "kind=zzz",
        "year=abc",
        "year=99999999999999999999999",
        "page=-1",
        "page=abc",
        "page=" + "9" * 40,
        "theme=%00",
        "theme=" + "x" * 10000,
        "kind=webinar&kind=%ff",
        "when=future",
        "event_format[]=online",
        "%00=%00",
        "year=2031&year=2032&page=2&page=x",
    ],
)
def test_garbage_filters_are_ignored(client, index, query):
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    assert f'<h1 class="page-header__title">{index.title}</h1>' in response.content.decode()
    feed = client.get(f"{index.url}ics/?{query}")
    assert feed.status_code == 200
    assert feed.content.startswith(b"BEGIN:VCALENDAR")


def test_index_costs_the_same_queries_with_5_or_30_events(
    client, index, housing, django_assert_num_queries
):

    def add(count):
        for _ in range(count):
            event = EventPageFactory(parent=index)
            event.themes = [housing]
            publish(event)

    add(5 - EventPage.objects.child_of(index).filter(ends_at__gte=timezone.now()).count())
    expected, response = steady_queries(client, index.url)
    assert 'class="card__link"' in response.content.decode()
    add(25)
    view_then_renew(client, index.url)
    with django_assert_num_queries(expected):
        html = client.get(index.url).content.decode()
    assert html.count('class="card__link"') == 12
    assert "Page 1 of 3" in html


def test_atom_feed_validates_and_links_to_the_visitors_language(client, events_in_every_language):
    for language in LANGUAGES:
        index = events_in_every_language[language][0].get_parent()
        response = client.get(f"{index.url}feed/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert feed.bozo == 0, feed.bozo_exception
        assert feed.version == "atom10"
        assert len(feed.entries) == 2  # upcoming events only
        for entry in feed.entries:
            assert f"http://testserver/{language}/" in entry.link
        assert feed.feed.language == language


def test_theme_calendar_feed_lists_only_that_theme(client, index, minors_debate, event_in):
    event_in(publish(EventPageFactory(parent=index, title="Untagged debate")), "es")
    for theme in minors_debate.themes.all():
        translate_now(theme, "es", TRANSLATIONS["es"])
    spanish_index = event_in(minors_debate, "es").get_parent()
    raw = client.get(f"{spanish_index.url}ics/?theme=unaccompanied-minors").content
    calendar = assert_valid_ics(raw)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries == [TRANSLATIONS["es"][MINORS_DEBATE]]


def test_event_times_are_validated(index):
    from django.core.exceptions import ValidationError

    event = EventPageFactory.build(
        start_date=datetime.date(2027, 1, 2), end_date=datetime.date(2027, 1, 1)
    )
    with pytest.raises(ValidationError, match="cannot end before"):
        event.clean()
    event = EventPageFactory.build(start_time=datetime.time(10), end_time=None)
    with pytest.raises(ValidationError, match="both a start and an end time"):
        event.clean()
    event = EventPageFactory.build(start_time=datetime.time(12), end_time=datetime.time(10))
    with pytest.raises(ValidationError, match="must end after it starts"):
        event.clean()
