"""Atom feed of upcoming events, one per language (the index page it hangs from)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.feeds import PageListingFeed
from events.display import event_when


class UpcomingEventsFeed(PageListingFeed):
    def title(self):
        return _("Upcoming events: %(title)s") % {"title": self.listing_page.title}

    def items(self):
        return (
            self.listing_page.events()
            .filter(ends_at__gte=timezone.now())
            .order_by("starts_at")[:50]
        )

    def item_description(self, item):
        return " ".join(part for part in (event_when(item), item.listing_summary) if part)
