"""Matching typed cities to city pages: names, the match_cities command (proposals, --apply on
events and projects), and moderators confirming endorsements' suggestions in the admin, after
which the city page (fresh, not the cached copy) lists the campaign."""

import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory, EndorsementFactory
from campaigns.models import Endorsement, EndorsementStatus
from cities.factories import CityIndexPageFactory, CityPageFactory
from cities.matching import CityMatcher, normalised_city_name
from cities.models import Region
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import EventPage
from tests.conftest import LANGUAGES, add_page, publish, translate_everywhere
from themes.factories import ProjectPageFactory, ThemeIndexPageFactory, ThemePageFactory
from themes.models import ProjectPage

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/campaigns/endorsement/"
MATCH_URL = "/admin/bulk/campaigns/endorsement/match_city/?next=/admin/&"
TANGIER = {"fr": "Tanger", "es": "Tánger", "ar": "طنجة"}
FORUM = "Forum on migration"
FORUM_FR = "Forum sur les migrations"


def named(page, names):
    """Translations of a page's title ({language: title}); slugs say their language."""
    return {
        code: {page.title: names.get(code, page.title), page.slug: f"{page.slug}-{code}"}
        for code in LANGUAGES
    }


@pytest.fixture
def matching_cities(home):
    """Tangier (Morocco) in four languages, Valencia (Spain) in English."""
    index = add_page(home, CityIndexPageFactory)
    translate_everywhere(index, named(index, {"fr": "Villes", "es": "Ciudades"}))
    tangier = add_page(index, CityPageFactory, title="Tangier", slug="tangier")
    versions = translate_everywhere(tangier, named(tangier, TANGIER))
    valencia = add_page(
        index,
        CityPageFactory,
        title="Valencia",
        slug="valencia",
        country="ES",
        region=Region.EUROPE,
        latitude=Decimal("39.4699"),
        longitude=Decimal("-0.3763"),
    )
    return {"tangier": tangier, "tangier_in": versions, "valencia": valencia}


@pytest.fixture
def matching_events(home):
    index = add_page(home, EventIndexPageFactory)
    translate_everywhere(index, named(index, {"fr": "Événements"}))
    return index


@pytest.fixture
def matching_campaigns(home):
    return add_page(home, CampaignIndexPageFactory)


@pytest.fixture
def matching_area(home):
    areas = add_page(home, ThemeIndexPageFactory)
    translate_everywhere(areas, named(areas, {}))
    area = add_page(areas, ThemePageFactory, title="Migration", slug="migration")
    translate_everywhere(area, named(area, {}))
    return area


@pytest.fixture
def matching_moderator(client):
    """A moderator of endorsements (no page permissions, no signers' contacts), logged in."""
    user = get_user_model().objects.create_user("city-moderator", "m@example.org", "pw")
    group = Group.objects.create(name="Endorsement moderators")
    for codename in ("access_admin", "view_endorsement", "change_endorsement"):
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    client.force_login(user)
    return client


def hosted_event(index, city="Tangier", country="MA", french_city="Tanger", **fields):
    event = add_page(index, EventPageFactory, title=FORUM, city=city, country=country, **fields)
    translate_everywhere(event, {"fr": {FORUM: FORUM_FR, city: french_city}})
    return event


def match_cities(*args):
    output = io.StringIO()
    call_command("match_cities", *args, stdout=output, no_color=True)
    return output.getvalue()


PROPOSAL = re.compile(r"^  (\S.*)\n    typed (.+) → (.+)\n    (\S+)$", re.M)


def proposals(output):
    """[(subject, typed, proposed)] of the command's output."""
    return [match.groups()[:3] for match in PROPOSAL.finditer(output)]


def proposed_for(output, start):
    """What is proposed for the only object whose line has `start`."""
    [found] = [proposed for subject, _typed, proposed in proposals(output) if start in subject]
    return found


@pytest.fixture
def matching_page_cache(settings):
    """The page cache on: a city page must be rendered afresh after a change it shows."""
    settings.PAGE_CACHE_SECONDS = 600


def cached(client, url):
    """View `url` twice: the second view comes from the page cache."""
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"


def sections(response):
    """{name: (count, card titles)} of a city page's context (rendered afresh, not cached)."""
    assert response.status_code == 200
    assert response.get("X-Cache") != "HIT", "served from the page cache: it was not renewed"
    return {
        section.name: (section.count, [card.title for card in section.cards])
        for section in response.context["city_sections"]["sections"]
    }


# Names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Ville de Tanger", "tanger"),
        ("MUNICIPALITY OF  Sant-Boi de Llobregat", "sant boi de llobregat"),
        ("Mairie de la ville d'Évry (France)", "evry"),
        ("Ayuntamiento de Málaga", "malaga"),
        ("Izmir Metropolitan Municipality", "izmir"),
        ("بلدية طنجة", "طنجه"),
        ("مدينة طَنجة", "طنجه"),
        ("Ville de", "ville de"),
        ("", ""),
    ],
)
def test_names_are_compared_without_case_accents_punctuation_or_institutions(typed, normalised):
    assert normalised_city_name(typed) == normalised


def test_the_matcher_reads_the_cities_once_and_keeps_to_the_country(
    matching_cities, django_assert_num_queries
):
    matcher = CityMatcher()
    with django_assert_num_queries(1):
        exact = matcher.suggest("Commune urbaine de Tanger", "MA")
        close = matcher.suggest("Tangiers", "MA")
        arabic = matcher.suggest("بلدية طنجة", "ma")
        anywhere = matcher.suggest("Valencia")
        for name, country in (("Tanger", "ES"), ("Valencia", "VE"), ("Atlantis", "MA")):
            assert matcher.suggest(name, country) is None
    tangier = matching_cities["tangier"]
    assert (exact.page_id, exact.title, exact.exact) == (tangier.pk, "Tangier", True)
    assert exact.title_in("fr") == "Tanger"
    assert exact.page_id_in("fr") == matching_cities["tangier_in"]["fr"].pk
    assert close.translation_key == tangier.translation_key and 0.85 <= close.score < 1
    assert arabic.translation_key == tangier.translation_key
    assert anywhere.page_id == matching_cities["valencia"].pk


# The command ------------------------------------------------------------------------------


def test_the_command_proposes_cities_for_endorsements_and_events(
    matching_cities, matching_campaigns, matching_events
):
    campaign = add_page(matching_campaigns, CampaignPageFactory)
    key = campaign.translation_key
    EndorsementFactory(
        campaign_key=key, organisation="Tanger", city="Ville de Tanger", country="MA"
    )
    EndorsementFactory(campaign_key=key, organisation="Valencia VE", city="Valencia", country="VE")
    EndorsementFactory(campaign_key=key, organisation="Atlantis", city="Atlantis", country="MA")
    EndorsementFactory(
        campaign_key=key,
        organisation="Already",
        city="Tangier",
        country="MA",
        matched_city=matching_cities["tangier"],
    )
    event = hosted_event(matching_events)
    hosted_event(
        matching_events, city="Valencia", country="VE", french_city="Valence", slug="valencia"
    )

    output = match_cities()

    assert proposed_for(output, "Tanger (") == "Tangier (same name)"
    assert proposed_for(output, "Valencia VE") == "no city page found"
    assert proposed_for(output, "Atlantis") == "no city page found"
    assert "Already" not in output  # matched by a moderator already
    found = proposals(output)
    event_line = f'Event "{FORUM}" (page {event.pk})'
    assert (event_line, '"Tangier", MA', "Tangier (same name)") in found
    assert f"http://testserver/admin/pages/{event.pk}/edit/" in output
    assert "/admin/snippets/campaigns/endorsement/edit/" in output
    assert "Summary: 2 proposals (1 for endorsements, 1 for events, 0 for project cities); " in (
        output
    )
    # One line per event, not per language version; nothing written without --apply.
    assert sum(FORUM in subject for subject, _typed, _proposed in found) == 2
    assert not EventPage.objects.filter(host_city__isnull=False).exists()


def test_the_command_costs_the_same_queries_for_one_or_many_objects(
    matching_cities, matching_campaigns, matching_events, django_assert_num_queries
):
    campaign = add_page(matching_campaigns, CampaignPageFactory)
    EndorsementFactory(campaign_key=campaign.translation_key, city="Tanger", country="MA")
    hosted_event(matching_events)
    with CaptureQueriesContext(connection) as few:
        match_cities()
    EndorsementFactory.create_batch(
        6, campaign_key=campaign.translation_key, city="Tanger", country="MA"
    )
    for n in range(3):
        add_page(matching_events, EventPageFactory, city="Tangier", country="MA", slug=f"e{n}")
    with django_assert_num_queries(len(few)):
        output = match_cities()
    assert output.count("→ Tangier (same name)") == 11


def test_apply_sets_the_host_city_of_every_language_version_and_the_city_lists_the_event(
    client, matching_cities, matching_events, matching_page_cache
):
    tangier, tangier_in = matching_cities["tangier"], matching_cities["tangier_in"]
    event = hosted_event(matching_events)
    cached(client, tangier.url)
    cached(client, tangier_in["fr"].url)
    # An event whose editors have a draft waiting: its live version is left as it is.
    drafted = add_page(matching_events, EventPageFactory, city="Tanger", country="MA")
    drafted.title = "A draft title"
    drafted.save_revision()

    output = match_cities("--apply")

    assert "language versions published" in output
    versions = EventPage.objects.filter(translation_key=event.translation_key)
    assert versions.count() == len(LANGUAGES)
    for version in versions.select_related("host_city__locale"):
        assert version.live and not version.has_unpublished_changes
        assert version.host_city.translation_key == tangier.translation_key
        assert version.host_city.locale_id == version.locale_id  # the city in its language
    drafted.refresh_from_db()
    assert drafted.host_city_id is None and drafted.has_unpublished_changes
    assert drafted.get_latest_revision_as_object().host_city_id == tangier.pk

    english = client.get(tangier.url)
    assert sections(english)["events"] == (1, [FORUM])
    french = client.get(tangier_in["fr"].url)
    assert sections(french)["events"] == (1, [FORUM_FR])
    assert FORUM in unescape(english.content.decode())
    assert FORUM_FR in unescape(french.content.decode())
    # Done once: nothing left to propose for it.
    assert f'Event "{FORUM}"' not in match_cities()


def test_apply_adds_the_typed_cities_of_a_project_to_its_cities(
    client, matching_cities, matching_area
):
    tangier = matching_cities["tangier"]
    project = add_page(
        matching_area,
        ProjectPageFactory,
        title="MC2CM",
        participating_cities=[("city", "Tangier"), ("city", "Atlantis")],
    )
    translate_everywhere(project, {"fr": {"Tangier": "Tanger"}})
    held = add_page(
        matching_area, ProjectPageFactory, title="Held", participating_cities=[("city", "Tanger")]
    )
    held.cities = [tangier]
    publish(held)

    output = match_cities()
    assert 'Project "Held"' not in output  # Tangier is among its cities already
    found = [proposed for subject, _typed, proposed in proposals(output) if "MC2CM" in subject]
    assert sorted(found) == ["Tangier (same name)", "no city page found"]

    match_cities("--apply")
    for version in ProjectPage.objects.filter(translation_key=project.translation_key):
        assert [city.translation_key for city in version.cities.all()] == [tangier.translation_key]
        assert version.cities.get().locale_id == version.locale_id
    assert "MC2CM" in unescape(client.get(tangier.url).content.decode())
    assert "Tangier (same name)" not in match_cities()


# Moderation -------------------------------------------------------------------------------


def test_a_moderator_confirms_the_suggestion_and_the_city_page_lists_the_campaign(
    matching_cities, matching_campaigns, matching_moderator, matching_page_cache
):
    visitor = Client()
    tangier = matching_cities["tangier"]
    endorsed = add_page(matching_campaigns, CampaignPageFactory, title="Welcoming cities")
    pending = add_page(matching_campaigns, CampaignPageFactory, title="Pending campaign")
    private = add_page(matching_campaigns, CampaignPageFactory, title="Private campaign")
    endorsement = EndorsementFactory(
        campaign_key=endorsed.translation_key, city="Ville de Tanger", country="MA"
    )
    others = [
        EndorsementFactory(
            campaign_key=pending.translation_key,
            city="Tanger",
            country="MA",
            status=EndorsementStatus.PENDING,
        ),
        EndorsementFactory(
            campaign_key=private.translation_key, city="Tanger", country="MA", consent_public=False
        ),
    ]
    assert "campaigns" not in sections(visitor.get(tangier.url))
    assert visitor.get(tangier.url)["X-Cache"] == "HIT"

    listing = unescape(matching_moderator.get(LIST_URL).content.decode())
    assert "Suggested: Tangier" in listing

    ids = "&".join(f"id={e.pk}" for e in [endorsement, *others])
    confirm = unescape(matching_moderator.get(MATCH_URL + ids).content.decode())
    assert "Match these 3 endorsements" in confirm and "<strong>Tangier</strong>" in confirm
    response = matching_moderator.post(MATCH_URL + ids, follow=True)
    assert "3 endorsements matched to their city pages." in response.content.decode()
    assert set(Endorsement.objects.values_list("matched_city", flat=True)) == {tangier.pk}
    endorsement.refresh_from_db()
    assert endorsement.moderated_at is None and endorsement.status == EndorsementStatus.APPROVED

    page = visitor.get(tangier.url)
    assert sections(page)["campaigns"] == (1, ["Welcoming cities"])
    html = unescape(page.content.decode())
    assert "Welcoming cities" in html
    assert "Pending campaign" not in html and "Private campaign" not in html
    assert "Suggested: Tangier" not in unescape(matching_moderator.get(LIST_URL).content.decode())

    # A moderator clears it in the edit form: the campaign leaves the city page.
    edit = f"{LIST_URL}edit/{endorsement.pk}/"
    assert 'name="matched_city"' in matching_moderator.get(edit).content.decode()
    form = {
        "status": endorsement.status,
        "organisation": endorsement.organisation,
        "signatory_type": endorsement.signatory_type,
        "city": endorsement.city,
        "country": "MA",
        "matched_city": "",
        "consent_public": "on",
    }
    assert matching_moderator.post(edit, form).status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.matched_city_id is None
    assert "campaigns" not in sections(visitor.get(tangier.url))
    assert visitor.get(tangier.url)["X-Cache"] == "HIT"
    # And sets it again, to the French version: it counts the same.
    form["matched_city"] = matching_cities["tangier_in"]["fr"].pk
    assert matching_moderator.post(edit, form).status_code == 302
    assert sections(visitor.get(tangier.url))["campaigns"] == (1, ["Welcoming cities"])


def test_endorsements_without_a_suggestion_are_left_as_they_are(
    matching_cities, matching_campaigns, matching_moderator
):
    campaign = add_page(matching_campaigns, CampaignPageFactory)
    unknown = EndorsementFactory(campaign_key=campaign.translation_key, city="Atlantis")
    chosen = EndorsementFactory(
        campaign_key=campaign.translation_key,
        city="Tangier",
        country="MA",
        matched_city=matching_cities["valencia"],  # a moderator's choice is never replaced
    )
    response = matching_moderator.post(MATCH_URL + f"id={unknown.pk}&id={chosen.pk}", follow=True)
    assert "0 endorsements matched to their city pages." in response.content.decode()
    unknown.refresh_from_db()
    chosen.refresh_from_db()
    assert unknown.matched_city_id is None
    assert chosen.matched_city_id == matching_cities["valencia"].pk


def test_the_listing_shows_city_pages_and_suggestions_at_a_fixed_query_cost(
    matching_cities, matching_campaigns, matching_moderator
):
    campaign = add_page(matching_campaigns, CampaignPageFactory)

    def endorse(count):
        for n in range(count):
            EndorsementFactory(campaign_key=campaign.translation_key, city="Tanger", country="MA")
            EndorsementFactory(
                campaign_key=campaign.translation_key,
                city=f"Somewhere {n}",
                matched_city=matching_cities["valencia"],
            )
            EndorsementFactory(campaign_key=campaign.translation_key, city=f"Nowhere {n}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = matching_moderator.get(LIST_URL)
        assert response.status_code == 200
        return len(captured), unescape(response.content.decode())

    endorse(1)
    queries()  # what the admin keeps for the session
    few, html = queries()
    assert "Suggested: Tangier" in html and "Valencia" in html and "City page" in html
    endorse(10)
    many, html = queries()
    assert html.count("Suggested: Tangier") == 11
    assert len(re.findall(r"<td[^>]*>\s*Valencia\s*</td>", html)) == 11
    assert many == few
