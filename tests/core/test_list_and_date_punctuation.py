"""Lists and dates punctuated as each language writes them: the Arabic comma between items
in Arabic ("برشلونة، إسبانيا"), and Arabic dates without Django's comma before the year."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

from core.i18n import joined
from events.factories import EventIndexPageFactory, EventPageFactory
from tests.conftest import add_page, page_text, translate_everywhere

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Tunis, Tunisia"), ("fr", "Tunis, Tunisia"), ("ar", "Tunis، Tunisia")],
)
def test_items_of_a_list_are_separated_as_the_language_writes(language, expected):
    with translation.override(language):
        assert joined(["Tunis", "Tunisia"]) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "20 May 2026"), ("fr", "20 mai 2026"), ("ar", "20 مايو 2026")],
)
def test_dates_read_as_the_language_writes_them(language, expected):
    with translation.override(language):
        assert date_format(datetime.date(2026, 5, 20), "DATE_FORMAT") == expected


def test_an_arabic_event_page_lists_its_place_and_languages_with_the_arabic_comma(client, home):
    events = add_page(home, EventIndexPageFactory)
    event = add_page(
        events,
        EventPageFactory,
        title="Forum",
        slug="forum",
        city="Tunis",
        country="TN",
        venue="City hall",
        languages=["fr", "ar"],
        start_date=datetime.date(2027, 5, 20),
    )
    translate_everywhere(events)
    versions = translate_everywhere(event)
    arabic = page_text(client, versions["ar"].url)
    assert "City hall، Tunis، تونس" in arabic
    assert "الفرنسيّة، العربيّة" in arabic
    assert "20 مايو 2027" in arabic and "مايو، 2027" not in arabic
    english = page_text(client, versions["en"].url)
    assert "City hall, Tunis, Tunisia" in english and "French, Arabic" in english
