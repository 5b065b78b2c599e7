"""The events index: upcoming and past tabs, filters declared once, pagination."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.facets import Facet, ListingFilters, Parameter, found_values
from events.models import EventFormat, EventKind
from taxonomy.listing import ThemedListing, theme_facet


class EventFilters(ListingFilters):
    when = Parameter(  # a tab, read by the listing: upcoming unless "past"
        forms.ChoiceField,
        label=_("Events"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
    )
    kind = Facet("kind", label=_("Kind"), choices=EventKind.choices)
    theme = theme_facet()
    event_format = Facet("event_format", label=_("Format"), choices=EventFormat.choices)
    year = Facet(
        "start_date__year", label=_("Year"), choices=found_values(reverse=True), coerce=int
    )


class EventListing(ThemedListing):
    filterset_class = EventFilters
    page_size = 12
    with_images = False  # event cards show no image

    def get_queryset(self):
        return self.page.events()

    @property
    def showing_past(self):
        return self.chosen.get("when") == "past"

    def filter_queryset(self, events):
        now = timezone.now()
        if self.showing_past:
            events = events.filter(ends_at__lt=now).order_by("-starts_at")
        else:
            events = events.filter(ends_at__gte=now).order_by("starts_at")
        return super().filter_queryset(events)

    def card(self, item, rendition):
        card = super().card(item, rendition)
        card.summary = item.listing_summary
        return card  # its dates, place and format: EventPage.complete_cards

    def latest_queryset(self):
        """Upcoming events, soonest first."""
        events = super().latest_queryset().filter(ends_at__gte=timezone.now())
        return events.order_by("starts_at")

    def get_context(self):
        context = super().get_context()
        context["showing_past"] = self.showing_past
        return context
