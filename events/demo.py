"""Demo events: past and upcoming peer-learning events and policy debates built on the
action plan's questions, marked as sample data, in four languages through wagtail-localize.

Dates are set relative to the day the demo is loaded, so the site always has both upcoming
and past events; once created, an event is left as it is.
"""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from core.demo import ensure_child, ensure_translations
from events.demo_translations import TRANSLATIONS
from events.models import EventFormat, EventIndexPage, EventKind, EventPage
from home.models import HomePage
from themes.models import Partner, Theme

SAMPLE_NOTICE = "Sample event for the demonstration site: names, dates and places are fictional."

EVENTS = [
    {
        "slug": "peer-learning-housing-tangier",
        "title": "MC2CM peer-learning event: access to housing",
        "listing_summary": "Cities of the wider Mediterranean compared how they open access "
        "to housing for migrants.",
        "kind": EventKind.PEER_LEARNING,
        "days_from_today": -120,
        "days": 2,
        "start": None,
        "end": None,
        "time_zone": "Africa/Casablanca",
        "event_format": EventFormat.IN_PERSON,
        "venue": "Tangier City Hall",
        "city": "Tangier",
        "country": "MA",
        "languages": ["ar", "fr", "en"],
        "interpretation": ["ar", "fr", "en"],
        "text": "Local officials from twelve cities shared practices on housing for "
        "newcomers, from emergency shelter to long-term rental support.",
        "themes": ["housing", "non-discrimination"],
        "organisers": ["icmpd", "uclg", "un-habitat"],
    },
    {
        "slug": "policy-debate-migrant-women",
        "title": "Policy debate: migrant women's right to the city",
        "listing_summary": "Mayors and activists discussed safe public spaces, services and a "
        "political voice for migrant women.",
        "kind": EventKind.POLICY_DEBATE,
        "days_from_today": -45,
        "days": 1,
        "start": (15, 0),
        "end": (16, 30),
        "time_zone": "Europe/Madrid",
        "event_format": EventFormat.ONLINE,
        "venue": "",
        "city": "",
        "country": "",
        "online_url": "https://example.org/webinar/migrant-women",
        "languages": ["en", "es"],
        "interpretation": ["fr"],
        "text": "The debate gathered elected officials and women's organisations from four "
        "continents.",
        "themes": ["migrant-women"],
        "organisers": ["uclg"],
    },
    {
        "slug": "policy-debate-unaccompanied-minors",
        "title": "Policy debate: the social inclusion of unaccompanied minors",
        "listing_summary": "How can cities care for children who migrate alone and open "
        "pathways to autonomy?",
        "kind": EventKind.POLICY_DEBATE,
        "days_from_today": 21,
        "days": 1,
        "start": (10, 0),
        "end": (12, 30),
        "time_zone": "Europe/Madrid",
        "event_format": EventFormat.HYBRID,
        "venue": "Barcelona City Council",
        "city": "Barcelona",
        "country": "ES",
        "online_url": "https://example.org/live/unaccompanied-minors",
        "registration_url": "https://example.org/register/unaccompanied-minors",
        "registration_days_from_today": 14,
        "languages": ["en", "es", "fr"],
        "interpretation": ["ar", "en", "es", "fr"],
        "text": "Cities will present their reception and schooling programmes and discuss how "
        "to work with regional and national authorities.",
        "themes": ["unaccompanied-minors"],
        "organisers": ["uclg"],
    },
    {
        "slug": "webinar-civil-society",
        "title": "Webinar: cooperation with civil society",
        "listing_summary": "Local governments and migrant organisations on building "
        "partnerships that last.",
        "kind": EventKind.WEBINAR,
        "days_from_today": 35,
        "days": 1,
        "start": (16, 0),
        "end": (17, 30),
        "time_zone": "America/Mexico_City",
        "event_format": EventFormat.ONLINE,
        "venue": "",
        "city": "",
        "country": "",
        "online_url": "https://example.org/webinar/civil-society",
        "registration_url": "https://example.org/register/civil-society",
        "languages": ["es", "en"],
        "interpretation": ["fr"],
        "text": "Practitioners from Mexico City, Montreal and Bogotá will share how they "
        "design services together with civil society.",
        "themes": ["civil-society"],
        "organisers": ["uclg"],
    },
    {
        "slug": "peer-learning-intercultural-dialogue",
        "title": "Peer learning: intercultural and interreligious dialogue",
        "listing_summary": "Three days of exchanges between cities that bring communities of "
        "different faiths and cultures together.",
        "kind": EventKind.CONFERENCE,
        "days_from_today": 70,
        "days": 3,
        "start": (9, 30),
        "end": (13, 0),
        "time_zone": "Africa/Tunis",
        "event_format": EventFormat.IN_PERSON,
        "venue": "Tunis City Hall",
        "city": "Tunis",
        "country": "TN",
        "registration_url": "https://example.org/register/intercultural-dialogue",
        "languages": ["ar", "fr"],
        "interpretation": ["en"],
        "text": "Participants will visit neighbourhood projects and draft shared "
        "recommendations on local citizenship.",
        "themes": ["intercultural-dialogue", "local-citizenship"],
        "organisers": ["uclg"],
    },
]


def _event(spec, today):
    start_date = today + datetime.timedelta(days=spec["days_from_today"])
    event = EventPage(
        title=spec["title"],
        slug=spec["slug"],
        listing_summary=spec["listing_summary"],
        kind=spec["kind"],
        time_zone=spec["time_zone"],
        start_date=start_date,
        end_date=start_date + datetime.timedelta(days=spec["days"] - 1),
        start_time=datetime.time(*spec["start"]) if spec["start"] else None,
        end_time=datetime.time(*spec["end"]) if spec["end"] else None,
        event_format=spec["event_format"],
        venue=spec["venue"],
        city=spec["city"],
        country=spec["country"],
        online_url=spec.get("online_url", ""),
        registration_url=spec.get("registration_url", ""),
        languages=spec["languages"],
        interpretation=spec["interpretation"],
        body=[("paragraph", f"<p>{SAMPLE_NOTICE}</p><p>{spec['text']}</p>")],
    )
    if "registration_days_from_today" in spec:
        event.registration_deadline = today + datetime.timedelta(
            days=spec["registration_days_from_today"]
        )
    english = Locale.objects.get(language_code="en")
    event.themes = list(Theme.objects.filter(locale=english, slug__in=spec["themes"]))
    event.organisers = list(Partner.objects.filter(locale=english, slug__in=spec["organisers"]))
    return event


def load():
    created = []
    home = HomePage.objects.get(locale__language_code="en")
    index = ensure_child(
        home,
        EventIndexPage(
            title="Events",
            slug="events",
            show_in_menus=True,
            listing_summary="Peer-learning events, policy debates and webinars of the committee.",
            introduction="<p>Peer-learning events between local governments and policy debates on "
            "the committee's priority questions. Add them to your calendar.</p>",
        ),
        created,
    )
    ensure_translations(index, TRANSLATIONS, created)
    today = timezone.localdate()
    for spec in EVENTS:
        event = ensure_child(index, _event(spec, today), created)
        ensure_translations(event, TRANSLATIONS, created)
    return len(created)
