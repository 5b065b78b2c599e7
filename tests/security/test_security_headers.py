"""Security headers on every public page type in every language, and the admin's own policy."""

import re

import pytest
from wagtail.models import Page

from events.models import EventIndexPage
from tests.conftest import (
    LANGUAGES,
    add_page,
    one_page_of_each_type,
    tagged_strings,
    translate_everywhere,
)

pytestmark = pytest.mark.django_db


def policy(response, header="Content-Security-Policy"):
    """The policy as {directive: [sources]}."""
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_public_headers(response):
    csp = policy(response)
    for directive in ("script-src", "style-src"):
        assert csp[directive] == ["'self'"], (directive, csp[directive])
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_every_page_type_in_every_language_sends_the_strict_policy(client, site_tree):
    pages = one_page_of_each_type()
    assert {language for language, _ in pages} == set(LANGUAGES)
    assert len(pages) == 4 * len(site_tree)  # home, standard, work areas, events, campaigns…
    for _, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_headers(response)
        html = response.content.decode()
        # What the strict policy would block: inline scripts, <style> blocks, style="".
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "<style" not in html and " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url


@pytest.fixture
def events_feed(home):
    """An events index in every language, for its feed: /es/events-es/feed/."""
    events = add_page(home, EventIndexPage, title="Events", slug="events")
    translate_everywhere(events, tagged_strings(events))


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/en/search/?q=housing", 200),
        ("/fr/no-such-page/", 404),
        ("/es/events-es/feed/", 200),
        ("/sitemap.xml", 200),
    ],
)
def test_search_errors_and_feeds_send_it_too(client, events_feed, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert_public_headers(response)


def test_the_admin_has_its_own_same_origin_policy_and_still_works(admin_client):
    response = admin_client.get("/admin/pages/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'self'"]  # the page preview is framed by the editor
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert all(source.startswith("'") or source.endswith(":") for source in csp["script-src"])


def test_the_editor_can_frame_the_preview_of_each_page_type(admin_client, site_tree):
    """The preview panel frames the page: Wagtail renders it for a request made for the
    page's own URL, which must still carry a policy that lets the admin frame it. ("View
    draft" renders the same way as the panel, without the editor's form data.)"""
    english = {}
    for page in Page.objects.live().filter(depth__gt=1, locale__language_code="en"):
        english.setdefault(page.content_type_id, page)
    assert len(english) == len(site_tree)
    for page in (page.specific for page in english.values()):
        response = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
        assert response.status_code == 200, type(page).__name__
        assert page.title in response.content.decode()
        csp = policy(response)
        assert csp["frame-ancestors"] == ["'self'"], type(page).__name__
        assert csp["script-src"] == ["'self'"]  # the page's own strict policy otherwise
        assert response["X-Frame-Options"] == "SAMEORIGIN"


def assert_strict_sign_in_policy(response):
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline': an injected script is refused
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    html = response.content.decode()
    # What the policy would block: only Wagtail's JSON configuration is inline, and is data.
    for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html):
        assert 'type="application/json"' in tag, tag
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


def test_the_sign_in_and_two_factor_pages_keep_a_strict_policy(client, django_user_model):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from security.two_factor import new_backup_codes

    assert_strict_sign_in_policy(client.get("/admin/login/"))
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
    assert_strict_sign_in_policy(client.get("/admin/two-factor/enrol/"))
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = new_backup_codes(user)
    assert_strict_sign_in_policy(client.get("/admin/two-factor/verify/"))
    client.post("/admin/two-factor/verify/", {"token": codes[0]})
    assert_strict_sign_in_policy(client.get("/admin/two-factor/backup-codes/"))
    # The editor keeps its own policy, inline scripts and all (Wagtail 8 writes them).
    editor = policy(client.get("/admin/pages/"))
    assert "'unsafe-inline'" in editor["script-src"]
