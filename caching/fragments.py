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
    shared cache; None when the cache is down."""
    known = (page_cache_state(request).tokens if request is not None else None) or {}
    if all(name in known for name in names):
        return {name: known[name] for name in names}
    return current_tokens(names)


def _host(request):
    return request.get_host() if request is not None else ""


def _version(tokens):
    return hashlib.sha256(repr(sorted(tokens.items())).encode()).hexdigest()[:32]


def shared_fragment(name, request, build, generations=(), seconds=FRAGMENT_SECONDS):
    """`build()`'s value for this language and host, from the cache while the `chrome`
    generation and `generations` are unchanged (at most `seconds`). With the cache down,
    built afresh."""
    tokens = generation_tokens(request, (page_content.name, chrome.name, *generations))
    if tokens is None:
        return build()
    key = f"fragment:{name}:{translation.get_language()}:{_host(request)}:{_version(tokens)}"
    stored = cache.get(key)
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
