"""An XML sitemap of every language's page tree, each URL with its hreflang alternates.

Wagtail's own sitemap covers only the default site root; this walks the home page of
every locale and groups pages by translation key to list their alternates.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.models import Page

from core.i18n import live_homes
from core.visibility import public


def sitemap_entries(request):
    homes = list(live_homes(request).values())
    if not homes:
        return []
    in_a_tree = Q()
    for home in homes:
        in_a_tree |= Q(path__startswith=home.path)
    pages = list(
        public(Page.objects.live())
        .filter(in_a_tree, alias_of__isnull=True)
        .select_related("locale")
        .order_by("path")
    )
    language_order = {code: index for index, (code, _name) in enumerate(settings.LANGUAGES)}
    by_key = {}
    for page in pages:
        page.sitemap_url = page.get_full_url(request)
        by_key.setdefault(page.translation_key, []).append(page)
    entries = []
    for page in pages:
        versions = sorted(
            by_key[page.translation_key],
            key=lambda p: language_order.get(p.locale.language_code, 99),
        )
        alternates = [(p.locale.language_code, p.sitemap_url) for p in versions]
        if len(alternates) > 1:
            default_url = dict(alternates).get(settings.LANGUAGE_CODE, alternates[0][1])
            alternates.append(("x-default", default_url))
        else:
            alternates = []
        entries.append(
            {
                "location": page.sitemap_url,
                "lastmod": page.last_published_at,
                "alternates": alternates,
            }
        )
    return entries
