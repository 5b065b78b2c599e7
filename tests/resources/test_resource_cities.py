"""The cities a resource is about: a City facet in the library (options in the visitor's
language, counted, filtering through the city's translation key) and a Cities line on the
resource's page linking to each city's page in that language."""

import re
from html import unescape

import pytest

from cities.factories import CityPageFactory
from cities.models import CityIndexPage
from resources.factories import ResourceLibraryPageFactory, add_resource
from tests.conftest import add_page, translate_everywhere

pytestmark = pytest.mark.django_db

CITY_NAMES = {"fr": {"Tangier": "Tanger", "tangier": "tanger"}}
LIBRARY_NAMES = {"fr": {"Resources": "Ressources", "resources": "ressources"}}


def html_of(response):
    assert response.status_code == 200
    return unescape(response.content.decode())


def titles(html):
    return re.findall(r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def tangier_library(home):
    cities = add_page(home, CityIndexPage, title="Cities", slug="cities")
    translate_everywhere(cities, {"fr": {"Cities": "Villes", "cities": "villes"}})
    tangier = CityPageFactory(parent=cities, title="Tangier", slug="tangier")
    tangier.save_revision().publish()
    cities_in = translate_everywhere(tangier, CITY_NAMES)
    library = ResourceLibraryPageFactory(parent=home, title="Resources", slug="resources")
    library.save_revision().publish()
    libraries = translate_everywhere(library, LIBRARY_NAMES)
    about = add_resource(library, ["en"], title="Welcoming newcomers in Tangier", cities=[])
    about.cities = [tangier]
    about.save_revision().publish()
    add_resource(library, ["en"], title="A guide with no city")
    resources = translate_everywhere(about)
    return libraries, resources, cities_in


def test_the_library_offers_each_city_in_the_visitors_language(client, tangier_library):
    libraries, _resources, _cities = tangier_library

    html = html_of(client.get(libraries["fr"].url))

    select = re.search(r'<select name="city"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select) == [
        ("tanger", "Tanger (1)")
    ]
    assert re.search(r'<label for="id_city">Ville</label>', html)


def test_choosing_a_city_lists_what_is_about_it(client, tangier_library):
    libraries, _resources, _cities = tangier_library

    english = html_of(client.get(libraries["en"].url + "?city=tangier"))

    assert titles(english) == ["Welcoming newcomers in Tangier"]
    assert len(titles(html_of(client.get(libraries["en"].url)))) == 2


def test_a_resource_page_lists_its_cities_in_its_language(client, tangier_library):
    _libraries, resources, cities = tangier_library

    html = html_of(client.get(resources["fr"].url))

    line = re.search(r"<dt>Villes</dt><dd>(.*?)</dd>", html).group(1)
    assert line == f'<a href="{cities["fr"].url}">Tanger</a>'


def test_a_preview_lists_the_cities_chosen_in_the_editor(tangier_library):
    """The preview panel renders an unsaved copy, whose relation is held in memory."""
    from resources.models import ResourcePage

    _libraries, resources, cities = tangier_library
    unsaved = ResourcePage(title="Draft", locale_id=resources["en"].locale_id)
    unsaved.cities = [cities["en"]]

    assert unsaved.city_links(None) == [("Tangier", cities["en"].url)]
