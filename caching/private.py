"""What a shared cache (a CDN, a proxy, the page cache) may keep, said on every response.

A response meant for one visitor says `Cache-Control: private, no-store`: a document of a
restricted collection (Wagtail's serve view adds nothing once the visitor is let in), a
preview, anything served to a signed-in user. Pages under a view restriction already get
Wagtail's never-cache headers, their password form included. Public documents get a public
lifetime, short enough that a collection made private, or a replaced file, reaches browsers
and CDNs within the hour.

The `before_serve_document` hook (`caching.wagtail_hooks`) marks the request (its
`request.page_cache`, `caching.request_state`); the page cache middleware, which sees every
response, applies the mark on the way out (`apply`).
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

from caching.request_state import page_cache_state

PUBLIC_DOCUMENT_SECONDS = 60 * 60
PRIVATE = "private"
PUBLIC_DOCUMENT = "public-document"


def mark(request, visibility):
    page_cache_state(request).visibility = visibility


def mark_document(document, request):
    restricted = document.collection.get_view_restrictions().exists()
    mark(request, PRIVATE if restricted else PUBLIC_DOCUMENT)


def is_private(request):
    if page_cache_state(request).visibility == PRIVATE:
        return True
    if getattr(request, "is_preview", False):
        return True
    # Only a session can sign someone in: without its cookie, no need to load the user.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def apply(request, response):
    """Say on `response` how far it may be cached."""
    if is_private(request):
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    elif (
        page_cache_state(request).visibility == PUBLIC_DOCUMENT
        and response.status_code in (200, 304)
        and not response.has_header("Cache-Control")
    ):
        patch_cache_control(response, public=True, max_age=PUBLIC_DOCUMENT_SECONDS)
    return response
