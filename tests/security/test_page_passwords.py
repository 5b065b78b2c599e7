"""A password-protected page: its form is the site's (branded, in the visitor's language),
shows nothing of the page, and guessing its password is limited per address and per page
(in the database: with Redis down too), without locking out who knows the password."""

import socket

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from caching import cache_breaker
from home.factories import StandardPageFactory
from security.page_passwords import PasswordAttempt
from settings.base import caches_from_env
from tests.conftest import add_page, translated_standard_page, translation_of

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
    # Past the page's limit a new address's guess is refused, and so is anything more from
    # an address that already guessed wrong, its right password included.
    assert attempt(client, page, restriction, "guess", "192.0.2.98").status_code == 429
    assert attempt(client, page, restriction, "cities-2030", "192.0.2.98").status_code == 429
    assert attempt(client, page, restriction, "cities-2030", "192.0.2.1").status_code == 429
    # Whoever knows the password and has not guessed still gets in.
    response = attempt(client, page, restriction, "cities-2030", "192.0.2.99")
    assert (response.status_code, response["Location"]) == (302, page.url)


def test_one_clients_guesses_do_not_lock_out_who_knows_the_password(client, board_minutes):
    """The audit's case: 101 wrong passwords from one address used to make the page answer
    429 to everyone for an hour."""
    page, restriction = board_minutes
    statuses = [attempt(client, page, restriction, "guess").status_code for _ in range(101)]
    assert statuses[:10] == [200] * 10 and set(statuses[10:]) == {429}
    # The guesser stays refused, even with the right password.
    assert attempt(client, page, restriction, "cities-2030").status_code == 429
    for address in ("198.51.100.9", "2001:db8::1"):
        response = attempt(client, page, restriction, "cities-2030", address)
        assert (response.status_code, response["Location"]) == (302, page.url)
    # Refused attempts are not stored: a flood does not grow the table.
    assert PasswordAttempt.objects.count() == 12


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The production cache configuration (REDIS_URL), Redis unreachable."""
    monkeypatch.setattr(cache_breaker, "breakers", {})
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CACHES = caches_from_env({"REDIS_URL": f"redis://127.0.0.1:{port}/0"})
    assert not cache.set("anything", 1)


def test_the_limits_hold_while_redis_is_down(client, board_minutes, settings, redis_down):
    settings.PAGE_PASSWORD_PAGE_RATE_LIMIT = "15/h"
    page, restriction = board_minutes
    url = f"/fr/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"

    def attempt_in_french(password, address):
        return client.post(url, {"password": password, "return_url": page.url}, REMOTE_ADDR=address)

    for _ in range(10):
        assert attempt_in_french("guess", "203.0.113.5").status_code == 200
    refused = attempt_in_french("cities-2030", "203.0.113.5")
    assert refused.status_code == 429
    assert "Trop de tentatives" in refused.content.decode()
    for i in range(5):
        assert attempt_in_french("guess", f"192.0.2.{i}").status_code == 200
    assert attempt_in_french("guess", "192.0.2.99").status_code == 429  # the page's limit
    response = attempt_in_french("cities-2030", "198.51.100.9")
    assert (response.status_code, response["Location"]) == (302, page.url)


def test_the_password_form_shows_nothing_of_the_page(client, home):
    names = {
        "en": ("Board minutes of March", "board-minutes"),
        "fr": ("Procès-verbal du bureau", "proces-verbal"),
        "es": ("Acta de la mesa", "acta-mesa"),
        "ar": ("محضر المكتب", "mahdar"),
    }
    page = translated_standard_page(
        home,
        names,
        seo_title="Confidential board decisions",
        listing_summary="The board decided to close the Lyon office.",
        search_description="Minutes kept for board members only.",
    )
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="cities-2030"
    )
    for url in (page.url, page.url + "?theme=x"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200 and "You need a password" in html
        secrets = [title for title, _slug in names.values()]
        secrets += [page.seo_title, page.listing_summary, page.search_description]
        secrets += [translation_of(page, code).url for code in ("fr", "es", "ar")]
        for secret in secrets:
            assert secret not in html, secret
        assert "og:title" not in html and "social-cards" not in html
        assert '<link rel="canonical"' not in html and 'rel="alternate" hreflang' not in html
        # Nor an empty button (the page header's action, had the form's action_url leaked in).
        assert '<a class="button"' not in html


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
