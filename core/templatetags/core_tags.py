import base64
import hashlib
from dataclasses import replace
from pathlib import Path

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Page

from caching.fragments import page_part, register_page_fragments, shared_fragment
from caching.invalidation import any_page, page_generation
from caching.request_state import page_cache_state
from core import i18n
from core.listing import cards_in_stream
from core.models import FooterContent
from core.visibility import public
from graphics import social_cards
from graphics.identity import site_acronym, site_name

register = template.Library()


def _page(value):
    """Templates without a page (404, search) pass "" for it."""
    return value if isinstance(value, Page) else None


@register_page_fragments
def _fragments_of_every_page(page):
    """The shared fragments every page's template asks for (caching.fragments.read_ahead):
    its frame, the main menu and the footer (`base.html`)."""
    return [(f"chrome:{page.pk}", (page_generation(page.pk),)), ("main-menu", ()), ("footer", ())]


def _chrome(context, page):
    """What the frame around a page shows of it (language links, alternates, canonical URL,
    breadcrumbs, home link), built once per page, language and host until the page's
    generation is renewed (caching.cache_purge: its translations, ancestors' titles…).
    A page not saved yet (a first preview) is not kept."""
    request = context.get("request")
    page = _page(page)
    if page is not None and not page.pk:
        return _build_chrome(request, page)
    key = f"chrome:{page.pk if page is not None else '-'}"
    generations = (page_generation(page.pk),) if page is not None else (any_page.name,)

    def build():
        return shared_fragment(key, request, lambda: _build_chrome(request, page), generations)

    # Kept for the rest of the request: every tag of the frame reads it.
    return page_cache_state(request).remember(key, build) if request is not None else build()


def _build_chrome(request, page):
    home = i18n.live_homes(request).get(translation.get_language())
    chrome = {
        # Plain strings: the chrome is kept in the shared cache.
        "languages": [
            replace(link, name=str(link.name), note=str(link.note))
            for link in i18n.language_links(request, page)
        ],
        "home_url": home.get_url(request) if home else "/",
        "alternates": [],
        "canonical": "",
        "breadcrumbs": [],
    }
    if page is not None:
        chrome["alternates"] = i18n.hreflang_alternates(request, page)
        chrome["canonical"] = _canonical_url(request, page)
        if page.depth > 2:
            chrome["breadcrumbs"] = [
                {"title": ancestor.title, "url": ancestor.get_url(request)}
                for ancestor in page.get_ancestors().filter(depth__gte=2)
            ]
    return chrome


def _canonical_url(request, page):
    """The page's own address; an alias (untranslated copy) points to the page it copies."""
    if page.alias_of_id:
        source = Page.objects.filter(pk=page.alias_of_id).first()
        if source is not None:
            return source.get_full_url(request)
    return page.get_full_url(request)


@register.filter
def bdi(text):
    """Visitor-typed text isolated from the page's direction: «!UCLG 2024» in an Arabic
    sentence keeps its own order (escaped, then wrapped)."""
    return format_html("<bdi>{}</bdi>", text)


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    """The switcher's links; a view with an address per language (the search page, which keeps
    the query) gives them as `language_urls`."""
    links = _chrome(context, page)["languages"]
    urls = context.get("language_urls")
    if urls:
        links = [
            replace(link, url=urls[link.code], translated=True, note="")
            if link.code in urls
            else link
            for link in links
        ]
    return links


@register.simple_tag(takes_context=True)
def hreflang_alternates(context, page):
    return _chrome(context, page)["alternates"]


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    return _chrome(context, page)["canonical"]


@register.simple_tag(takes_context=True)
def main_menu(context, page=None):
    """The current language's top-level pages marked "show in menus"."""
    request = context.get("request")
    page = _page(page)

    def build():
        home = i18n.live_homes(request).get(translation.get_language())
        if home is None:
            return []
        return [
            {"title": child.title, "url": child.get_url(request), "path": child.path}
            for child in i18n.without_aliases(public(home.get_children().live().in_menu()))
        ]

    return [
        {**item, "active": page is not None and page.path.startswith(item["path"])}
        for item in shared_fragment("main-menu", request, build)
    ]


@register.simple_tag(takes_context=True)
def home_url(context):
    return _chrome(context, context.get("page"))["home_url"]


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors from the language's home page down to the page's parent."""
    return _chrome(context, page)["breadcrumbs"]


@register.simple_tag(takes_context=True)
def footer_content(context):
    """The footer in the visitor's language (else the default language's), links resolved."""
    request = context.get("request")

    def build():
        footers = {
            f.locale.language_code: f
            for f in FooterContent.objects.filter(live=True).select_related("locale")
        }
        footer = footers.get(translation.get_language()) or footers.get(settings.LANGUAGE_CODE)
        if footer is None:
            return None
        cards = cards_in_stream(footer.links, request=request)
        links = [child.value.resolve(cards) for child in footer.links]
        return {
            "text": str(footer.text),
            "links": [{"url": str(url), "text": str(text)} for url, text in links],
        }

    return shared_fragment("footer", request, build)


# The committee's name and acronym in the active language (graphics.identity).
register.simple_tag(site_name)
register.simple_tag(site_acronym)


@register.simple_tag(takes_context=True)
def social_card(context, page):
    """The generated social card of `page` (url, alt, width, height) in the active language:
    `{% social_card page as card %}`. No query: from the page's id and title only."""
    page = _page(page)
    if page is None or not page.pk:
        return None
    return social_cards.card_for(page, context.get("request"))


@register.filter
def page_type(page):
    """The page's model name ("actionplanpage"): what scripts and styles may key on."""
    return type(page)._meta.model_name


class PagePartNode(template.Node):
    def __init__(self, nodelist, name, unless=None):
        self.nodelist = nodelist
        self.name = name
        self.unless = unless

    def render(self, context):
        page = _page(context.get("page"))
        if page is None or (self.unless is not None and self.unless.resolve(context)):
            return self.nodelist.render(context)
        html = page_part(
            self.name, context.get("request"), page, lambda: self.nodelist.render(context)
        )
        return mark_safe(html)


@register.tag("page_part")
def do_page_part(parser, token):
    """{% page_part "body" %}…{% endpage_part %}: what the page's own content renders (its
    StreamFields, a blank form), kept per revision and language (caching.fragments.page_part);
    `{% page_part "form" unless form.is_bound %}` renders afresh while the condition holds.
    Nothing that differs per visitor (a CSRF token, a submitted value), per request (the
    query string) or with time (today's date) goes inside."""
    bits = token.split_contents()
    if len(bits) == 2:
        unless = None
    elif len(bits) == 4 and bits[2] == "unless":
        unless = parser.compile_filter(bits[3])
    else:
        raise template.TemplateSyntaxError(
            'Usage: {% page_part "name" [unless condition] %}…{% endpage_part %}'
        )
    nodelist = parser.parse(("endpage_part",))
    parser.delete_first_token()
    return PagePartNode(nodelist, bits[1].strip("\"'"), unless)


def _static_file_digest(path):
    """sha384 of the static file `path` as it is served: the collected, hashed copy where
    the storage keeps a manifest (production), else the source file (development, tests)."""
    storage = staticfiles_storage
    name = path
    if hasattr(storage, "stored_name"):
        try:
            name = storage.stored_name(path)
        except ValueError:  # not collected: served from the source (WHITENOISE_USE_FINDERS)
            name = None
    if name is not None and storage.exists(name):
        with storage.open(name) as file:
            content = file.read()
    else:
        found = finders.find(path)
        if not found:
            return None
        content = Path(found).read_bytes()
    return base64.b64encode(hashlib.sha384(content).digest()).decode()


_digests = {}


@register.simple_tag
def static_integrity(path):
    """`integrity="sha384-…"` for the site's own script `path` (Subresource Integrity): a
    file altered where it is stored or on a CDN in front is refused by the browser. Kept
    per process (the files change only with a release), read afresh with DEBUG on."""
    digest = _digests.get(path) if not settings.DEBUG else None
    if digest is None:
        digest = _static_file_digest(path)
        if digest is None:
            return ""
        _digests[path] = digest
    return format_html('integrity="sha384-{}"', digest)


@register.filter
def as_list(items):
    """The items as one list in the active language's punctuation (core.i18n.joined: the
    Arabic comma in Arabic), each escaped."""
    return format_html_join(i18n.list_separator(), "{}", ((item,) for item in items))


@register.simple_tag
def list_separator():
    """Between items of a list written out in a loop (core.i18n.list_separator)."""
    return i18n.list_separator()
