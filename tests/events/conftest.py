"""Events built for each test: an index, and on demand a few upcoming and past events in
every language (translated through wagtail-localize)."""

import datetime

import pytest
from django.utils import timezone

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import EventKind
from taxonomy.factories import ThemeFactory, translate_now, translator
from tests.conftest import publish

MINORS_DEBATE = "Policy debate: the social inclusion of unaccompanied minors"

# What translators give the index and the events (Arabic slugs are Latin).
TRANSLATIONS = {
    "fr": {
        "Events": "Événements",
        "events": "evenements",
        MINORS_DEBATE: "Débat politique : l'inclusion sociale des mineurs non accompagnés",
        "Unaccompanied minors": "Mineurs non accompagnés",
    },
    "es": {
        "Events": "Eventos",
        "events": "eventos",
        MINORS_DEBATE: "Debate político: la inclusión social de las personas menores no "
        "acompañadas",
        "Unaccompanied minors": "Menores no acompañados",
    },
    "ar": {
        "Events": "الفعاليات",
        "events": "events",
        MINORS_DEBATE: "نقاش سياسي: الإدماج الاجتماعي للقاصرين غير المصحوبين",
        "Unaccompanied minors": "القاصرون غير المصحوبين",
    },
}


@pytest.fixture
def index(home):
    return publish(EventIndexPageFactory(parent=home))


@pytest.fixture
def housing(db):
    return ThemeFactory(slug="housing", name="Housing")


def days_from_now(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def minors_debate(index):
    """An upcoming policy debate in Barcelona, interpreted into four languages."""
    theme = ThemeFactory(slug="unaccompanied-minors", name="Unaccompanied minors")
    event = EventPageFactory(
        parent=index,
        title=MINORS_DEBATE,
        slug="policy-debate-unaccompanied-minors",
        kind=EventKind.POLICY_DEBATE,
        start_date=days_from_now(21),
        city="Barcelona",
        languages=["en", "es", "fr"],
        interpretation=["ar", "en", "es", "fr"],
        registration_url="https://example.org/register",
    )
    event.themes = [theme]
    return publish(event)


@pytest.fixture
def past_event(index):
    return publish(
        EventPageFactory(
            parent=index,
            title="Peer-learning event: access to housing",
            slug="peer-learning-housing",
            kind=EventKind.PEER_LEARNING,
            start_date=days_from_now(-120),
            start_time=None,
            end_time=None,
        )
    )


@pytest.fixture
def event_in():
    """event_in(page, "fr"): its translation (and its index's), through wagtail-localize."""
    return translator(TRANSLATIONS)


@pytest.fixture
def events_in_every_language(index, minors_debate, past_event, event_in):
    """Two upcoming events and a past one, and their theme, in every language:
    {language code: [upcoming events]}."""
    other = publish(EventPageFactory(parent=index, start_date=days_from_now(40)))
    for theme in minors_debate.themes.all():
        for code in TRANSLATIONS:
            translate_now(theme, code, TRANSLATIONS[code])
    upcoming = {"en": [minors_debate, other]}
    for code in TRANSLATIONS:
        upcoming[code] = [event_in(minors_debate, code), event_in(other, code)]
        event_in(past_event, code)
    return upcoming
