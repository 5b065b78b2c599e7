"""The listings' one facet engine (core.facets): each listing declares its filters once, as a
django-filter FilterSet, and a facet added to that declaration is offered, counted with the
other filters kept, filtered on and read by the page cache, in every listing alike."""

import re
from html import unescape

import pytest
from django.utils.module_loading import import_string

from campaigns.models import CampaignIndexPage
from cities.factories import CityIndexPageFactory, CityPageFactory
from cities.listing import CityFilters, CityListing
from cities.models import CityIndexPage, CityPage
from core.facets import Facet, ListingFilters, TaxonomyFacet, found_values
from events.models import EventIndexPage
from resources.library import LibraryFilters, LibraryListing
from resources.models import ResourceLibraryPage, ResourcePage
from tests.cities import test_city_pages as city_tests
from tests.conftest import publish
from tests.resources import conftest as library_tests

pytestmark = pytest.mark.django_db

# The fixtures of the cities' and the library's tests.
cities_index, many_cities = city_tests.cities_index, city_tests.many_cities
library = library_tests.library


def select_options(html, name):
    """{value: label} of the form's <select name=name>."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', unescape(html), re.S)
    assert select, f"no {name} select"
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1)))


def listed_titles(response):
    return sorted(card.title for card in response.context["cards"])


@pytest.mark.parametrize(
    "model", [ResourceLibraryPage, CityIndexPage, EventIndexPage, CampaignIndexPage]
)
def test_every_filtered_listing_declares_its_filters_once_on_the_one_engine(model):
    """The declaration (a ListingFilters) is what the form shows and what the page cache
    keeps of the query string; no listing has a form or a facet list of its own."""
    listing = import_string(model.listing_class)
    declared = listing.filterset_class
    assert issubclass(declared, ListingFilters)
    assert model().cache_query_parameters == ("page", *declared.base_filters)
    module = import_string(model.listing_class.rsplit(".", 1)[0])
    assert not hasattr(module, "FACETS") and not hasattr(listing, "form_class")
    form_class = declared(None, CityPage.objects.none()).get_form_class()
    assert list(form_class.base_fields) == list(declared.base_filters)


def test_a_facet_declared_on_the_cities_is_offered_counted_and_filtered(
    client, many_cities, monkeypatch
):
    for slug, year in (("tangier", 2004), ("lyon", 2004), ("beirut", 2019)):
        city = many_cities[slug]
        city.member_since = year
        publish(city)

    class WithMembership(CityFilters):
        member_since = Facet(
            "member_since", label="Member since", choices=found_values(reverse=True), coerce=int
        )

    monkeypatch.setattr(CityListing, "filterset_class", WithMembership)
    index = many_cities["tangier"].get_parent()
    html = client.get(index.url).content.decode()
    assert select_options(html, "member_since") == {
        "": "All",
        "2019": "2019 (1)",
        "2004": "2004 (2)",
    }
    # Counted with the other chosen filters kept: housing's cities are Tangier and Lyon.
    html = client.get(index.url, {"theme": "housing"}).content.decode()
    assert select_options(html, "member_since") == {"": "All", "2004": "2004 (2)"}
    assert select_options(html, "theme")["housing"] == "Housing (2)"
    response = client.get(index.url, {"member_since": "2004", "region": "africa"})
    assert listed_titles(response) == ["Tangier"]
    html = response.content.decode()
    assert select_options(html, "region") == {
        "": "All",
        "africa": "Africa (1)",
        "europe": "Europe (1)",
    }
    # An invalid value is dropped, and the response is not stored by the page cache.
    assert listed_titles(client.get(index.url, {"member_since": "1066"})) == [
        "Beirut",
        "Casablanca",
        "Lyon",
        "Tangier",
    ]
    assert index.specific.cache_query_parameters[-1] == "member_since"


def test_a_facet_declared_on_the_library_is_indexed_counted_and_filtered(
    client, library, monkeypatch, settings
):
    """A many-valued facet (the cities a resource is about) added to the library's
    declaration: its index, its counts with the other facets and the text search kept, its
    filtering, all from the one declaration."""
    settings.PAGE_CACHE_SECONDS = 600
    cities = CityIndexPageFactory(parent=library.get_parent())
    tangier = publish(CityPageFactory(parent=cities, title="Tangier", slug="tangier"))
    for slug in ("mc2cm-profile-tangier", "peer-learning-housing-lessons", "newsletter-autumn"):
        resource = ResourcePage.objects.get(slug=slug)
        resource.cities = [tangier]
        publish(resource)

    class WithCities(LibraryFilters):
        city = TaxonomyFacet("cities", CityPage, label="City", label_attribute="title")

    monkeypatch.setattr(LibraryListing, "filterset_class", WithCities)
    html = client.get(library.url).content.decode()
    assert select_options(html, "city") == {"": "All", "tangier": "Tangier (3)"}
    html = client.get(library.url + "?q=housing&language=fr").content.decode()
    assert select_options(html, "city") == {"": "All", "tangier": "Tangier (1)"}
    response = client.get(library.url + "?city=tangier&kind=report")
    assert re.findall(r'class="result__title"><a [^>]+>([^<]+)<', response.content.decode()) == [
        "Peer learning on access to housing: lessons from MC2CM"
    ]
    assert response["X-Cache"] == "MISS"
    assert client.get(library.url + "?city=tangier&kind=report")["X-Cache"] == "HIT"
    # An invalid value is dropped, and the response is not stored by the page cache.
    junk = client.get(library.url + "?city=atlantis")
    assert junk.status_code == 200 and junk["X-Cache"] == "BYPASS"
    assert "city" in library.specific.cache_query_parameters


def test_counts_from_the_index_are_what_django_filter_lists(many_cities):
    """The engine counts in memory what the FilterSet filters in SQL, from the same paths."""
    from django.http import QueryDict
    from django.test import RequestFactory

    index_page = many_cities["tangier"].get_parent()
    for query in ("", "theme=housing", "country=MA", "region=africa&role=member"):
        request = RequestFactory().get("/", QueryDict(query))
        listing = CityListing(index_page, request)
        for facet in listing.filters.facet_options(listing.filters.index.everything):
            for value, _label, count in facet["options"]:
                data = QueryDict(query, mutable=True)
                data[facet["name"]] = value
                chosen = CityFilters(data, listing.get_queryset(), request=request)
                assert chosen.qs.count() == count, (query, facet["name"], value)


def test_each_request_reads_the_snippets_of_its_language_as_they_are_now(library):
    """A taxonomy's options are read per request, never kept on the declaration: a theme
    added between two requests is offered, counted and filtered on; the library's themes
    are English only, so a French visitor gets no option."""
    from django.test import RequestFactory
    from django.utils import translation

    from taxonomy.factories import ThemeFactory

    def listed(language, **query):
        with translation.override(language):
            listing = LibraryListing(library, RequestFactory().get("/", query))
            context = listing.get_context()
            theme = next(f for f in context["facets"] if f["name"] == "theme")
            options = {value: count for value, _label, count in theme["options"]}
            return options, [card.title for card in context["cards"]]

    assert listed("en")[0] == {
        "diversity-management": 1,
        "housing": 3,
        "local-citizenship": 2,
        "migrant-women": 1,
        "unaccompanied-minors": 1,
    }
    newsletter = ResourcePage.objects.get(slug="newsletter-autumn")
    newsletter.themes = [ThemeFactory(slug="news", name="News")]
    publish(newsletter)
    options, titles = listed("en", theme="news")
    assert options["news"] == 1 and titles == ["Committee newsletter: autumn"]
    assert listed("fr")[0] == {}  # its themes are English: no option for French visitors
