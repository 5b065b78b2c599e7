"""The circuit breaker in front of Redis (caching.cache_breaker), on a fake clock and stub
clients; tests/caching/test_redis_down.py runs it against a hung and a refusing Redis."""

import logging
import socket

import pytest
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from caching import cache_breaker
from caching.cache_breaker import BreakerClient, CircuitBreaker, CircuitBreakerRedisCache, describe


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def breaker(clock):
    return CircuitBreaker("Redis at test", pause_seconds=30, clock=clock)


def breaker_logs(caplog):
    return [
        record.getMessage() for record in caplog.records if record.name == "caching.cache_breaker"
    ]


def test_a_closed_breaker_lets_every_call_through(breaker):
    for _ in range(5):
        assert breaker.allows_call()
        breaker.record_success()
    assert not breaker.is_open


def test_a_failure_skips_the_server_for_the_pause_logged_once(breaker, clock, caplog):
    caplog.set_level(logging.INFO, logger="caching.cache_breaker")
    breaker.record_failure(RedisTimeoutError("Timeout reading from socket"))
    # Other threads' calls that were already waiting fail too: still one opening.
    breaker.record_failure(RedisTimeoutError("Timeout reading from socket"))
    for _ in range(20):
        clock.now += 1
        assert not breaker.allows_call()
    assert breaker.skipped == 20
    assert breaker_logs(caplog) == [
        "Redis at test unreachable (TimeoutError: Timeout reading from socket): "
        "cache calls skip it for 30 s"
    ]


def test_after_the_pause_one_call_probes_and_its_success_closes(breaker, clock, caplog):
    caplog.set_level(logging.INFO, logger="caching.cache_breaker")
    breaker.record_failure(RedisConnectionError("refused"))
    assert not breaker.allows_call()
    clock.now += 30
    assert breaker.allows_call()  # the probe
    assert not breaker.allows_call()  # the others wait while it runs
    breaker.record_success()
    assert not breaker.is_open
    assert breaker.allows_call() and breaker.allows_call()
    assert breaker_logs(caplog)[-1] == "Redis at test answers again (2 cache calls skipped it)"


def test_a_failed_probe_opens_the_breaker_for_another_pause(breaker, clock, caplog):
    caplog.set_level(logging.INFO, logger="caching.cache_breaker")
    breaker.record_failure(RedisConnectionError("refused"))
    clock.now += 30
    assert breaker.allows_call()
    clock.now += 0.3
    breaker.record_failure(RedisTimeoutError("Timeout"))
    clock.now += 29
    assert not breaker.allows_call()
    clock.now += 1.3
    assert breaker.allows_call()
    assert len(breaker_logs(caplog)) == 2  # once per opening


def test_a_call_begun_before_the_failure_does_not_close_the_breaker(breaker):
    breaker.record_failure(RedisConnectionError("refused"))
    breaker.record_success()
    assert breaker.is_open and not breaker.allows_call()


class StubClient:
    """Stands for django-redis's DefaultClient."""

    def __init__(self, error=None):
        self.error = error
        self.calls = []
        self.closed = False

    def get(self, key, **kwargs):
        self.calls.append(("get", key))
        if isinstance(self.error, ConnectionInterrupted):
            raise self.error
        return "value"

    def touch(self, key, **kwargs):
        # Like DefaultClient.touch: Redis errors are not wrapped in ConnectionInterrupted.
        self.calls.append(("touch", key))
        raise self.error

    def close(self):
        self.closed = True


def interrupted_by(error):
    try:
        raise ConnectionInterrupted(connection=None) from error
    except ConnectionInterrupted as interrupted:
        return interrupted


def test_an_unreachable_redis_opens_the_breaker_and_later_calls_never_reach_the_client(breaker):
    stub = StubClient(interrupted_by(RedisTimeoutError("Timeout reading from socket")))
    client = BreakerClient(stub, breaker, log_ignored_errors=False)
    with pytest.raises(ConnectionInterrupted):
        client.get("a")
    for key in ("b", "c", "d"):
        with pytest.raises(ConnectionInterrupted) as skipped:
            client.get(key)
        assert isinstance(skipped.value.__cause__, cache_breaker.CacheSkipped)
    assert stub.calls == [("get", "a")]
    client.close()  # reaches no server: never skipped
    assert stub.closed


def test_an_error_reply_is_an_answer_not_an_outage(breaker):
    client = BreakerClient(StubClient(interrupted_by(ResponseError("OOM"))), breaker, False)
    with pytest.raises(ConnectionInterrupted):
        client.get("a")
    assert not breaker.is_open


def test_calls_django_redis_leaves_unwrapped_are_ignored_too(breaker):
    client = BreakerClient(StubClient(RedisConnectionError("refused")), breaker, False)
    with pytest.raises(ConnectionInterrupted):
        client.touch("a")
    assert breaker.is_open


def test_the_cache_skips_a_refusing_redis_after_its_first_failure(monkeypatch):
    monkeypatch.setattr(cache_breaker, "breakers", {})
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cache = CircuitBreakerRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"OPTIONS": {"IGNORE_EXCEPTIONS": True, "BREAKER_SECONDS": 30}},
    )
    assert cache.get("a", "missed") == "missed"
    assert cache.breaker.is_open and cache.breaker.skipped == 0
    assert cache.set("a", 1) is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.touch("a") is None  # plain django-redis raises here
    assert cache.incr("counter", ignore_key_check=True) is None
    assert cache.breaker.skipped == 4
    cache.close()


def test_breakers_are_per_redis_location_and_hide_passwords(monkeypatch):
    monkeypatch.setattr(cache_breaker, "breakers", {})
    first = cache_breaker.breaker_for("redis://:secret@cache.internal:6380/1", 30)
    assert cache_breaker.breaker_for("redis://:secret@cache.internal:6380/1", 30) is first
    assert cache_breaker.breaker_for("redis://cache.internal:6380/2", 30) is not first
    assert first.name == "Redis at cache.internal:6380/1"
    assert describe("unix:///run/redis.sock") == "Redis at /run/redis.sock"
