"""Site search: every public page type, only in the visitor's language, excerpts, bad input."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def results(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    return html, re.findall(r'<h3 class="result__title"><a href="([^"]+)">', html)


def test_finds_a_sentence_inside_a_closed_action_plan_panel_in_its_own_language(client):
    # A sentence of panel 1 (closed on the page); "ICPMD" is the French source's spelling.
    html, urls = results(client, "fr", "mis en œuvre par le ICPMD")
    assert "/fr/domaines-de-travail/migrations-et-diversite/plan-action-migration/" in urls
    assert "<mark>ICPMD</mark>" in html
    assert "Plan d’action" in html or "Plan d'action" in html  # labelled with its type
    _, english = results(client, "en", "mis en œuvre par le ICPMD")
    assert english == []


def test_finds_a_campaign_and_a_resource_only_in_their_language(client):
    _, urls = results(client, "en", "welcoming right to the city")
    assert "/en/campaigns/welcoming-cities/" in urls
    assert not any(url.startswith(("/fr/", "/es/", "/ar/")) for url in urls)
    _, urls = results(client, "es", "escolarización")
    assert "/es/recursos/nota-menores-no-acompanados/" in urls
    _, urls = results(client, "en", "escolarización")
    assert urls == []


def test_event_and_standard_pages_are_searched_too(client):
    _, urls = results(client, "ar", "طنجة")
    assert any("/ar/events/" in url for url in urls)
    _, urls = results(client, "fr", "secrétariat")
    assert "/fr/mentions-legales/" in urls or "/fr/confidentialite/" in urls


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
    assert '<form class="site-search" method="get" action="/es/search/" role="search">' in html
    assert "Buscar en este sitio" in html


def test_results_are_paginated(client):
    response = client.get("/en/search/", {"q": "the", "page": "99999"})
    assert response.status_code == 200


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
