"""Full-page cache: anonymous views cached per URL and language, purged on publishing, and
never a logged-in view, a form with errors, another visitor's CSRF token or a private link."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page, PageViewRestriction

from campaigns.factories import EndorsementFactory, endorsement_form_data
from campaigns.models import EndorsementStatus
from events.models import EventIndexPage
from home.factories import StandardPageFactory
from resources.factories import ResourcePageFactory
from resources.models import ResourceLibraryPage
from settings.base import frontend_cache_from_env
from taxonomy.factories import ThemeFactory
from tests.conftest import LANGUAGES, add_page, translation_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def test_anonymous_views_are_cached_per_url_and_language(client, about):
    first = client.get(about.url)
    again = client.get(about.url)
    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (again.status_code, again["X-Cache"]) == (200, "HIT")
    assert again.content == first.content

    french = translation_of(about, "fr")
    response = client.get(french.url)
    assert response["X-Cache"] == "MISS"
    assert french.title in unescape(response.content.decode())


def test_publishing_unpublishing_moving_and_deleting_purge_the_cache(client, about, home):
    client.get(about.url)
    about.title = "About the committee, revised"
    about.save_revision().publish()
    response = client.get(about.url)
    assert response["X-Cache"] == "MISS"
    assert "About the committee, revised" in unescape(response.content.decode())

    # The home page lists nothing of `about`, but the footer and menus might: all purged.
    client.get(home.url)
    old_url = about.url
    legal = add_page(home, StandardPageFactory, title="Legal notice", slug="legal-notice")
    about.move(legal, pos="last-child")
    about.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's automatic redirect, no longer the cached page
    assert (moved.status_code, moved["Location"]) == (301, about.url)
    assert client.get(about.url).status_code == 200

    about.unpublish()
    assert client.get(about.url).status_code == 404

    client.get(legal.url)
    Page.objects.get(pk=legal.pk).delete()
    assert client.get(legal.url).status_code == 404


def test_translations_are_purged_when_their_source_is_published(client, about):
    french = translation_of(about, "fr")
    client.get(french.url)
    french.title = "À propos, version revue"
    french.save_revision().publish()
    assert "À propos, version revue" in unescape(client.get(french.url).content.decode())


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, about):
    public = client.get(about.url)
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="committee"
    )
    response = client.get(about.url)
    assert response.content != public.content
    assert 'name="password"' in response.content.decode()


def test_a_snippet_change_shows_on_every_cached_page(client, about, home, footer):
    client.get(about.url)
    client.get(home.url)
    footer.text = "<p>Footer text revised today.</p>"
    footer.save()
    for page in (about, home):
        response = client.get(page.url)
        assert response["X-Cache"] == "MISS"
        assert "Footer text revised today." in response.content.decode()


def test_logged_in_views_are_never_cached_nor_served_from_the_cache(client, admin_client, about):
    anonymous = Client()
    anonymous.get(about.url)
    response = admin_client.get(about.url)
    assert response.get("X-Cache") is None
    # A view for an editor is not stored for the public either.
    cache.clear()
    admin_client.get(about.url)
    assert anonymous.get(about.url)["X-Cache"] == "MISS"


def test_the_language_redirect_of_the_root_is_never_cached(client):
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    spanish = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert french["Location"].startswith("/fr/")
    assert spanish["Location"].startswith("/es/")
    assert "X-Cache" not in french


def test_a_visitor_with_a_message_or_session_cookie_bypasses_the_cache(client, about):
    client.get(about.url)
    for cookie in ("messages", "sessionid"):
        visitor = Client()
        visitor.cookies[cookie] = "something"
        assert visitor.get(about.url).get("X-Cache") is None


def csrf_token_in(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def endorsement_data(token, organisation):
    return endorsement_form_data(
        csrfmiddlewaretoken=token,
        organisation=organisation,
        email=f"{organisation.replace(' ', '')}@example.org",
    )


def test_a_cached_form_carries_each_visitors_own_csrf_token(client, campaign, commit_at_once):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page, second_page = first.get(campaign.url), second.get(campaign.url)
    assert (first_page["X-Cache"], second_page["X-Cache"]) == ("MISS", "HIT")
    assert csrf_token_in(first_page) != csrf_token_in(second_page)
    assert "csrftoken" in second_page.cookies  # the cached page set the visitor's cookie

    # The visitor served from the cache can sign: the token matches their cookie.
    response = second.post(
        campaign.url, endorsement_data(csrf_token_in(second_page), "City of Tangier")
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_a_form_with_errors_is_never_cached(client, campaign):
    token = csrf_token_in(client.get(campaign.url))
    invalid = endorsement_data(token, "")
    response = client.post(campaign.url, invalid)
    assert response.status_code == 200 and 'class="error-summary"' in response.content.decode()
    assert 'class="error-summary"' not in Client().get(campaign.url).content.decode()


def test_an_approved_endorsement_is_counted_on_the_cached_campaign_page(client, campaign):
    before = client.get(campaign.url).content.decode()
    endorsement = EndorsementFactory(
        campaign_key=campaign.translation_key, status=EndorsementStatus.PENDING
    )
    assert client.get(campaign.url)["X-Cache"] == "HIT"  # a pending one shows nowhere
    moderator = get_user_model().objects.create_user("moderator", "m@example.org", "pw")
    endorsement.moderate(EndorsementStatus.APPROVED, moderator)
    after = client.get(campaign.url)
    assert after["X-Cache"] == "MISS"
    assert endorsement.organisation in unescape(after.content.decode())
    assert endorsement.organisation not in unescape(before)


def test_links_for_one_visitor_are_not_cached(client, campaign):
    response = client.get(campaign.url + "confirm/?token=not-a-token")
    assert response["X-Cache"] == "BYPASS"
    assert "private" in response["Cache-Control"]


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_publishing_purges_the_cdn_for_every_languages_url(settings, about):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "tests.caching.test_page_cache.RecordingBackend"}
    }
    RecordingBackend.purged.clear()
    about.save_revision().publish()
    purged = set(RecordingBackend.purged)
    for language in LANGUAGES:
        assert translation_of(about, language).full_url in purged
        assert translation_of(about.get_parent(), language).full_url in purged


def test_cdn_purge_is_configured_from_the_environment():
    assert frontend_cache_from_env({}) == {}
    cloudflare = frontend_cache_from_env(
        {
            "FRONTEND_CACHE_BACKEND": "cloudflare",
            "FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN": "token",
            "FRONTEND_CACHE_CLOUDFLARE_ZONEID": "zone",
        }
    )["default"]
    assert cloudflare["BACKEND"].endswith("CloudflareBackend")
    assert (cloudflare["BEARER_TOKEN"], cloudflare["ZONEID"]) == ("token", "zone")
    http = frontend_cache_from_env(
        {"FRONTEND_CACHE_BACKEND": "http", "FRONTEND_CACHE_HTTP_LOCATION": "http://varnish"}
    )
    assert http["default"]["LOCATION"] == "http://varnish"


def test_parameters_a_page_does_not_read_share_the_entry_of_its_bare_url(client, about):
    bare = client.get(about.url)
    tracked = client.get(about.url + "?utm_source=newsletter&fbclid=x1")
    assert (bare["X-Cache"], tracked["X-Cache"]) == ("MISS", "HIT")
    assert tracked.content == bare.content
    # Each new junk parameter finds the same entry: a scanner cannot fill the cache.
    for number in range(5):
        assert client.get(f"{about.url}?junk{number}={number}")["X-Cache"] == "HIT"


def test_a_listings_filters_are_cached_apart_and_in_any_order(client, library):
    assert client.get(library.url)["X-Cache"] == "MISS"
    filtered = client.get(library.url + "?kind=report&q=housing")
    assert filtered["X-Cache"] == "MISS"
    # Same filters, another order, a parameter the library does not read: the same entry.
    again = client.get(library.url + "?q=housing&utm_campaign=x&kind=report")
    assert again["X-Cache"] == "HIT"
    assert again.content == filtered.content
    # The library holds one page of results: page 1 is a page of its own, page 2 does not
    # exist (shown as the last page, never stored: tests below).
    assert client.get(library.url + "?page=1")["X-Cache"] == "MISS"


def test_a_missing_page_is_never_stored(client):
    for _attempt in range(2):
        missing = client.get("/en/no-such-page/")
        assert missing.status_code == 404
        assert missing["X-Cache"] == "BYPASS"


def test_a_redirect_is_not_stored(client, about):
    # CommonMiddleware answers 301 for any path without its slash: not worth an entry each.
    for _attempt in range(2):
        response = client.get(about.url.rstrip("/"))
        assert (response.status_code, response["X-Cache"]) == (301, "BYPASS")


def page_cache_entries():
    """The page cache's entries in the local-memory cache of the tests."""
    return [key for key in cache._cache if ":page-cache:" in key]


def test_junk_values_of_a_listings_parameters_are_served_but_never_stored(client, home):
    events = add_page(home, EventIndexPage, title="Events", slug="events")
    theme = ThemeFactory(name="Housing", slug="housing")
    assert client.get(events.url)["X-Cache"] == "MISS"
    before = len(page_cache_entries())
    for number in range(30):
        junk = client.get(f"{events.url}?theme=t{number:03d}x{number * 7919 % 1000}")
        assert (junk.status_code, junk["X-Cache"]) == (200, "BYPASS")
    for query in ("?page=2", "?page=0", "?page=01", "?page=x", "?theme=housing&theme=junk"):
        assert client.get(events.url + query)["X-Cache"] == "BYPASS", query
    assert len(page_cache_entries()) == before
    # A theme the listing offers is stored, and served from the cache next time.
    assert client.get(f"{events.url}?theme={theme.slug}")["X-Cache"] == "MISS"
    assert client.get(f"{events.url}?theme={theme.slug}")["X-Cache"] == "HIT"
    assert len(page_cache_entries()) > before


def test_library_searches_that_find_nothing_are_served_but_never_stored(client, home):
    library = add_page(home, ResourceLibraryPage, title="Library", slug="library")
    add_page(library, ResourcePageFactory, title="Housing toolkit", slug="toolkit")
    assert client.get(library.url)["X-Cache"] == "MISS"
    before = len(page_cache_entries())
    for number in range(20):
        junk = client.get(f"{library.url}?q=zq{number * 7919 % 100000}xv")
        assert (junk.status_code, junk["X-Cache"]) == (200, "BYPASS")
    assert len(page_cache_entries()) == before
    # A search that finds something is stored, and served from the cache next time.
    assert client.get(f"{library.url}?q=toolkit")["X-Cache"] == "MISS"
    assert client.get(f"{library.url}?q=toolkit")["X-Cache"] == "HIT"
    assert len(page_cache_entries()) > before
