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
"""

from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail import views as wagtail_views
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


def route_from_home(request, home):
    """Route a request for a Wagtail page from `home` (the language's home page) and keep
    the result for Wagtail's serve view; other views are left alone."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return
    if match.func is not wagtail_views.serve:
        return
    path = match.kwargs.get("path", match.args[0] if match.args else "")
    components = [component for component in path.split("/") if component]
    try:
        request._wagtail_route_for_request = route(home, request, components)
    except Http404:
        request._wagtail_route_for_request = None
