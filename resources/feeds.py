"""Atom feed of the latest resources of a library, per language (and per theme)."""

from django.contrib.syndication.views import Feed
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from themes.models import Theme


class LatestResourcesFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, library):
        super().__init__()
        self.library = library
        self.theme = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        slug = request.GET.get("theme", "")[:80].replace("\x00", "")
        if slug:
            self.theme = Theme.objects.filter(
                slug=slug, locale__language_code=translation.get_language()
            ).first()
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.theme:
            return _("Latest resources: %(title)s – %(theme)s") % {
                "title": self.library.title,
                "theme": self.theme.name,
            }
        return _("Latest resources: %(title)s") % {"title": self.library.title}

    def link(self):
        return self.library.get_full_url(self.request)

    def subtitle(self):
        return self.library.listing_summary

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        resources = self.library.resources().order_by("-publication_date", "-pk")
        if self.theme is not None:
            resources = resources.filter(themes__translation_key=self.theme.translation_key)
        return resources.distinct()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return f"{item.get_full_url(self.request)}#{item.translation_key}"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]
