import mimetypes
import posixpath
import sys

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import InterfaceError, OperationalError
from django.forms.utils import ErrorList
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve as static_serve
from wagtail import views as wagtail_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from caching import private
from core import i18n, images, media
from core.sitemap import sitemap_entries
from core.visibility import public
from graphics import social_cards
from graphics.identity import site_acronym
from security.page_passwords import PasswordGuard


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


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request):
    """The web app manifest in the language of its address (/fr/manifest.webmanifest): the
    committee's name and a start page in that language, and the icons
    (scripts/draw_identity.py)."""
    language = translation.get_language()
    home = i18n.live_homes(request).get(language)
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    manifest = {
        "name": str(settings.WAGTAIL_SITE_NAME),
        "short_name": site_acronym(),
        "lang": language,
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": home.url if home is not None else f"/{language}/",
        "scope": "/",
        "display": "minimal-ui",
        "background_color": "#ffffff",
        "theme_color": "#123c69",
        "icons": icons,
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


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


class RefusedPasswordForm(PasswordViewRestrictionForm):
    """The password form, unbound, saying that no more attempts are taken for now."""

    def non_field_errors(self):
        return ErrorList(
            [
                translation.gettext(
                    "Too many attempts to enter the password. Please wait a few minutes "
                    "and try again."
                )
            ]
        )


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form of a protected page, with guessing limited
    (`security.page_passwords`, counted in the database: the limits hold with Redis down). An
    address past its limit is refused without its password being checked; otherwise a
    right password lets the visitor in, and a wrong one past the page's limit is refused
    too. Refusals say so in the visitor's language (429)."""
    if request.method == "POST":
        restriction = get_object_or_404(PageViewRestriction, pk=page_view_restriction_id)
        page = get_object_or_404(Page, pk=page_id).specific
        guard = PasswordGuard(request, restriction)
        if guard.address_is_over_limit:
            return refused_password(request, restriction, page)
        right = PasswordViewRestrictionForm(request.POST, instance=restriction).is_valid()
        guard.record(failed=not right)
        if not right and guard.page_is_over_limit:  # as it was before this attempt
            return refused_password(request, restriction, page)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


def refused_password(request, restriction, page):
    form = RefusedPasswordForm(
        instance=restriction, initial={"return_url": request.POST.get("return_url")}
    )
    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    response = page.serve_password_required_response(request, form, action_url)
    response.status_code = 429
    return response


# Where Wagtail puts images and their renditions under MEDIA_ROOT. Documents (documents/)
# are not in this list: they download through Wagtail's view, which checks privacy.
PUBLIC_MEDIA_DIRECTORIES = ("original_images/", "images/")
# File systems refuse longer names (OSError): such a path names no file, a 404.
MAX_NAME_BYTES = 255


@require_GET
def public_media(request, path):
    """An image or rendition from the local file system, cached for a year (Wagtail gives
    a changed file a new name); any other file under MEDIA_ROOT is a 404. An image of a
    restricted collection (or a rendition of it) is served only to a visitor its restriction
    lets in, privately; a rendition whose file is missing is drawn again (core.images)."""
    wanted = posixpath.normpath(path).lstrip("/")
    if (
        not isinstance(default_storage, FileSystemStorage)
        or wanted.startswith("..")
        or not wanted.startswith(PUBLIC_MEDIA_DIRECTORIES)
        or any(len(part.encode()) > MAX_NAME_BYTES for part in wanted.split("/"))
        # No stored name holds a control character, and PostgreSQL refuses NUL in a query.
        or any(ord(character) < 32 or ord(character) == 127 for character in wanted)
    ):
        raise Http404
    image, rendition = images.image_for_path(wanted)
    restrictions, follows_another = media.view_restrictions(image)
    if media.refused(request, restrictions):
        raise Http404  # as if it did not exist: its name says nothing to a stranger
    if restrictions:
        private.mark(request, private.PRIVATE)
    if rendition is not None and not default_storage.exists(wanted):
        content = images.restore_rendition(rendition, default_storage)
        if content is None:
            raise Http404
        content_type = mimetypes.guess_type(wanted)[0] or "application/octet-stream"
        response = HttpResponse(content, content_type=content_type)
    else:
        response = static_serve(request, wanted, document_root=settings.MEDIA_ROOT)
    if follows_another and not restrictions:
        # Kept only as long as a public document: made private with it, it leaves browsers
        # and CDNs within the hour (its address does not change).
        response["Cache-Control"] = f"public, max-age={private.PUBLIC_DOCUMENT_SECONDS}"
    elif not restrictions:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


# A stale card's address (the title changed since the page was shared, or changes back)
# sends to the current card for a few minutes only.
STALE_CARD_REDIRECT_SECONDS = 300


@require_safe
def social_card(request, page_id, key):
    """The social card (graphics.social_cards) of a live public page, cached for a year: its
    address changes with what it shows. An address whose key is not the page's current one
    (shared before the title changed) redirects to the current card, briefly; a page that
    does not exist, is not live or is private answers 404, whatever the key."""
    pages = Page.objects.live().filter(pk=page_id, depth__gt=1)  # not the tree's root
    page = public(pages).select_related("locale").only("title", "locale__language_code").first()
    if page is None:
        raise Http404
    language = page.locale.language_code
    current = social_cards.card_key(page.title, language)
    if key != current:
        response = HttpResponseRedirect(social_cards.card_path(page.pk, page.title, language))
        response["Cache-Control"] = f"public, max-age={STALE_CARD_REDIRECT_SECONDS}"
        return response
    png = social_cards.stored_card(page.pk, page.title, language, key)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
