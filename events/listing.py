"""The events index: upcoming and past tabs, filters from a plain GET form, pagination."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import ListingFilterForm
from events.models import EventFormat, EventKind
from taxonomy.listing import ThemedListing


class EventFilterForm(ListingFilterForm):
    when = forms.ChoiceField(
        label=_("Events"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    event_format = forms.ChoiceField(label=_("Format"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, themes, years):
        super().__init__(data)
        self.set_choices("kind", EventKind.choices)
        self.set_choices("event_format", EventFormat.choices)
        self.set_choices("theme", [(t.slug, t.name) for t in themes])
        self.set_choices("year", [(str(y), str(y)) for y in years])


class EventListing(ThemedListing):
    form_class = EventFilterForm
    page_size = 12
    with_images = False  # event cards show no image

    def get_queryset(self):
        return self.page.events()

    def get_form_kwargs(self):
        years = self.get_queryset().dates("start_date", "year", order="DESC")
        return {"themes": self.themes, "years": [d.year for d in years]}

    @property
    def showing_past(self):
        return self.chosen.get("when") == "past"

    def filter_queryset(self, events):
        now = timezone.now()
        if self.showing_past:
            events = events.filter(ends_at__lt=now).order_by("-starts_at")
        else:
            events = events.filter(ends_at__gte=now).order_by("starts_at")
        for name in ("kind", "event_format"):
            if name in self.chosen:
                events = events.filter(**{name: self.chosen[name]})
        if "year" in self.chosen:
            events = events.filter(start_date__year=self.chosen["year"])
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
