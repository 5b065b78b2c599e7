"""What the page cache knows of a request lives in one object, `request.page_cache`
(caching.request_state), never in attributes each layer sets on the request; and the one
attribute of Wagtail's the routing sets (`_wagtail_route_for_request`) is still the one
Wagtail's serve view reads."""

import inspect
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.test import RequestFactory
from wagtail import views as wagtail_views
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from caching import private, routing
from caching.invalidation import chrome, page_content, page_generation
from caching.request_state import PageCacheState, page_cache_state
from home.factories import StandardPageFactory
from tests.conftest import add_page

pytestmark = pytest.mark.django_db

# What the layers of the page cache used to set on the request, each its own way.
AD_HOC_ATTRIBUTES = (
    "generation_tokens",
    "cache_query_parameters",
    "cache_visibility",
    "page_cache_refused",
    "_chrome",
    "_live_homes",
)


def assert_no_ad_hoc_attributes(request):
    assert not [name for name in AD_HOC_ATTRIBUTES if hasattr(request, name)]
    # Nothing else of the cache's either: the one attribute is `page_cache` (Django and
    # Wagtail keep their own: `_cached_user`, `_wagtail_cached_site_root_paths`).
    cache_attributes = {
        name
        for name in vars(request)
        if "cache" in name and name != "_cached_user" and not name.startswith("_wagtail")
    }
    assert cache_attributes == {"page_cache"}


@pytest.mark.usefixtures("page_cache")
def test_an_anonymous_page_view_keeps_the_cache_state_in_request_page_cache(client, about):
    response = client.get(about.url + "?utm_source=newsletter")
    assert (response.status_code, response["X-Cache"]) == (200, "MISS")
    request = response.wsgi_request
    assert_no_ad_hoc_attributes(request)
    state = request.page_cache
    assert isinstance(state, PageCacheState)
    # The tokens the entry was stored with: the page's own generation instead of `any-page`.
    assert set(state.tokens) == {page_content.name, chrome.name, page_generation(about.pk)}
    assert state.query_parameters == ()  # a standard page reads no parameter
    assert not request.GET  # so it never saw utm_source
    assert (state.visibility, state.refused) == (None, False)
    # The per-request memos of the frame: the live home pages and this page's chrome.
    assert {"live-homes", f"chrome:{about.pk}"} <= set(state.memos)
    assert state.memos["live-homes"]["en"].pk == about.get_parent().pk


@pytest.mark.usefixtures("page_cache")
def test_a_listing_that_refuses_to_be_stored_says_so_in_the_state(client, library):
    response = client.get(library.url + "?page=99&utm_campaign=x")
    assert (response.status_code, response["X-Cache"]) == (200, "BYPASS")
    request = response.wsgi_request
    assert_no_ad_hoc_attributes(request)
    assert request.page_cache.refused
    assert "page" in request.page_cache.query_parameters
    assert "utm_campaign" not in request.GET


def test_a_documents_privacy_mark_is_in_the_state(client):
    document = get_document_model()(
        title="Annual report", collection=Collection.get_first_root_node()
    )
    document.file.save("annual-report.pdf", ContentFile(b"%PDF-1.4\nreport"), save=True)
    response = client.get(document.url)
    assert response.status_code == 200
    request = response.wsgi_request
    assert_no_ad_hoc_attributes(request)
    assert request.page_cache.visibility == private.PUBLIC_DOCUMENT
    assert request.page_cache.query_parameters is None  # no Wagtail page served


def test_a_request_that_skipped_the_middleware_gets_its_state_on_first_use():
    request = RequestFactory().get("/en/")
    assert not hasattr(request, "page_cache")
    state = page_cache_state(request)
    assert request.page_cache is state
    assert page_cache_state(request) is state
    assert state.remember("key", lambda: None) is None
    assert state.remember("key", lambda: "built again") is None  # once per request


# Routing: caching.routing leaves its route in Wagtail's private
# `request._wagtail_route_for_request`, which `Page.route_for_request` reads before routing.
# These fail when a Wagtail release changes that contract.


def test_wagtails_serve_view_routes_through_page_route_for_request():
    assert "Page.route_for_request(request, path)" in inspect.getsource(wagtail_views.serve)
    source = inspect.getsource(Page.route_for_request)
    assert 'hasattr(request, "_wagtail_route_for_request")' in source
    assert "return request._wagtail_route_for_request" in source


def test_the_route_kept_by_caching_routing_is_the_one_wagtail_serves(
    home, django_assert_num_queries
):
    about = add_page(home, StandardPageFactory, title="About", slug="about")
    team = add_page(about, StandardPageFactory, title="Team", slug="team")
    request = RequestFactory().get(team.url)
    routing.route_from_home(request, home)
    with django_assert_num_queries(0):  # no second routing
        page, args, kwargs = Page.route_for_request(request, "about/team/")
    assert page.pk == team.pk

    missing = RequestFactory().get("/en/about/nobody/")
    routing.route_from_home(missing, home)
    with django_assert_num_queries(0):
        assert Page.route_for_request(missing, "about/nobody/") is None


@pytest.mark.parametrize("cached", [True, False], ids=["page cache on", "page cache off"])
def test_a_full_request_is_served_from_the_route_caching_routing_found(
    client, home, settings, cached
):
    settings.PAGE_CACHE_SECONDS = 600 if cached else 0
    about = add_page(home, StandardPageFactory, title="About", slug="about")
    team = add_page(about, StandardPageFactory, title="Team", slug="team")
    ours, served = [], []

    def our_route(*args):
        ours.append(original_route(*args))
        return ours[-1]

    def wagtails_route(request, path):
        served.append(original_route_for_request(request, path))
        return served[-1]

    original_route, original_route_for_request = routing.route, Page.route_for_request
    with (
        mock.patch.object(routing, "route", our_route),
        mock.patch.object(Page, "route_for_request", staticmethod(wagtails_route)),
    ):
        response = client.get(team.url)
    assert response.status_code == 200
    assert len(ours) == 1 and ours[0][0].pk == team.pk
    # The page cache's process_view and Wagtail's serve view: the same route, not a new one.
    assert served and all(route is ours[0] for route in served)
