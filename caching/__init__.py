"""Caching: everything the site keeps so a page is not built twice.

Owns the anonymous page cache (`page_cache`, with the request's cache state in one
`request.page_cache` object), the generations that make kept things stale
(`invalidation`, with `pending_purges` for renewals the cache did not take), what a change
makes stale (`cache_purge`), shared fragments and page parts (`fragments`), the Redis
circuit breaker (`cache_breaker`), the privacy marks that keep private responses out of
shared caches (`private`), routing from the language's home page (`routing`) and the
superuser's "Clear the page cache" (`cache_admin`).

May import: Django, Wagtail and `security`; never `core`, `search`, `graphics` or an app
(they register what they show with `cache_purge.register_*`).
"""
