"""What every page shows the same way (footer, main menu), built once per language and host
and kept in the shared cache until content changes.

"Content changes" is the `page_content` generation (core.invalidation), the one the page
cache follows, renewed by core.cache_purge on every publish, move, deletion and snippet
change, so a fragment is never older than the pages around it. Pages rendered afresh
(previews, signed-in editors, the page cache switched off) save the queries these
fragments cost on every view.
"""

from django.core.cache import cache
from django.utils import translation

from core.invalidation import page_content

FRAGMENT_SECONDS = 3600


def shared_fragment(name, request, build):
    """`build()`'s value for this language and host, from the cache while content is
    unchanged. With the cache down, built afresh."""
    generation = page_content.current()
    if generation is None:
        return build()
    host = request.get_host() if request is not None else ""
    key = f"fragment:{name}:{translation.get_language()}:{host}:{generation}"
    stored = cache.get(key)
    if stored is None:
        stored = (build(),)  # a tuple: a fragment may be None
        cache.set(key, stored, FRAGMENT_SECONDS)
    return stored[0]
