"""iCalendar (RFC 5545) export through the icalendar library: one event, or a feed.

The library writes CRLF line endings, folds lines at 75 octets, escapes text and adds the
VTIMEZONE definitions of the time zones used. UIDs come from the page's translation key,
so an event keeps its UID across exports and languages.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.display import event_when
from taxonomy.listing import tagged_with, theme_from_query

PRODID = "-//CISDP committee//Events//EN"


def uid_for(event):
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"event-{event.translation_key}@{domain}"


def vevent(event, request):
    item = icalendar.Event()
    item.add("uid", uid_for(event))
    stamp = event.last_published_at or timezone.now()
    item.add("dtstamp", stamp.astimezone(datetime.UTC))
    item.add("last-modified", stamp.astimezone(datetime.UTC))
    if event.all_day:
        item.add("dtstart", event.start_date)
        item.add("dtend", event.last_date + datetime.timedelta(days=1))  # exclusive
    else:
        item.add("dtstart", event.local_start)
        item.add("dtend", event.local_end)
    item.add("summary", event.title)
    url = event.get_full_url(request)
    item.add("url", url)
    joining = ""
    if event.online_url and event.event_format != "in_person":
        joining = _("Join online: %(url)s") % {"url": event.online_url}
        # RFC 7986: calendar programs show a "join" button for it.
        item.add("conference", event.online_url, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
    description = "\n\n".join(
        part for part in (event.listing_summary, event_when(event), joining, url) if part
    )
    item.add("description", description)
    location = event.location_text or event.online_url
    if location:
        item.add("location", location)
    item.add("categories", [event.get_kind_display()])
    item.add("status", "CONFIRMED")
    return item


def build_calendar(events, request, name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(vevent(event, request))
    calendar.add_missing_timezones()
    return calendar


def calendar_response(events, request, name, filename):
    body = build_calendar(events, request, name).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Language"] = translation.get_language()
    return response


def upcoming_for_feed(index, request):
    """Upcoming events of an index, optionally of one theme (?theme=slug; unknown: ignored)."""
    events = index.events().filter(ends_at__gte=timezone.now()).order_by("starts_at")
    theme = theme_from_query(request)
    if theme is not None:
        events = tagged_with(events, theme)
    return list(events[:500]), theme
