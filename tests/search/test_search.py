"""Site search: every public page type, only in the visitor's language, excerpts, bad input."""

import re
from html import unescape

import pytest

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignIndexPage
from cities.factories import CityIndexPageFactory, CityPageFactory
from events.factories import EventPageFactory
from events.models import EventIndexPage
from home.factories import StandardPageFactory
from resources.factories import ResourcePageFactory
from resources.models import ResourceLibraryPage
from tests.conftest import add_page, search_url, translate_everywhere
from themes.factories import ActionPlanPageFactory, ThemePageFactory
from themes.models import ThemeIndexPage

pytestmark = pytest.mark.django_db


def results(client, language, query):
    response = client.get(search_url(language), {"q": query})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    return html, re.findall(r'<h3 class="result__title"><a href="([^"]+)">', html)


def test_finds_a_sentence_inside_a_closed_action_plan_panel_in_its_own_language(client, home):
    areas = add_page(home, ThemeIndexPage, title="Work areas", slug="work-areas")
    area = add_page(areas, ThemePageFactory, title="Migration", slug="migration")
    translate_everywhere(areas)
    french_area = translate_everywhere(area)["fr"]
    # A French source, as the committee's action plan is: the sentence is in panel 1's body.
    line = {
        "heading": "Apprentissage entre pairs",
        "anchor": "peer-learning",
        "summary": "Des échanges entre gouvernements locaux.",
        "body": [("paragraph", "<p>Le projet est mis en œuvre par le ICPMD avec CGLU.</p>")],
        "objectives": [],
        "themes": [],
    }
    plan = add_page(
        french_area,
        ActionPlanPageFactory,
        title="Migrations : agir ensemble",
        slug="plan-action",
        lines=[("line", line)],
    )
    sentence = "The project is implemented by ICMPD with UCLG."
    english_plan = translate_everywhere(
        plan, {"en": {"Le projet est mis en œuvre par le ICPMD avec CGLU.": sentence}}
    )["en"]
    html, urls = results(client, "fr", "mis en œuvre par le ICPMD")
    assert plan.url in urls
    assert "<mark>ICPMD</mark>" in html
    assert "Plan d’action" in html or "Plan d'action" in html  # labelled with its type
    _, english = results(client, "en", "mis en œuvre par le ICPMD")
    assert english == []
    _, english = results(client, "en", "implemented by ICMPD")
    assert english == [english_plan.url]
    # The panel's anchor is an address, not text: never in an excerpt, never a match.
    excerpts = re.findall(r'<p class="result__summary">(.*?)</p>', html, re.S)
    assert excerpts and not any("peer" in excerpt for excerpt in excerpts)
    assert results(client, "fr", "learning")[1] == []


def test_finds_a_campaign_and_a_resource_only_in_their_language(client, home):
    campaigns = add_page(home, CampaignIndexPage, title="Campaigns", slug="campaigns")
    translate_everywhere(campaigns)
    campaign = add_page(
        campaigns,
        CampaignPageFactory,
        title="Welcoming cities",
        slug="welcoming-cities",
        summary="Local governments for the right to the city of every inhabitant.",
    )
    # The translations keep the English summary: still only found in English.
    translate_everywhere(campaign)
    _, urls = results(client, "en", "welcoming right to the city")
    assert urls == [campaign.url]
    assert not any(url.startswith(("/fr/", "/es/", "/ar/")) for url in urls)

    library = add_page(home, ResourceLibraryPage, title="Library", slug="library")
    translate_everywhere(library)
    summary = "A note on unaccompanied minors."
    resource = add_page(library, ResourcePageFactory, title="Minors", summary=summary)
    spanish = translate_everywhere(
        resource, {"es": {summary: "Una nota sobre la escolarización de menores."}}
    )["es"]
    _, urls = results(client, "es", "escolarización")
    assert urls == [spanish.url]
    _, urls = results(client, "en", "escolarización")
    assert urls == []


def test_event_and_standard_pages_are_searched_too(client, home):
    events = add_page(home, EventIndexPage, title="Events", slug="events")
    translate_everywhere(events)
    event = add_page(events, EventPageFactory, title="Forum in Tangier")
    arabic = translate_everywhere(event, {"ar": {"Forum in Tangier": "منتدى في طنجة"}})["ar"]
    _, urls = results(client, "ar", "طنجة")
    assert urls == [arabic.url]
    assert arabic.url.startswith("/ar/events/")

    introduction = "This website is published by the secretariat."
    legal = add_page(
        home,
        StandardPageFactory,
        title="Legal notice",
        slug="legal-notice",
        introduction=introduction,
    )
    french = translate_everywhere(
        legal,
        {
            "fr": {
                "Legal notice": "Mentions légales",
                "legal-notice": "mentions-legales",
                introduction: "Ce site est publié par le secrétariat.",
            }
        },
    )["fr"]
    _, urls = results(client, "fr", "secrétariat")
    assert urls == ["/fr/mentions-legales/"] == [french.url]


def test_a_city_is_found_by_its_country_in_each_pages_own_language(client, home):
    """A city page's country is indexed in the language of each translation, whatever
    language was active when it was saved: here English, as in the demo's command (every
    language's city pages used to carry "morocco")."""
    cities = add_page(home, CityIndexPageFactory)
    translate_everywhere(cities)
    city = add_page(cities, CityPageFactory, title="Tangier", slug="tangier", country="MA")
    versions = translate_everywhere(
        city, {"fr": {"Tangier": "Tanger"}, "es": {"Tangier": "Tánger"}, "ar": {"Tangier": "طنجة"}}
    )
    assert results(client, "en", "morocco")[1] == [city.url]
    assert results(client, "fr", "maroc")[1] == [versions["fr"].url]
    assert results(client, "es", "marruecos")[1] == [versions["es"].url]
    assert results(client, "ar", "المغرب")[1] == [versions["ar"].url]
    for language in ("fr", "es", "ar"):
        assert results(client, language, "morocco")[1] == [], language


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\x00",
        "x" * 10000,
        "\x00" * 50,
        "' OR 1=1 --",
        '"unbalanced',
        "AND OR NOT",
        "*",
        "(",
        "é" * 300,
        "ب" * 5000,
    ],
)
def test_empty_or_absurd_queries_get_a_helpful_page(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "Search this site" in response.content.decode()


def test_every_page_has_a_search_box_in_its_language(client):
    html = client.get("/es/").content.decode()
    form = '<form class="site-search" id="site-search" method="get" action="/es/buscar/"'
    assert form + ' role="search">' in html
    assert "Buscar en este sitio" in html


def test_results_are_paginated(client):
    response = client.get("/en/search/", {"q": "the", "page": "99999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q" value="the"' in html  # the search box keeps the words
    assert '<h2 class="listing-count"' in html  # and the results' count is said


def test_postgresql_searches_use_an_index_on_what_wagtail_matches(client):
    """Wagtail's PostgreSQL backend matches `title || body`: without an index on that
    expression every search reads the whole search table."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite searches through its FTS5 table")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry'"
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("gin" in d and "(title || body)" in d for d in definitions), definitions


def test_excerpts_keep_fields_and_paragraphs_apart(client, home):
    add_page(
        home,
        StandardPageFactory,
        title="Housing",
        slug="housing",
        listing_summary="Rights at home",
        introduction="Housing first",
        body=[
            ("paragraph", "<p>Tenants <b>organise</b></p><p>Cities respond</p>"),
            ("paragraph", "<ul><li>Rents</li><li>Repairs</li></ul>"),
        ],
    )
    html, urls = results(client, "en", "tenants")
    assert urls == ["/en/housing/"]
    excerpt = re.search(r'<p class="result__summary">(.*?)</p>', html, re.S).group(1)
    assert " ".join(re.sub(r"</?mark>", "", excerpt).split()) == (
        "Rights at home · Housing first · Tenants organise Cities respond Rents Repairs"
    )
