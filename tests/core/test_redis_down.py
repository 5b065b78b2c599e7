"""Redis down: every page is still served (rendered, not cached), never a 500."""

import socket
import threading
import time

import pytest
from django.core import mail
from django.core.cache import cache

from campaigns.models import Endorsement
from core import cache_breaker
from settings.base import caches_from_env
from tests.conftest import one_page_of_each_type

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


def test_a_campaign_can_be_signed_while_redis_is_down(client, redis_down, campaign, commit_at_once):
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


class HungRedis:
    """A listener on 127.0.0.1 that accepts connections and never answers: a hung Redis.
    `connections` counts the calls that reached it, each of which waited for a timeout."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.05)  # the accept loop checks `stopping` this often
        self.url = f"redis://127.0.0.1:{self.server.getsockname()[1]}/0"
        self.accepted = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.accept_forever, daemon=True)
        self.thread.start()

    def accept_forever(self):
        while not self.stopping.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            self.accepted.append(connection)

    @property
    def connections(self):
        return len(self.accepted)

    def close(self):
        self.stopping.set()
        self.thread.join(timeout=5)
        self.server.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def redis_hung(settings, monkeypatch):
    """The production cache configuration pointed at a Redis that never answers."""
    monkeypatch.setattr(cache_breaker, "breakers", {})  # no breaker left open by other tests
    listener = HungRedis()
    settings.CACHES = caches_from_env(
        {
            "REDIS_URL": listener.url,
            "REDIS_CONNECT_TIMEOUT": "0.2",
            "REDIS_TIMEOUT": "0.2",
            # Longer than any test: a slow machine does not see a pause end by itself.
            "REDIS_BREAKER_SECONDS": "3600",
        }
    )
    settings.PAGE_CACHE_SECONDS = 600
    yield listener
    listener.close()


def test_a_hung_redis_costs_one_timeout_not_one_per_cache_call(client, site_tree, redis_hung):
    """Pages of every type, in every language: only the first cache call waits for Redis;
    the others skip it (a timed-out call costs REDIS_TIMEOUT, 16-21 of them a page)."""
    urls = [url for _, url in one_page_of_each_type()] + ["/en/search/?q=city"]
    seconds = {}
    for url in urls:
        started = time.monotonic()
        response = client.get(url)
        seconds[url] = time.monotonic() - started
        assert response.status_code == 200, url
        assert response["X-Cache"] == "BYPASS"
    assert client.get("/en/no-such-page/").status_code == 404
    slowest = max(seconds, key=seconds.get)
    print(
        f"{len(urls)} pages with Redis hung: {sum(seconds.values()):.2f} s in all, "
        f"the slowest {slowest} {seconds[slowest]:.2f} s"
    )
    assert redis_hung.connections == 1
    assert cache.breaker.is_open


def test_after_the_pause_one_request_tries_the_hung_redis_again(client, home, redis_hung):
    assert client.get("/en/").status_code == 200
    assert redis_hung.connections == 1
    pause = cache.breaker.pause_seconds
    cache.breaker.clock = lambda: time.monotonic() + pause  # the pause is over
    for url in ("/en/", "/fr/", "/es/", "/ar/"):
        assert client.get(url).status_code == 200
    assert redis_hung.connections == 2
    assert cache.breaker.is_open


def test_a_refusing_redis_is_skipped_after_its_first_failure(client, redis_down, campaign):
    assert cache.breaker.is_open
    skipped = cache.breaker.skipped
    assert client.get(campaign.url).status_code == 200
    assert cache.breaker.skipped > skipped
