"""Atom feed of the latest resources of a library, per language (and per theme)."""

from django.utils import translation
from django.utils.translation import gettext as _

from core.feeds import PageListingFeed
from themes.models import Theme


class LatestResourcesFeed(PageListingFeed):
    def __init__(self, library):
        super().__init__(library)
        self.theme = None

    def __call__(self, request, *args, **kwargs):
        slug = request.GET.get("theme", "")[:80].replace("\x00", "")
        if slug:
            self.theme = Theme.objects.filter(
                slug=slug, locale__language_code=translation.get_language()
            ).first()
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
            resources = resources.filter(themes__translation_key=self.theme.translation_key)
        return resources.distinct()[:30]

    def item_description(self, item):
        return item.summary
