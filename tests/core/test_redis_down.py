"""Redis down: every page is still served (rendered, not cached), never a 500."""

import socket

import pytest
from django.core import mail
from django.core.cache import cache

from campaigns.models import Endorsement
from settings.base import caches_from_env

pytestmark = pytest.mark.django_db


def closed_loopback_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The production cache configuration (settings.base with REDIS_URL), Redis unreachable."""
    url = f"redis://127.0.0.1:{closed_loopback_port()}/0"
    settings.CACHES = caches_from_env({"REDIS_URL": url})
    settings.PAGE_CACHE_SECONDS = 600
    assert cache.get("anything") is None and not cache.set("anything", 1)


def test_pages_are_served_while_redis_is_down(client, redis_down, library, campaign):
    for url in ("/en/", "/ar/", library.url + "?kind=report", campaign.url, "/en/search/?q=city"):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["X-Cache"] == "BYPASS"
    assert client.get("/en/no-such-page/").status_code == 404


def test_a_campaign_can_be_signed_while_redis_is_down(client, redis_down, campaign):
    response = client.post(
        campaign.url,
        {
            "signatory_type": "local_government",
            "organisation": "City of Rosario",
            "city": "Rosario",
            "country": "AR",
            "contact_name": "Lucía",
            "contact_role": "Mayor",
            "email": "lucia@example.org",
            "consent_public": "on",
            "consent_privacy": "on",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert Endorsement.objects.filter(organisation="City of Rosario").exists()
    assert len(mail.outbox) == 1
