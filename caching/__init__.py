"""Caching: everything the site keeps so a page is not built twice.

Owns the anonymous page cache (`page_cache`, entered once per request by its
`PageCacheMiddleware`), the request's cache state in one `request.page_cache` object
(`request_state`: generation tokens, the page's query parameters, the privacy mark,
per-request memos; no layer sets an attribute of its own on the request), the generations
that make kept things stale (`invalidation`, with `pending_purges` for renewals the cache
did not take), what a change makes stale (`cache_purge`), shared fragments and page parts
(`fragments`), the Redis circuit breaker (`cache_breaker`), the privacy marks that keep
private responses out of shared caches (`private`), routing from the language's home page
(`routing`, which leaves its route in Wagtail's private `request._wagtail_route_for_request`,
no public hook routing a request) and the superuser's "Clear the page cache" (`cache_admin`).

May import: Django, Wagtail and `security`; never `core`, `search`, `graphics` or an app
(they register what they show with `cache_purge.register_*`).
"""
