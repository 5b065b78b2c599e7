"""Atom feed of the latest resources of a library, per language (and per theme)."""

from django.utils.translation import gettext as _

from core.feeds import PageListingFeed
from taxonomy.listing import tagged_with, theme_from_query


class LatestResourcesFeed(PageListingFeed):
    def __init__(self, library):
        super().__init__(library)
        self.theme = None

    def __call__(self, request, *args, **kwargs):
        self.theme = theme_from_query(request)
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.theme:
            return _("Latest resources: %(title)s – %(theme)s") % {
                "title": self.listing_page.title,
                "theme": self.theme.name,
            }
        return _("Latest resources: %(title)s") % {"title": self.listing_page.title}

    def items(self):
        resources = self.listing_page.resources().order_by("-publication_date", "-pk")
        if self.theme is not None:
            resources = tagged_with(resources, self.theme)
        return resources.distinct()[:30]

    def item_description(self, item):
        return item.summary
