import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.sitemap import sitemap_entries


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap(request):
    return render(
        request,
        "sitemap.xml",
        {"entries": sitemap_entries(request)},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    """404 in the language of the URL's prefix (LocaleMiddleware has activated it)."""
    return render(request, "404.html", {"request_path": request.path}, status=404)


def server_error(request):
    """500 without touching the database: the error may come from it.

    When the database cannot be reached (an OperationalError or InterfaceError from any
    view or middleware), a static 503 page in the visitor's language instead, with
    Retry-After so crawlers and the CDN come back later."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return service_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render({}))


def service_unavailable(request):
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        html = loader.get_template("503.html").render({})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "120"
    response["Cache-Control"] = "no-store"
    return response
