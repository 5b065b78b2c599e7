"""A password-protected page: its form is the site's (branded, in the visitor's language),
and guessing its password is limited per address and per page."""

import pytest
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_minutes(home):
    page = add_page(home, StandardPageFactory, title="Board minutes", slug="board-minutes")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="cities-2030"
    )
    return page, restriction


def attempt(client, page, restriction, password, address="203.0.113.5"):
    return client.post(
        f"/en/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=address,
    )


def test_the_password_form_is_the_sites_own_page(client, board_minutes):
    page, _ = board_minutes
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html and 'class="site-search"' in html  # the site's chrome
    assert "You need a password to access this page." in html
    assert '<meta name="robots" content="noindex">' in html


def test_ten_wrong_passwords_from_an_address_stop_its_guessing(client, board_minutes):
    page, restriction = board_minutes
    for _ in range(10):
        response = attempt(client, page, restriction, "guess")
        assert response.status_code == 200
    refused = attempt(client, page, restriction, "cities-2030")  # right, but too late
    assert refused.status_code == 429
    assert "Too many attempts to enter the password." in refused.content.decode()
    # Another address is not affected.
    response = attempt(client, page, restriction, "cities-2030", address="198.51.100.9")
    assert (response.status_code, response["Location"]) == (302, page.url)


def test_guesses_from_many_addresses_are_limited_per_page(client, board_minutes, settings):
    settings.PAGE_PASSWORD_PAGE_RATE_LIMIT = "5/h"
    page, restriction = board_minutes
    for i in range(5):
        assert attempt(client, page, restriction, "guess", f"192.0.2.{i}").status_code == 200
    refused = attempt(client, page, restriction, "cities-2030", "192.0.2.99")
    assert refused.status_code == 429


def test_the_limit_speaks_the_visitors_language(client, board_minutes, settings):
    settings.PAGE_PASSWORD_RATE_LIMIT = "1/h"
    page, restriction = board_minutes
    url = f"/fr/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    client.post(url, {"password": "x", "return_url": page.url})
    refused = client.post(url, {"password": "x", "return_url": page.url})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert '<html lang="fr"' in html
    assert "Trop de tentatives" in html
