"""MDN HTTP Observatory scores (scripts/observatory.py, its rules for one response) under
production's HTTPS settings: public pages at least 130, the admin's sign-in page at least 100.
Each modifier is printed (`pytest -s`), so a lost point says where it went."""

import pytest

from events.factories import EventPageFactory
from events.models import EventIndexPage
from scripts.observatory import score, score_django_response
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_https(settings):
    """What settings.production adds over HTTPS (requests below are made with secure=True)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def observe(client, path):
    response = client.get(path, secure=True)
    assert response.status_code == 200, path
    result = score_django_response(response, f"https://testserver{path}")
    print(f"\n{path}\n{result.report()}")
    return result


@pytest.fixture
def event(home):
    events = add_page(home, EventIndexPage, title="Events", slug="events")
    return add_page(events, EventPageFactory, title="Housing forum", slug="housing-forum")


def test_public_pages_score_at_least_130(client, production_https, home, event, campaign):
    for path in ("/en/", event.url, campaign.url):
        result = observe(client, path)
        assert result.total >= 130, (path, result.report())
        outcomes = {r.test: r.outcome for r in result.results}
        assert (
            outcomes["subresource-integrity"] == "sri-implemented-and-all-scripts-loaded-securely"
        )
        assert outcomes["cross-origin-resource-policy"] == "corp-implemented-with-same-origin"
    # The campaign's form sets the CSRF cookie: Secure and SameSite, so cookies earn theirs.
    assert outcomes["cookies"] == "cookies-secure-with-httponly-sessions-and-samesite"


def test_the_admin_sign_in_page_scores_at_least_100(client, production_https):
    result = observe(client, "/admin/login/")
    assert result.total >= 100, result.report()
    outcomes = {r.test: r.outcome for r in result.results}
    assert outcomes["content-security-policy"] == "csp-implemented-with-no-unsafe"
    assert outcomes["cookies"] == "cookies-secure-with-httponly-sessions-and-samesite"


def test_the_scorer_gives_no_bonus_under_90_as_the_observatory():
    """An inline-script policy (-20) leaves 80: the bonuses it would earn do not count."""
    headers = [
        ("Content-Type", "text/html"),
        ("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"),
        ("Referrer-Policy", "no-referrer"),
        ("Strict-Transport-Security", "max-age=31536000"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    result = score(headers, "<p>hi</p>", url="https://example.org/")
    assert result.total == 80
    assert result.grade == "B+"
    # The same headers without 'unsafe-inline': 100 + 5 (CSP) + 5 + 5 + 10 = 125.
    headers[1] = ("Content-Security-Policy", "default-src 'self'")
    assert score(headers, "<p>hi</p>", url="https://example.org/").total == 125
    # No HTTPS: HSTS cannot count (-20); a session cookie without Secure or HttpOnly (-40).
    plain = score([*headers, ("Set-Cookie", "sessionid=x; Path=/")], "", url="http://example.org/")
    outcomes = {r.test: r.outcome for r in plain.results}
    assert outcomes["strict-transport-security"] == "hsts-not-implemented-no-https"
    assert outcomes["cookies"] == "cookies-session-without-secure-flag"
