from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import get_language_from_path

from caching.routing import route_from_home
from core.i18n import live_homes


class LocaleHomeFallbackMiddleware:
    """Send visitors of a language whose home page is not live to the default language.

    Without it, Wagtail would serve the default language's pages under the other prefix
    (`Page.localized` falls back silently), or 404. The redirect is temporary (302):
    the language may be launched later.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = get_language_from_path(request.path_info)
        if language and language != settings.LANGUAGE_CODE and language not in live_homes(request):
            rest = request.path_info[len(language) + 2 :]
            target = f"/{settings.LANGUAGE_CODE}/{rest}"
            if request.META.get("QUERY_STRING"):
                target += "?" + request.META["QUERY_STRING"]
            return HttpResponseRedirect(target)
        if language:
            # The home pages are loaded: route from the language's own (caching.routing).
            home = live_homes(request).get(language)
            if home is not None:
                route_from_home(request, home)
        return self.get_response(request)


class MissingFieldMiddleware:
    """A form posted without a field its view reads straight from `request.POST` (Wagtail's
    page copy reads `new_parent_page` so) is a malformed request: 400, not a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError) and request.method == "POST":
            return HttpResponseBadRequest()
        return None
