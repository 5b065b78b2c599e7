"""Generations: how everything cached learns that what it was built from has changed.

A `Generation` is a random token kept under a name in the shared `default` cache (Redis
when configured, so every app server reads the same one). What is cached is stored with,
or keyed by, the token it was built in; renewing the generation makes all of it stale at
once on every server, with no need to find and delete each entry (old entries expire by
themselves). The page cache, the shared page fragments and the pages' kept parts follow
the generations below (renewed by `caching.cache_purge`); the resource library's facet index
follows its own generation.

Generations are named, so a narrower one is one more name whose token a cache key or entry
holds next to the broad one, not another mechanism. Public pages use three kinds:
`page-content` (everything: the site-wide flush), `chrome` (the menu and the footer every
page shows) and one per page (`page_generation(pk)`: what that page shows changed, see
`caching.cache_purge`). `current_tokens()` reads several in one round trip to the cache and
`renew_generations()` renews several at once.

A renewal the cache does not take (Redis unreachable) is kept in the database
(`caching.pending_purges`) and done again the first time this process reads a token after
Redis answers again (the circuit breaker says when), before the token is used: a change
made during an outage, a page made private above all, never depends on a cache write.

`LocalMemo` keeps in one process the values last built or fetched, each with the token
it belongs to: reading one then costs only the (small) token from the shared cache, and
a cleared cache starts a new generation, which no copy matches.
"""

import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction

from caching import pending_purges
from caching.request_state import current_state


class Generation:
    def __init__(self, name):
        self.name = name
        self.key = f"generation:{name}"

    def __repr__(self):
        return f"<Generation {self.name}>"

    def current(self):
        """The current token, started if the cache has none; None when the cache is down."""
        token = cache.get(self.key)
        if token is not None and replay_pending():
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
        write_tokens([self.name])


# What public pages show: every page, the fragments shared between pages (site-wide flush).
page_content = Generation("page-content")
# The frame every page shows the same way: the main menu and the footer.
chrome = Generation("chrome")
# What views that are not pages (the search page) show of pages: renewed by any page change.
any_page = Generation("any-page")


def page_generation(page_id):
    """The name of the generation of what the page `page_id` shows."""
    return f"page:{page_id}"


def current_tokens(names):
    """{name: current token} of the generations `names`, in one round trip to the cache (two
    when one has never been started); None when the cache is down."""
    keys = {f"generation:{name}": name for name in names}
    found = cache.get_many(list(keys))
    if found and replay_pending():
        found = cache.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, uuid.uuid4().hex, timeout=None)
        found.update(cache.get_many(missing))
        if any(key not in found for key in missing):
            return None
    return {name: found[key] for key, name in keys.items()}


def renew_generations(names):
    """Renew every generation of `names`, now and again once the transaction commits (see
    `Generation.renew`), in one round trip each time."""
    names = sorted(set(names))
    if not names:
        return

    def start_new():
        write_tokens(names)

    start_new()
    transaction.on_commit(start_new)


def _breaker():
    """The shared cache's circuit breaker (`caching.cache_breaker`), None for a cache that
    cannot be out of reach (local memory)."""
    return getattr(cache, "breaker", None)


def write_tokens(names):
    """Give the generations `names` new tokens; if the cache does not take them, keep the
    names in the database until it does (`replay_pending`). Returns whether it took them."""
    breaker = _breaker()
    failed_before = breaker.failed_calls if breaker is not None else 0
    cache.set_many({f"generation:{name}": uuid.uuid4().hex for name in names}, timeout=None)
    # Another thread's failure meanwhile only costs a needless replay.
    if breaker is None or breaker.failed_calls == failed_before:
        return True
    pending_purges.record(names)
    return False


def replay_pending():
    """Once per return of the cache (and once per process): renew the generations whose
    renewal it did not take, before any token read from it is trusted. Returns whether it
    renewed any (the caller reads its tokens again)."""
    breaker = _breaker()
    if breaker is None or not breaker.replay_due or breaker.is_open:
        return False
    breaker.replay_due = False
    try:
        names, read_at = pending_purges.pending_since()
    except Exception:
        breaker.replay_due = True  # the database failed: try again on the next read
        raise
    if names and write_tokens(names):
        pending_purges.forget(names, read_at)
    return bool(names)


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

    def peek(self, key):
        """(token, value) kept for `key` whatever its token, else None: for values that carry
        the tokens they depend on."""
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, token, value):
        if token is None:
            return
        with self.lock:
            self.entries[key] = (token, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


# Facts only a site-wide flush changes (locales, sites, view restrictions, site settings:
# `caching.cache_purge.register_site_wide_model`), kept by each process while `page-content`
# holds: a page view then reads them without asking the database.
site_wide_values = LocalMemo(size=100)


def _page_content_token():
    """`page-content`'s token, read once per request that changes nothing: the one the page
    cache read before the view, else the first read (each `site_wide` value would otherwise
    cost a round trip to the cache)."""
    state = current_state()
    if state is None or not state.read_only:
        return page_content.current()
    if state.tokens and page_content.name in state.tokens:
        return state.tokens[page_content.name]
    return state.remember(f"generation:{page_content.name}", page_content.current)


def site_wide(name, build):
    """The value `build()` returns, kept in this process under `name` until the next
    site-wide flush. `build` must read only what a site-wide flush announces."""
    token = _page_content_token()
    kept = site_wide_values.get(name, token)
    if kept is None:
        kept = (build(),)  # a tuple: a value of None is kept too
        site_wide_values.put(name, token, kept)
    return kept[0]
