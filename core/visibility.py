"""Which pages the public may see, without asking the database for the view restrictions
on every view.

Wagtail's `PageQuerySet.public()` reads every `PageViewRestriction` each time it is called
(several times per page view: language links, cards, listings). Restrictions change
rarely, and each change flushes the whole site (`caching.cache_purge`), so the restricted
sections are kept per process (`caching.invalidation.site_wide`) and the same filter is built
from them.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from caching.invalidation import site_wide


def restricted_sections():
    """(path, depth) of every page under a view restriction: it and its descendants are
    private."""
    return site_wide(
        "restricted-sections",
        lambda: tuple(
            PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()
        ),
    )


def private_q():
    """Matches the pages in a private section (Wagtail's `private_q()`), or none."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def public(pages):
    """`pages.public()`: the pages of the queryset outside every private section."""
    return pages.exclude(private_q())
