"""factory_boy factories of the events app (tests, benchmarks)."""

import datetime

import factory
import wagtail_factories

from events.models import EventFormat, EventIndexPage, EventKind, EventPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Events"
    slug = "events"
    show_in_menus = True

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = EventKind.POLICY_DEBATE
    time_zone = "Europe/Madrid"
    start_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    start_time = datetime.time(10, 0)
    end_time = datetime.time(12, 0)
    event_format = EventFormat.ONLINE
    listing_summary = "An event for tests."

    class Meta:
        model = EventPage
