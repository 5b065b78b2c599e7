"""Atom feed of upcoming events, one per language (the index page it hangs from)."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from events.display import event_when


class UpcomingEventsFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Upcoming events: %(title)s") % {"title": self.index.title}

    def link(self):
        return self.index.get_full_url(self.request)

    def subtitle(self):
        return self.index.listing_summary

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        return self.index.events().filter(ends_at__gte=timezone.now()).order_by("starts_at")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return " ".join(part for part in (event_when(item), item.listing_summary) if part)

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
