from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from graphics import social_cards
from search import views as core_search

# Outside the language prefix: the admin, documents and machine-read files.
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", core_views.sitemap, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    # A page's generated social card (graphics.social_cards); any other address under it is a 404.
    re_path(
        r"^social-cards/(?P<page_id>[0-9]{1,10})/"
        rf"(?P<key>[0-9a-f]{{{social_cards.KEY_LENGTH}}})\.png$",
        core_views.social_card,
        name="social_card",
    ),
]

# Images and renditions on the local file system, in production too (object storage serves
# its own); documents never: they download through Wagtail's view, which checks privacy.
urlpatterns += [
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>",
        core_views.public_media,
        name="public_media",
    ),
]

# Every public page has a language prefix: /en/, /fr/, /es/, /ar/. A request for `/` is
# redirected by LocaleMiddleware to the visitor's best language (Accept-Language).
urlpatterns += i18n_patterns(
    # The search page's address in each language: /fr/recherche/, /es/buscar/, /ar/بحث/.
    path(pgettext_lazy("URL of the search page", "search/"), core_search.search, name="search"),
    path("search/", core_search.search_in_english_address),
    path("manifest.webmanifest", core_views.web_manifest, name="web_manifest"),
    # Before Wagtail's own: its page-password form, with guessing limited.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        core_views.authenticate_with_password,
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
