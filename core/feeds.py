"""Atom feeds hanging from a listing page (its language's items, with full URLs)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed


class PageListingFeed(Feed):
    """A feed of the pages a listing page shows; subclasses say which (`items`) and how
    they are titled and described."""

    feed_type = Atom1Feed

    def __init__(self, listing_page):
        super().__init__()
        self.listing_page = listing_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.listing_page.get_full_url(self.request)

    def subtitle(self):
        return self.listing_page.listing_summary

    def feed_url(self):
        return self.request.build_absolute_uri()

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        # Unique per language version, and carries the key shared by all its translations.
        return f"{item.get_full_url(self.request)}#{item.translation_key}"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_kind_display()]
