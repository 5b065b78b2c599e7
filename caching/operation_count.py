"""Counting cache round trips, as CaptureQueriesContext counts SQL queries: for the budget
tests (tests/caching/test_cache_budget.py) and the profiling script.

Every configured cache backend's public operations are counted while the context is open,
reads apart from writes. A call made inside another (Django's `get_or_set` calling `get`
then `add`, the base `get_many` looping over `get`, the circuit breaker delegating to
django-redis) counts once: one call of the code is one round trip on Redis, whose client
does each of these in one command or pipeline.
"""

import threading
from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.utils.module_loading import import_string

READS = ("get", "get_many", "has_key", "get_or_set")
WRITES = ("set", "set_many", "add", "delete", "delete_many", "incr", "decr", "touch", "clear")

_depth = threading.local()


class CacheOperations:
    """What one block of code asked of the caches: `reads`, `writes`, `total`, and `calls`
    [(operation, first key)] in order, to say which ones when a budget is exceeded."""

    def __init__(self):
        self.calls = []

    @property
    def reads(self):
        return sum(1 for operation, _key in self.calls if operation in READS)

    @property
    def writes(self):
        return sum(1 for operation, _key in self.calls if operation in WRITES)

    @property
    def total(self):
        return len(self.calls)

    def written_keys(self):
        """The first key of each write, in order."""
        return [key for operation, key in self.calls if operation in WRITES]

    def by_operation(self):
        return Counter(operation for operation, _key in self.calls)

    def __repr__(self):
        listed = ", ".join(f"{operation} {key}" for operation, key in self.calls)
        return f"<{self.reads} reads, {self.writes} writes: {listed}>"


def _first_key(args, kwargs):
    if not args:
        return ""
    first = args[0]
    if isinstance(first, dict):
        first = next(iter(first), "")
    elif isinstance(first, list | tuple | set):
        first = next(iter(first), "")
    return str(first)[:60]


def _counting(method, operation, log):
    def counted(self, *args, **kwargs):
        outermost = not getattr(_depth, "value", 0)
        if outermost:
            log.calls.append((operation, _first_key(args, kwargs)))
        _depth.value = getattr(_depth, "value", 0) + 1
        try:
            return method(self, *args, **kwargs)
        finally:
            _depth.value -= 1

    return counted


@contextmanager
def count_cache_operations():
    """Yields a CacheOperations filled while the block runs. Patches the classes of the
    backends in settings.CACHES (and their bases that define the operations), so every
    instance in every thread is counted; restored on exit."""
    log = CacheOperations()
    patched = {}
    classes = {import_string(config["BACKEND"]) for config in settings.CACHES.values()}
    for backend_class in classes:
        for klass in backend_class.__mro__:
            for operation in READS + WRITES:
                method = klass.__dict__.get(operation)
                if method is None or not callable(method):
                    continue
                patched[klass, operation] = method
    try:
        for (klass, operation), method in patched.items():
            setattr(klass, operation, _counting(method, operation, log))
        yield log
    finally:
        for (klass, operation), method in patched.items():
            setattr(klass, operation, method)
