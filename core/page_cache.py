"""Full-page cache for anonymous visitors, kept in the `default` cache (Redis when shared).

Keys hold the scheme, host, language and full path with its query string, and a site-wide
*generation* that any publish, unpublish, move or delete of a page, or any change of what
pages show (snippets, images, documents, approved endorsements, redirects), replaces
(`core.cache_purge`). Replacing one number instead of finding every page a change shows on
(listings, work areas, the footer of every page, the home page's latest items…) is always
right and costs one cold cache after each publish, which suits a site published a few
times a day; old entries expire by themselves (PAGE_CACHE_SECONDS).

Never cached: requests that carry a session or messages cookie (logged-in editors,
visitors who unlocked a private page or have a message waiting), anything but GET, paths
without a language prefix (`/` redirects by Accept-Language; the admin, documents),
previews, statuses other than 200/301/404, responses that set a cookie or say
`Cache-Control: private/no-cache/no-store`, and responses that change the session.
Forms keep working: the CSRF token in a cached page is a placeholder, replaced on every
hit by the visitor's own token (and its cookie, set by CsrfViewMiddleware, which runs
outside this middleware).

`X-Cache: HIT`, `MISS` (stored now) or `BYPASS` (not cacheable) tells tests, the
benchmark and operators what happened.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path

GENERATION_KEY = "page-cache:generation"
CACHEABLE_STATUSES = {200, 301, 404}
CSRF_PLACEHOLDER = b"__page_cache_csrf_token__"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
# A scanner's endless query strings would fill the cache with junk: long ones are not cached.
MAX_CACHED_QUERY_LENGTH = 256
# django.contrib.messages.storage.cookie.CookieStorage.cookie_name (not a setting).
MESSAGE_COOKIE_NAME = "messages"


def current_generation():
    """The generation of the page cache, or None when the cache cannot be reached."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def new_generation():
    """Make every cached page stale at once, for every app server sharing the cache."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def cache_key(request, generation):
    path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", "")
    return f"page-cache:{generation}:{request.scheme}:{request.get_host()}:{language}:{path_hash}"


class PageCacheMiddleware:
    """Place after CsrfViewMiddleware and before AuthenticationMiddleware (see module doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.request_is_cacheable(request):
            return self.get_response(request)
        generation = current_generation()
        if generation is None:  # cache down: serve the page, slower
            return self.mark(self.get_response(request), "BYPASS")
        key = cache_key(request, generation)
        entry = cache.get(key)
        if entry is not None:
            return self.mark(self.response_from(entry, request), "HIT")
        response = self.get_response(request)
        if request.method != "GET" or not self.response_is_cacheable(request, response):
            return self.mark(response, "BYPASS")
        entry = self.entry_from(response, request)
        if entry is None:
            return self.mark(response, "BYPASS")
        cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return self.mark(response, "MISS")

    @staticmethod
    def mark(response, outcome):
        response["X-Cache"] = outcome
        return response

    @staticmethod
    def request_is_cacheable(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and get_language_from_path(request.path_info) is not None
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and MESSAGE_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and len(request.META.get("QUERY_STRING", "")) <= MAX_CACHED_QUERY_LENGTH
        )

    @staticmethod
    def response_is_cacheable(request, response):
        if response.status_code not in CACHEABLE_STATUSES or response.streaming:
            return False
        if getattr(request, "is_preview", False) or response.cookies:
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
    def entry_from(response, request):
        content = response.content
        has_csrf_token = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
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
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "csrf": has_csrf_token,
        }

    @staticmethod
    def response_from(entry, request):
        content = entry["content"]
        if entry["csrf"]:
            # The visitor's own token; CsrfViewMiddleware then sets its cookie if needed.
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        if entry["csrf"]:
            patch_vary_headers(response, ("Cookie",))
        return response
