"""The shared cache (Redis) behind a circuit breaker: a hung or dead Redis costs a page
milliseconds, not a timeout per cache call.

django-redis with IGNORE_EXCEPTIONS already turns a failed call into a miss (reads) or a
no-op (writes), but only after the call has waited out its connect or read timeout; a page
makes 16-21 cache calls (page cache, generations, shared fragments, the library's facet
index, rate limits), so a Redis that accepts connections and never answers made every
page wait seconds. `CircuitBreakerRedisCache` is django-redis's backend whose calls go
through a `CircuitBreaker`: the first call that cannot reach Redis opens it, and for the
next REDIS_BREAKER_SECONDS the process skips Redis at once (reads miss, writes are dropped,
as for any ignored failure); then one call probes Redis again and closes the breaker if it
answers, or opens it for another pause. Each opening is logged once (logger
`caching.cache_breaker`), not every skipped call.

A breaker is per process and per Redis location, shared by the threads of a worker: each
worker finds an outage out by itself, at the cost of one timeout.

Writes dropped meanwhile are not lost for good: the breaker counts failed calls
(`failed_calls`, which a writer of generations compares around its write) and says when
Redis answers again (`replay_due`), so `caching.invalidation` renews what it missed before
trusting a token.
"""

import functools
import logging
import threading
import time
from urllib.parse import urlsplit

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Redis did not answer (refused, reset, timed out); an error reply (ResponseError) is an
# answer: Redis is there.
UNREACHABLE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)

# The calls RedisCache forwards to its client, one per cache.* call (`client` is the client
# itself; close() reaches no server).
PUBLIC_NAMES = frozenset(name for name in vars(RedisCache) if not name.startswith("_"))
FORWARDED_CALLS = PUBLIC_NAMES - {"client", "close"}


class CacheSkipped(RedisConnectionError):
    """A call not made because the breaker is open (Redis failed a moment ago)."""


class CircuitBreaker:
    """Closed, calls go through; a call that finds the server unreachable opens it for
    `pause_seconds`, during which calls are skipped; once the pause is over, one call goes
    through (the probe) while the others keep skipping for another pause: the probe's
    success closes the breaker, its failure opens it again."""

    def __init__(self, name, pause_seconds, clock=time.monotonic):
        self.name = name
        self.pause_seconds = pause_seconds
        self.clock = clock
        self.lock = threading.Lock()
        self.retry_at = None  # None: closed
        self.probing = False
        self.skipped = 0  # calls skipped since it opened
        # Calls that did not reach the server or were refused by it, ever: a writer compares
        # it before and after its write to learn whether the write was dropped.
        self.failed_calls = 0
        # Renewals may have been dropped while the server was out of reach (or before this
        # process started): caching.invalidation replays them before trusting a token again.
        self.replay_due = True

    @property
    def is_open(self):
        return self.retry_at is not None

    def allows_call(self):
        if self.retry_at is None:  # closed, the usual case: no lock
            return True
        with self.lock:
            if self.retry_at is None:
                return True
            now = self.clock()
            if now < self.retry_at:
                self.skipped += 1
                return False
            self.retry_at = now + self.pause_seconds
            self.probing = True
            return True

    def record_success(self):
        """The server answered. Only a probe closes an open breaker: a call that was on its
        way before the breaker opened says nothing about now."""
        if not self.probing:
            return
        with self.lock:
            if not self.probing:
                return
            skipped, self.skipped = self.skipped, 0
            self.retry_at = None
            self.probing = False
            self.replay_due = True
        logger.warning("%s answers again (%d cache calls skipped it)", self.name, skipped)

    def record_failure(self, error):
        """The server could not be reached: skip it for a pause. Logged when it opens,
        again after each failed probe: at most once a pause."""
        with self.lock:
            opening = self.retry_at is None or self.probing
            self.retry_at = self.clock() + self.pause_seconds
            self.probing = False
        if opening:
            logger.error(
                "%s unreachable (%s: %s): cache calls skip it for %s s",
                self.name,
                type(error).__name__,
                error,
                self.pause_seconds,
            )


def describe(location):
    """'Redis at host:port/db' for each server of a django-redis LOCATION, without the
    password a URL may carry."""
    servers = location if isinstance(location, (list, tuple)) else location.split(",")
    addresses = []
    for server in servers:
        parts = urlsplit(server.strip())
        if parts.hostname:
            addresses.append(f"{parts.hostname}:{parts.port or 6379}{parts.path}")
        else:
            addresses.append(parts.path)
    return "Redis at " + ", ".join(addresses)


breakers = {}  # location -> CircuitBreaker, for this process
breakers_lock = threading.Lock()


def breaker_for(location, pause_seconds):
    """This process's breaker for a Redis location, shared by its threads and cache aliases."""
    key = str(location)
    with breakers_lock:
        if key not in breakers:
            breakers[key] = CircuitBreaker(describe(location), pause_seconds)
        return breakers[key]


class BreakerClient:
    """A django-redis client as RedisCache sees it, each call going through the breaker.

    A skipped or unreachable call raises ConnectionInterrupted, which RedisCache ignores
    (IGNORE_EXCEPTIONS) with the answer it gives for any failure: a miss, None, `{}`.
    """

    def __init__(self, client, breaker, log_ignored_errors):
        self.client = client
        self.breaker = breaker
        self.log_ignored_errors = log_ignored_errors

    def __getattr__(self, name):
        attribute = getattr(self.client, name)
        if name not in FORWARDED_CALLS:
            return attribute
        return functools.partial(self.call, attribute)

    def call(self, method, *args, **kwargs):
        if not self.breaker.allows_call():
            self.breaker.failed_calls += 1
            raise ConnectionInterrupted(connection=None) from CacheSkipped(self.breaker.name)
        try:
            result = method(*args, **kwargs)
        except ConnectionInterrupted as interrupted:
            self.breaker.failed_calls += 1
            self.record(interrupted.__cause__)
            raise
        except UNREACHABLE_ERRORS as error:
            # Calls django-redis does not wrap (ttl, expire, touch…) are ignored like the rest.
            self.breaker.failed_calls += 1
            self.breaker.record_failure(error)
            raise ConnectionInterrupted(connection=None) from error
        self.breaker.record_success()
        return result

    def record(self, error):
        if isinstance(error, UNREACHABLE_ERRORS):
            self.breaker.record_failure(error)
            return
        self.breaker.record_success()
        if self.log_ignored_errors:
            logger.error("Redis error ignored", exc_info=error)


class CircuitBreakerRedisCache(RedisCache):
    """django-redis's RedisCache; OPTIONS["BREAKER_SECONDS"] (default 30) is how long a
    process skips Redis after a call fails to reach it."""

    def __init__(self, server, params):
        super().__init__(server, params)
        pause_seconds = params.get("OPTIONS", {}).get("BREAKER_SECONDS", 30)
        self.breaker = breaker_for(server, pause_seconds)
        # The breaker logs an outage once; django-redis would log each call, skipped or not.
        self.log_ignored_errors = self._log_ignored_exceptions
        self._log_ignored_exceptions = False
        self._breaker_client = None

    @property
    def client(self):
        if self._breaker_client is None:
            self._breaker_client = BreakerClient(
                super().client, self.breaker, self.log_ignored_errors
            )
        return self._breaker_client
