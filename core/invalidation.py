"""Generations: how everything cached learns that what it was built from has changed.

A `Generation` is a random token kept under a name in the shared `default` cache (Redis
when configured, so every app server reads the same one). What is cached is stored with,
or keyed by, the token it was built in; renewing the generation makes all of it stale at
once on every server, with no need to find and delete each entry (old entries expire by
themselves). The page cache and the shared page fragments follow `page_content` (renewed
by `core.cache_purge`); the resource library's facet index follows its own generation.

Generations are named, so a narrower one (per page, per model) is one more instance whose
token a cache key includes next to the broad one, not another mechanism.

`LocalMemo` keeps in one process the values last built or fetched, each with the token
it belongs to: reading one then costs only the (small) token from the shared cache, and
a cleared cache starts a new generation, which no copy matches.
"""

import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, name):
        self.name = name
        self.key = f"generation:{name}"

    def __repr__(self):
        return f"<Generation {self.name}>"

    def current(self):
        """The current token, started if the cache has none; None when the cache is down."""
        token = cache.get(self.key)
        if token is None:
            cache.add(self.key, uuid.uuid4().hex, timeout=None)
            token = cache.get(self.key)
        return token

    def renew(self, **signal_kwargs):
        """Make everything built in the current generation stale, for every server.

        Now, so the rest of this transaction sees it, and again once the transaction
        commits: a server rendering between the two would store old content under the new
        token. Ignores a signal's arguments, so it can be connected as a receiver.
        """
        self._start_new()
        transaction.on_commit(self._start_new)

    def _start_new(self):
        cache.set(self.key, uuid.uuid4().hex, timeout=None)


# What public pages show: every page, the fragments shared between pages.
page_content = Generation("page-content")


class LocalMemo:
    """This process's copies of the `size` values last used, each with its generation's
    token; a copy counts only while that token is current, so a renewal on any server
    reaches every server's next read. No token (the cache is down): nothing is kept."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()  # key -> (token, value)
        self.lock = threading.Lock()  # gunicorn's threaded workers share one

    def get(self, key, token):
        """The value kept for `key` in generation `token`, else None."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or token is None or entry[0] != token:
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def put(self, key, token, value):
        if token is None:
            return
        with self.lock:
            self.entries[key] = (token, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
