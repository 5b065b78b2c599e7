"""Language helpers: the switcher, hreflang alternates and each language's home page."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.models import Locale, Page, Site

from caching.invalidation import site_wide
from caching.request_state import page_cache_state
from core.visibility import public


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    translated: bool  # False: the link goes to that language's home page instead
    note: str = ""  # said in the link's own language when the page is not translated

    @property
    def direction(self):
        """The link's language's writing direction: its name and note are in that language,
        so an Arabic note on a left-to-right page keeps its punctuation on its own side."""
        return "rtl" if translation.get_language_info(self.code)["bidi"] else "ltr"


def list_separator():
    """What separates the items of a list in the active language: ", ", and in Arabic the
    Arabic comma, "، "."""
    return pgettext("between the items of a list", ", ")


def joined(items):
    """The items as one list, in the active language's punctuation."""
    return list_separator().join(str(item) for item in items)


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


def locale_languages():
    """{locale's pk: language code}, kept per process until a site-wide flush (a locale's
    change is one)."""
    return site_wide(
        "locale-languages", lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )


def site_root_for(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    return site.root_page if site else None


def live_homes(request):
    """{language_code: home page} for every language whose home page is live, loaded once
    per request."""

    def load():
        root = site_root_for(request)
        homes = {}
        if root is not None:
            for home in (
                Page.objects.live()
                .filter(translation_key=root.translation_key)
                .select_related("locale")
            ):
                homes[home.locale.language_code] = home
        return homes

    return page_cache_state(request).remember("live-homes", load) if request is not None else load()


def page_versions(pages):
    """Ids of every language version of `pages` (None items skipped): what shows a city
    shows it in every language (caching.cache_purge's `shown_on()`)."""
    keys = {page.translation_key for page in pages if page is not None}
    if not keys:
        return set()
    return set(Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True))


def without_aliases(pages):
    """Pages in their own words: aliases left out.

    An alias is a page's live copy in another language's tree, its text untranslated
    (wagtail-localize makes them for the untranslated parents of a translated page). The
    site does not show them as that language's pages: not in menus, listings, cards, search,
    the sitemap or hreflang; visiting one leads to the page it copies (BasePage.serve).
    """
    return pages.filter(alias_of__isnull=True)


def public_translations(page):
    """{language_code: page} for the live, public, real translations of a page (itself included).

    Aliases (untranslated copies) and drafts are left out: they are not versions a search
    engine or a visitor should be sent to as "this page in language X".
    """
    if page is None or not page.pk:
        return {}
    cached = getattr(page, "_public_translations", None)
    if cached is None:
        queryset = (
            public(Page.objects.live())
            .filter(translation_key=page.translation_key, alias_of__isnull=True)
            .select_related("locale")
        )
        cached = {p.locale.language_code: p for p in queryset}
        page._public_translations = cached
    return cached


def language_links(request, page=None):
    """The language switcher's entries, one per configured language that has a live home."""
    current = translation.get_language()
    translations = public_translations(page) if page is not None else {}
    homes = live_homes(request)
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            links.append(
                LanguageLink(code, name, translations[code].get_url(request), code == current, True)
            )
        elif code in homes:
            with translation.override(code):
                note = gettext("This page is not translated yet: this link goes to the home page.")
            links.append(
                LanguageLink(
                    code,
                    name,
                    homes[code].get_url(request),
                    code == current,
                    page is None,
                    "" if page is None else note,
                )
            )
    return links


def hreflang_alternates(request, page):
    """[(hreflang, absolute URL)] for a page's public translations, plus x-default.

    Every translation lists the same set, so the alternates are reciprocal.
    """
    translations = public_translations(page)
    if not translations:
        return []
    alternates = [
        (code, translations[code].get_full_url(request))
        for code, _name in settings.LANGUAGES
        if code in translations
    ]
    # The default language's version, else the first in the site's language order: the same
    # choice from every translation, so x-default is reciprocal too.
    default_url = dict(alternates).get(settings.LANGUAGE_CODE, alternates[0][1])
    alternates.append(("x-default", default_url))
    return alternates
