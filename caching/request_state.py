"""What the page cache and the layers that build a page know of one request, in one place:
`request.page_cache`, a `PageCacheState`.

`caching.page_cache.PageCacheMiddleware` gives every request a fresh one first thing; a
request that never went through it (a test's RequestFactory, a view called directly) gets
one from `page_cache_state()` on first use. No layer sets an attribute of its own on the
request: what one layer tells another, or remembers for the rest of the request, goes here.
Code that has no request at hand (`caching.invalidation.site_wide`) reaches the state of the
request being served through `current_state()`, which the middleware sets for its duration.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_current = ContextVar("page_cache_state", default=None)


class PageCacheState:
    """One request's page-cache state.

    `tokens`: {generation: token} the page cache read before the view ran (the page's own
    generation swapped in once the page is known), reused by the fragments built while
    rendering; None when not read (the request is not cacheable) or when the response must
    not be stored (the cache is down, a page changed while it was routed).

    `query_parameters`: the query parameters the served Wagtail page reads (a tuple, maybe
    empty); None when no Wagtail page was served.

    `visibility`: how far the response may be cached (`caching.private.PRIVATE` or
    `PUBLIC_DOCUMENT`), None when nothing said so.

    `refused`: the page read a query it does not offer (`caching.page_cache.do_not_store`):
    served, never stored.

    `read_only`: the request changes nothing (GET or HEAD), so a generation's token read
    once holds for the rest of it (`caching.invalidation.site_wide`).

    `memos`: what the layers that build the page compute once per request (`remember`),
    under keys named after their layer: `chrome:<page id>` (`core.templatetags.core_tags`),
    `live-homes` (`core.i18n.live_homes`).
    """

    __slots__ = ("tokens", "query_parameters", "visibility", "refused", "read_only", "memos")

    def __init__(self, read_only=False):
        self.tokens = None
        self.read_only = read_only
        self.query_parameters = None
        self.visibility = None
        self.refused = False
        self.memos = {}

    def remember(self, key, build):
        """`build()`'s value, computed once per request (None included)."""
        if key not in self.memos:
            self.memos[key] = build()
        return self.memos[key]

    def __repr__(self):
        return (
            f"<PageCacheState tokens={self.tokens!r} query_parameters={self.query_parameters!r}"
            f" visibility={self.visibility!r} refused={self.refused!r}"
            f" memos={sorted(self.memos)!r}>"
        )


def page_cache_state(request):
    """`request.page_cache`, made on first use when the page cache middleware did not."""
    state = getattr(request, "page_cache", None)
    if state is None:
        state = request.page_cache = PageCacheState()
    return state


@contextmanager
def serving(state):
    """`state` is `current_state()` while the block serves its request."""
    reset = _current.set(state)
    try:
        yield state
    finally:
        _current.reset(reset)


def current_state():
    """The PageCacheState of the request being served, None outside a request."""
    return _current.get()
