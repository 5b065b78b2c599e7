from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from core import i18n
from core.fragments import shared_fragment
from core.listing import cards_in_stream
from core.models import FooterContent

register = template.Library()


def _page(value):
    """Templates without a page (404, search) pass "" for it."""
    return value if isinstance(value, Page) else None


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    return i18n.language_links(context.get("request"), _page(page))


@register.simple_tag(takes_context=True)
def hreflang_alternates(context, page):
    return i18n.hreflang_alternates(context.get("request"), page)


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    """The page's own address; an alias (untranslated copy) points to the page it copies."""
    request = context.get("request")
    if page.alias_of_id:
        source = Page.objects.filter(pk=page.alias_of_id).first()
        if source is not None:
            return source.get_full_url(request)
    return page.get_full_url(request)


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
            for child in home.get_children().live().public().in_menu()
        ]

    return [
        {**item, "active": page is not None and page.path.startswith(item["path"])}
        for item in shared_fragment("main-menu", request, build)
    ]


@register.simple_tag(takes_context=True)
def home_url(context):
    request = context.get("request")
    home = i18n.live_homes(request).get(translation.get_language())
    return home.get_url(request) if home else "/"


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors from the language's home page down to the page's parent."""
    page = _page(page)
    if page is None or page.depth <= 2:
        return []
    request = context.get("request")
    return [
        {"title": ancestor.title, "url": ancestor.get_url(request)}
        for ancestor in page.get_ancestors().filter(depth__gte=2)
    ]


@register.simple_tag(takes_context=True)
def footer_content(context):
    """The footer in the visitor's language (else the default language's), links resolved."""
    request = context.get("request")

    def build():
        footers = {
            f.locale.language_code: f for f in FooterContent.objects.select_related("locale")
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
