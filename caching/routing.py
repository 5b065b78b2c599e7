"""Wagtail's page routing in two queries, whatever the page's depth.

Wagtail routes a path from the language's home page one level at a time, two queries a
level (the child by slug, then its specific row), after finding the home page in the
active language (two more). The pages of a path are known in advance from their
`url_path`s, so `route_from_home` fetches the whole chain in one query, then asks the
deepest page that routes by itself (a routable page, which may own sub-paths such as
`feed/`, or the last page of the chain) to route the rest, as Wagtail would have
reached it. The result is left where Wagtail looks for it first
(`request._wagtail_route_for_request`), so `Page.route_for_request` and the serve view
use it unchanged.

That attribute is Wagtail's own, and private: Wagtail offers no hook or setting to route a
request (`before_serve_page` runs after routing, and replacing the serve view would mean
copying it, hooks and all). `Page.route_for_request` documents it as where the route is kept
for the rest of the request, and reads it before routing. It is the one request attribute
this project sets outside `request.page_cache` (`caching.request_state`), here only;
`tests/caching/test_request_state.py` fails if Wagtail stops reading it.
"""

from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail.models import Page


def _routes_by_itself(page_class):
    return page_class is not None and page_class.route is not Page.route


def route(home, request, path_components):
    """What `home.specific.route(request, path_components)` returns (Http404 raised the
    same), in two queries."""
    if not path_components:
        return home.specific.route(request, [])
    prefixes = [
        home.url_path + "/".join(path_components[:n]) + "/"
        for n in range(1, len(path_components) + 1)
    ]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=home.path)
    }
    chain = []
    for prefix in prefixes:  # stop at the first missing level, as Wagtail would
        if prefix not in found:
            break
        chain.append(found[prefix])
    if _routes_by_itself(home.specific_class) or not chain:
        return home.specific.route(request, path_components)
    start = chain[-1]
    for page in chain[:-1]:
        if _routes_by_itself(page.specific_class):
            start = page
            break
    remaining = path_components[start.depth - home.depth :]
    return start.specific.route(request, remaining)


def _serve_path(view_func, view_args, view_kwargs):
    """The page path given to Wagtail's serve view, None for any other view."""
    # Imported here: `wagtail.views` loads the page model on import, and `caching.page_cache`,
    # which imports this module, is imported while the models load.
    from wagtail import views as wagtail_views

    if view_func is not wagtail_views.serve:
        return None
    return view_kwargs.get("path", view_args[0] if view_args else "")


def route_from_home(request, home):
    """Route a request for a Wagtail page from `home` (the language's home page) and keep
    the result for Wagtail's serve view; other views are left alone."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return
    path = _serve_path(match.func, match.args, match.kwargs)
    if path is None:
        return
    components = [component for component in path.split("/") if component]
    try:
        result = route(home, request, components)
    except Http404:
        result = None
    # Wagtail's private attribute, read first by `Page.route_for_request` (module docstring).
    request._wagtail_route_for_request = result


def wagtail_route(request, view_func, view_args, view_kwargs):
    """(page, args, kwargs) that Wagtail's serve view will serve for this request, None for
    another view or a path with no page. Through Wagtail's `Page.route_for_request`, which
    returns the route `route_from_home` kept (routing now only when it did not run) and keeps
    it for the serve view."""
    path = _serve_path(view_func, view_args, view_kwargs)
    if path is None:
        return None
    return Page.route_for_request(request, path)
