"""Full-page cache for anonymous visitors, kept in the `default` cache (Redis when shared).

Keys hold the scheme, host, language, path and the query parameters the page reads. Each
entry holds the tokens of the generations (`caching.invalidation`) it was rendered in and
counts only while every one is current: `page-content` (the site-wide flush), `chrome`
(menu and footer) and the page's own (`page:<id>`), which `caching.cache_purge` renews when
something the page shows changes (the page, its translations, what it lists or links to,
its snippets, images and endorsements). Publishing one resource thus makes stale its page,
its translations, its library and the pages featuring it, and leaves every other page
cached. Views that are not pages (the search page without a query) follow `any-page`,
renewed by any page change. A hit reads the entry (from this process's memory when it
holds a copy, a `LocalMemo`) and then the entry's few tokens in one round trip to the
shared cache. Old entries expire by themselves (PAGE_CACHE_SECONDS).

What the cache knows of a request lives in `request.page_cache`
(`caching.request_state.PageCacheState`); the middleware makes it, the layers below read
and mark it. The page cache is entered once per request, by `PageCacheMiddleware`: its
`__call__` answers from the cache or stores the response, and its `process_view`, the one
moment the page to serve is known (routed, `caching.routing`) and not yet rendered, runs
`keep_read_parameters`. Listings only mark the state (`do_not_store`), fragments only read
its tokens (`caching.fragments`).

Query strings: a page type names the parameters it reads (`cache_query_parameters`; an
index page's listing form gives its own). Before the page is served, `keep_read_parameters`
drops every other one from `request.GET`, so `?utm_source=…` or a scanner's junk renders
the same page as the bare URL and shares its entry; the kept ones are sorted, so their order
makes no new entry either. The middleware learns which parameters a path reads the first
time the page is served (a small entry of its own, valid as the page's is); until then, and for
views that are not pages, a URL with a query string is served but not stored. A read
parameter with a value the page does not offer (a theme that does not exist, a page number
out of range: `do_not_store`) is served, as the page reads it, and not stored either: each
random value would be one more entry.

Stored: 200 responses only. A 404 is not (a scanner would fill the cache with them), nor a
redirect: CommonMiddleware answers 301 to any path without its slash, and redirects cost
no page rendering. Never cached either: requests that carry a session or messages cookie
(logged-in editors, visitors who unlocked a private page or have a message waiting),
anything but GET, paths without a language prefix (`/` redirects by Accept-Language; the
admin, documents), previews, responses that set a cookie or say
`Cache-Control: private/no-cache/no-store`, and responses that change the session.
Forms keep working: the CSRF token in a cached page is a placeholder, replaced on every
hit by the visitor's own token, whose cookie Django's CSRF middleware sets.

Every response, cached or not, goes through `caching.private.apply` on its way out: what only
one visitor may see says `Cache-Control: private, no-store` to the CDN and the browser.

`X-Cache: HIT`, `MISS` (stored now) or `BYPASS` (not cacheable) tells tests, the
benchmark and operators what happened.
"""

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path

from caching import fragments, private, routing
from caching.invalidation import (
    LocalMemo,
    any_page,
    chrome,
    current_tokens,
    page_content,
    page_generation,
)
from caching.request_state import PageCacheState, page_cache_state, serving

ENTRY_FORMAT = 4
CACHEABLE_STATUSES = {200}
CSRF_PLACEHOLDER = b"__page_cache_csrf_token__"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
# A scanner's endless query strings would fill the cache with junk: long ones are not cached.
MAX_CACHED_QUERY_LENGTH = 256
# django.contrib.messages.storage.cookie.CookieStorage.cookie_name (not a setting).
MESSAGE_COOKIE_NAME = "messages"


def read_query(query_dict, parameters):
    """The query string of `query_dict` with only `parameters`, names and values sorted and
    empty values dropped (a form reads an empty value as no value)."""
    pairs = [
        (name, value)
        for name in sorted(set(parameters) & set(query_dict))
        for value in sorted(query_dict.getlist(name))
        if value
    ]
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query.urlencode()


def keep_read_parameters(page, request):
    """Before a page is served: keep in `request.GET` only the parameters the page reads,
    and tell the page cache which they are and which page it is (its generation's token,
    read before rendering: a change during the rendering makes the entry stale)."""
    state = page_cache_state(request)
    parameters = tuple(getattr(page, "cache_query_parameters", ()))
    state.query_parameters = parameters
    # The one place `request.GET` is rewritten, on purpose: an entry is shared by every URL
    # that differs only in parameters the page does not read, so the page must not see them
    # (a pagination link or a form built from `request.GET` would carry one visitor's
    # `?utm_source=…` into every visitor's copy), and sees the kept ones in a fixed order.
    # Every view of a page, cached or not, sees the same query, so a signed-in editor sees
    # what visitors see. The middleware reads the full query string before this (`__call__`).
    request.GET = QueryDict(read_query(request.GET, parameters), encoding=request.encoding)
    tokens = state.tokens
    if tokens is not None and page.pk:
        # The page was loaded while routing, after `any-page` was read: if a page changed
        # since, this copy may be older than its token, so it is not stored.
        page_tokens = current_tokens([page_generation(page.pk), any_page.name])
        if page_tokens is None or page_tokens.pop(any_page.name) != tokens.get(any_page.name):
            state.tokens = None
        else:
            tokens.pop(any_page.name, None)
            tokens.update(page_tokens)


def do_not_store(request):
    """Serve this response without storing it: the page read a query string it does not
    offer (`core.listing.Listing.query_is_valid`)."""
    page_cache_state(request).refused = True


# What every cached view depends on; pages swap `any-page` for their own generation.
VIEW_GENERATIONS = (page_content.name, chrome.name, any_page.name)


def path_key(request, language):
    path_hash = hashlib.sha256(request.path.encode()).hexdigest()
    # ENTRY_FORMAT: a release that changes what an entry holds does not read older ones.
    return f"page-cache:{ENTRY_FORMAT}:{request.scheme}:{request.get_host()}:{language}:{path_hash}"


def cache_key(request, language, parameters):
    query = read_query(request.GET, parameters)
    query_hash = hashlib.sha256(query.encode()).hexdigest()
    return f"{path_key(request, language)}:{query_hash}"


def parameters_key(request, language):
    return f"{path_key(request, language)}:parameters"


def is_fresh(entry):
    return time.time() - entry.get("stored_at", 0) < settings.PAGE_CACHE_SECONDS


# About 200 pages of 20-60 kB: a few MB per worker process.
local_entries = LocalMemo(size=200)


def entry_version(entry):
    return tuple(sorted(entry["tokens"].items()))


class PageCacheMiddleware:
    """Place right after WhiteNoise: a hit skips every middleware below it (sessions,
    locale, CSRF…), which is where its speed comes from. Middleware that must touch every
    response (security headers) goes above it; what it puts on a response below it is
    stored with the page."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Sets the visitor's CSRF cookie on a hit whose form carries their token.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        state = request.page_cache = PageCacheState(read_only=request.method in ("GET", "HEAD"))
        with serving(state):
            return self.respond(request, state)

    def respond(self, request, state):
        language = self.cacheable_language(request)
        if language is None:
            return private.apply(request, self.get_response(request))
        parameters = self.read_parameters(request, language)
        if parameters is not None:
            entry = self.find(cache_key(request, language, parameters))
            if entry is not None:
                return self.mark(self.response_from(entry, request), "HIT")
        state.tokens = current_tokens(VIEW_GENERATIONS)
        if state.tokens is None:  # cache down: serve the page, slower
            return self.mark(private.apply(request, self.get_response(request)), "BYPASS")
        # Read before the view replaces request.GET with the parameters the page reads.
        query = request.GET
        response = private.apply(request, self.get_response(request))
        parameters = state.query_parameters
        if parameters is None and query:  # not a page: which parameters count is unknown
            return self.mark(response, "BYPASS")
        if state.refused:
            return self.mark(response, "BYPASS")
        if request.method != "GET" or not self.response_is_cacheable(request, response):
            return self.mark(response, "BYPASS")
        tokens = state.tokens
        entry = None if tokens is None else self.entry_from(response, tokens)
        if entry is None:
            return self.mark(response, "BYPASS")
        stored = {cache_key(request, language, parameters or ()): entry}
        if parameters is not None:
            known = {"tokens": tokens, "stored_at": entry["stored_at"]}
            known["parameters"] = parameters
            stored[parameters_key(request, language)] = known
        cache.set_many(stored, settings.PAGE_CACHE_SECONDS)  # one round trip for both
        for key, value in stored.items():
            local_entries.put(key, entry_version(value), value)
        return self.mark(response, "MISS")

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Once the view is known, before it runs: a Wagtail page keeps only the parameters
        it reads (`keep_read_parameters`), for every request, cached or not. Runs before any
        other middleware's `process_view` and before Wagtail's `before_serve_page` hooks, as
        the hook this replaces did (the project's hooks are registered before Wagtail's)."""
        route = routing.wagtail_route(request, view_func, view_args, view_kwargs)
        if route is not None:
            keep_read_parameters(route[0], request)
            fragments.read_ahead(request, route[0])
        return None

    def read_parameters(self, request, language):
        """The parameters the page at this path reads, () without a query string, or None
        when not known yet."""
        if not request.GET:
            return ()
        known = self.find(parameters_key(request, language))
        return None if known is None else known["parameters"]

    @staticmethod
    def find(key):
        """A fresh entry whose generations are all current: this process's copy, else the
        shared cache's (another server may have stored a newer one); the tokens are read in
        one round trip, two when this process's copy is stale."""
        kept = local_entries.peek(key)
        current = None
        if kept is not None and is_fresh(kept[1]):
            current = current_tokens(kept[1]["tokens"])
            if current == kept[1]["tokens"]:
                return kept[1]
        entry = cache.get(key)
        if entry is None or not is_fresh(entry):
            return None
        if current is None or current.keys() != entry["tokens"].keys():
            current = current_tokens(entry["tokens"])
        if current != entry["tokens"]:
            return None
        local_entries.put(key, entry_version(entry), entry)
        return entry

    @staticmethod
    def mark(response, outcome):
        response["X-Cache"] = outcome
        return response

    @staticmethod
    def cacheable_language(request):
        """The language of a request the cache may answer, else None."""
        if (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and MESSAGE_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and len(request.META.get("QUERY_STRING", "")) <= MAX_CACHED_QUERY_LENGTH
        ):
            return get_language_from_path(request.path_info)
        return None

    @staticmethod
    def response_is_cacheable(request, response):
        if response.status_code not in CACHEABLE_STATUSES or response.streaming:
            return False
        # The CSRF cookie is the one cookie a cached page may set (see entry_from).
        if getattr(request, "is_preview", False):
            return False
        if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-cache", "no-store")):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    @staticmethod
    def entry_from(response, tokens):
        content = response.content
        # CsrfViewMiddleware sets the cookie whenever the page used the visitor's token.
        has_csrf_token = settings.CSRF_COOKIE_NAME in response.cookies
        if has_csrf_token:
            content, count = CSRF_INPUT.subn(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
            if not count:  # the token went somewhere this cache cannot swap: do not cache
                return None
        else:
            cdn_seconds = settings.CDN_CACHE_SECONDS
            if cdn_seconds > 0:
                # The CDN keeps the same copy; never a page with a per-visitor token.
                patch_cache_control(response, public=True, max_age=0, s_maxage=cdn_seconds)
        headers = [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in ("x-cache", "content-length", "set-cookie")
        ]
        return {
            "tokens": dict(tokens),
            "stored_at": time.time(),
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "csrf": has_csrf_token,
        }

    def response_from(self, entry, request):
        content = entry["content"]
        if entry["csrf"]:
            self.csrf.process_request(request)  # reads the visitor's CSRF cookie, if any
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(content))
        if entry["csrf"]:
            patch_vary_headers(response, ("Cookie",))
            self.csrf.process_response(request, response)  # sets the visitor's cookie
        return response
