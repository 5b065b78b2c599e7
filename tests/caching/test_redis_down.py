"""Redis down: every page is still served (rendered, not cached), never a 500; a change made
meanwhile (a page made private) reaches every cached copy once Redis is back."""

import os
import socket
import threading
import time
import uuid

import pytest
import redis
from django.core import mail
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from caching import cache_breaker
from caching.pending_purges import PendingPurge
from campaigns.models import Endorsement
from graphics import social_cards
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


REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def real_redis(settings, monkeypatch):
    """The production cache configuration on a real Redis, under a key prefix of its own
    (deleted afterwards); its breaker is this test's."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        message = f"no Redis at {REDIS_URL}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: .ci/run starts Redis, this test must run)")
        pytest.skip(message)
    monkeypatch.setattr(cache_breaker, "breakers", {})
    settings.CACHES = caches_from_env(
        {
            "REDIS_URL": REDIS_URL,
            "CACHE_KEY_PREFIX": f"test-outage-{uuid.uuid4().hex[:10]}",
            "REDIS_BREAKER_SECONDS": "3600",  # the test says when Redis is back
        }
    )
    settings.PAGE_CACHE_SECONDS = 600
    yield
    cache.delete_pattern("*")


def test_a_page_made_private_while_redis_is_down_is_hidden_everywhere_once_it_is_back(
    client, real_redis, library, commit_at_once
):
    report = library.get_children().get().specific
    card_url = social_cards.card_path(report.pk, report.title, "en")
    search_url = "/en/search/?q=housing"

    def shown():
        """Where the report shows to an anonymous visitor; never a 5xx."""
        responses = {
            "page": client.get(report.url),
            "card": client.get(card_url),
            "search": client.get(search_url),
            "library": client.get(library.url),
        }
        assert all(response.status_code < 500 for response in responses.values())
        return {
            "page": report.title in responses["page"].content.decode(),
            "card": responses["card"].status_code == 200,
            "search": report.title in responses["search"].content.decode(),
            "library": report.title in responses["library"].content.decode(),
        }

    everywhere = {"page": True, "card": True, "search": True, "library": True}
    nowhere = dict.fromkeys(everywhere, False)
    assert shown() == everywhere
    assert shown() == everywhere
    assert client.get(report.url)["X-Cache"] == "HIT"
    assert client.get(library.url)["X-Cache"] == "HIT"

    # Redis goes out of reach (as after a refused call): the breaker skips it.
    cache.breaker.record_failure(redis.exceptions.ConnectionError("Redis is down"))
    PageViewRestriction.objects.create(
        page=report, restriction_type=PageViewRestriction.PASSWORD, password="cities-2030"
    )
    assert PendingPurge.objects.filter(name="page-content").exists()
    assert shown() == nowhere
    assert "You need a password" in client.get(report.url).content.decode()

    # Redis answers again: the purge it missed is made before anything cached is trusted.
    pause = cache.breaker.pause_seconds
    cache.breaker.clock = lambda: time.monotonic() + 2 * pause
    assert shown() == nowhere
    assert not cache.breaker.is_open
    assert not PendingPurge.objects.exists()
    assert "You need a password" in client.get(report.url).content.decode()


def test_a_page_unpublished_while_redis_is_down_is_gone_once_it_is_back(
    client, real_redis, library, commit_at_once
):
    report = library.get_children().get().specific
    for _ in range(2):
        assert report.title in client.get(library.url).content.decode()
        assert client.get(report.url).status_code == 200
    assert client.get(report.url)["X-Cache"] == "HIT"

    cache.breaker.record_failure(redis.exceptions.ConnectionError("Redis is down"))
    report.unpublish()
    assert PendingPurge.objects.filter(name=f"page:{report.pk}").exists()
    assert client.get(report.url).status_code == 404

    pause = cache.breaker.pause_seconds
    cache.breaker.clock = lambda: time.monotonic() + 2 * pause
    assert client.get(report.url).status_code == 404
    assert report.title not in client.get(library.url).content.decode()
    assert not PendingPurge.objects.exists()
