"""What every page shows the same way (footer, main menu) or each page shows of its place in
the site (language links, breadcrumbs), built once per language and host and kept in the
shared cache until what it shows changes.

A fragment follows generations (caching.invalidation): `page-content` (the site-wide flush)
and `chrome` always, which caching.cache_purge renews when a menu page or the footer changes,
plus those it names (a page's own for its language links and breadcrumbs). A page being
rendered for the page cache reuses the tokens the cache read before rendering (kept in
`request.page_cache`, `caching.request_state`), so its fragments cost no extra round trip
and are never newer than the page around them. Pages rendered afresh (previews, signed-in
editors, the page cache switched off) save the queries these fragments cost on every view.
"""

import hashlib

from django.core.cache import cache
from django.utils import translation

from caching.invalidation import chrome, current_tokens, page_content, page_generation
from caching.request_state import page_cache_state

FRAGMENT_SECONDS = 3600


def generation_tokens(request, names):
    """{name: token} of `names`: those the page cache read for this request, else from the
    shared cache, read once per request that changes nothing (the page cache off, a
    signed-in editor); None when the cache is down."""
    state = page_cache_state(request) if request is not None else None
    known = (state.tokens if state is not None else None) or {}
    if all(name in known for name in names):
        return {name: known[name] for name in names}
    if state is None or not state.read_only:
        return current_tokens(names)
    read = state.memos.setdefault("generation-tokens", {})
    missing = [name for name in names if name not in known and name not in read]
    if missing:
        found = current_tokens(missing)
        if found is None:
            return None
        read.update(found)
    return {name: known[name] if name in known else read[name] for name in names}


def _host(request):
    return request.get_host() if request is not None else ""


def _version(tokens):
    return hashlib.sha256(repr(sorted(tokens.items())).encode()).hexdigest()[:32]


def _fragment_key(name, request, tokens):
    return f"fragment:{name}:{translation.get_language()}:{_host(request)}:{_version(tokens)}"


# The fragments every page shows: [(name, generations)] for a page, from each function
# registered with `register_page_fragments` (the apps that render them).
_page_fragments = []


def register_page_fragments(fragments_of):
    """`fragments_of(page)` gives [(name, generations)] of the shared fragments the page's
    template will ask for, so that `read_ahead` fetches them all in one round trip."""
    _page_fragments.append(fragments_of)
    return fragments_of


READ_AHEAD = "fragments-read-ahead"


def read_ahead(request, page):
    """Once the page to serve is known (`caching.page_cache`), before it is rendered: its
    shared fragments read in one round trip (`get_many`) instead of one each, kept in
    `request.page_cache` for `shared_fragment`."""
    state = page_cache_state(request)
    if not page.pk or not (state.tokens or state.read_only):
        return
    wanted = [
        (name, (page_content.name, chrome.name, *generations))
        for fragments_of in _page_fragments
        for name, generations in fragments_of(page)
    ]
    tokens = generation_tokens(request, sorted({n for _name, names in wanted for n in names}))
    if tokens is None:
        return
    keys = [_fragment_key(name, request, {n: tokens[n] for n in names}) for name, names in wanted]
    if keys:
        found = cache.get_many(keys)
        state.memos[READ_AHEAD] = {key: found.get(key) for key in keys}


def shared_fragment(name, request, build, generations=(), seconds=FRAGMENT_SECONDS):
    """`build()`'s value for this language and host, from the cache while the `chrome`
    generation and `generations` are unchanged (at most `seconds`). With the cache down,
    built afresh."""
    tokens = generation_tokens(request, (page_content.name, chrome.name, *generations))
    if tokens is None:
        return build()
    key = _fragment_key(name, request, tokens)
    read = page_cache_state(request).memos.get(READ_AHEAD, {}) if request is not None else {}
    stored = read[key] if key in read else cache.get(key)
    if stored is None:
        stored = (build(),)  # a tuple: a fragment may be None
        cache.set(key, stored, seconds)
    return stored[0]


# A part of a page is rebuilt when the page is republished (a new revision) or its own
# generation is renewed (what it shows changed): kept longer than the page itself.
PART_SECONDS = 24 * 3600


def page_part(name, request, page, build):
    """The HTML `build()` renders for part `name` of `page` (a StreamField body), kept per
    live revision, language and host while the page's generation and `page-content` are
    unchanged: a page made stale by its menu, footer or listings is rebuilt from its parts.
    Previews, drafts and unsaved pages are rendered afresh."""
    revision = getattr(page, "live_revision_id", None)
    if revision is None or not page.pk or getattr(request, "is_preview", False) or not page.live:
        return build()
    tokens = generation_tokens(request, (page_content.name, page_generation(page.pk)))
    if tokens is None:
        return build()
    language = translation.get_language()
    key = f"part:{name}:{page.pk}:{revision}:{language}:{_host(request)}:{_version(tokens)}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, PART_SECONDS)
    return html
