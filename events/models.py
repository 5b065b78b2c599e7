import datetime
import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BODY_BLOCKS, LinkBlock
from core.fields import LanguageListField, language_label
from core.i18n import joined, page_versions, without_aliases
from core.listing import ListingIndexMixin, linked_tags, parent_url
from core.models import BasePage, SectionIndexPage
from core.snippets import localize_instances
from core.visibility import public
from events.calendar import calendar_response, upcoming_for_feed
from events.display import event_when, time_zone_label
from events.feeds import UpcomingEventsFeed
from events.page_forms import EventPageForm
from taxonomy.logos import partner_entries
from taxonomy.models import AgendaTaggedMixin, ThemedPageMixin


@functools.cache
def time_zone_choices():
    """The IANA time zones of the installed tzdata, as (name, label) pairs.

    A callable, not a list, so migrations store a reference to it: a new tzdata release (or
    another machine's zone list) then changes the form's choices without a migration.
    Cached: listing the zones scans the whole tzdata package (milliseconds per call).
    """
    return sorted(
        (name, name.replace("_", " "))
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/"))
    )


class EventKind(models.TextChoices):
    PEER_LEARNING = "peer_learning", _("Peer-learning event")
    POLICY_DEBATE = "policy_debate", _("Policy debate")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE = "conference", _("Conference")
    SIDE_EVENT = "side_event", _("Side event")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventIndexPage(ListingIndexMixin, RoutablePageMixin, SectionIndexPage):
    """Events: upcoming first, past on their own tab; filters, calendar and news feeds."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    template = "events/event_index_page.html"
    listing_class = "events.listing.EventListing"
    # Its filters offer every one of these (caching.cache_purge: their changes show here).
    shows_every = ("taxonomy.Theme",)

    class Meta:
        verbose_name = _("events index")
        verbose_name_plural = _("events indexes")

    def events(self):
        """Live, public events under this index (the visitor's language tree)."""
        return without_aliases(public(EventPage.objects.child_of(self).live()))

    # Wagtail page URLs allow no dot: the calendar lives at …/ics/ (served as events.ics).
    @path("ics/")
    def calendar_feed(self, request):
        events, theme = upcoming_for_feed(self, request)
        name = f"{self.title} – {theme.name}" if theme else self.title
        return calendar_response(events, request, name, filename="events.ics")

    @path("feed/")
    def news_feed(self, request):
        return UpcomingEventsFeed(self)(request)


class EventPage(ThemedPageMixin, AgendaTaggedMixin, RoutablePageMixin, BasePage):
    """A peer-learning event, policy debate, webinar or conference."""

    base_form_class = EventPageForm

    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, help_text=_("What kind of event.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        default="Europe/Madrid",
        help_text=_(
            "Where the event happens (for online events: the organisers' time zone). "
            "Dates and times below are in this time zone."
        ),
    )
    start_date = models.DateField(
        _("start date"), help_text=_("First day, in the event's time zone.")
    )
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an all-day event."),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Last day, for events over several days. Empty: the same day."),
    )
    end_time = models.TimeField(
        _("end time"), null=True, blank=True, help_text=_("Leave empty for an all-day event.")
    )
    # The same moments as aware datetimes in UTC, computed on save: for ordering and the
    # upcoming/past split. An all-day event ends at midnight after its last day, local time.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)

    event_format = models.CharField(
        _("format"),
        max_length=20,
        choices=EventFormat.choices,
        default=EventFormat.IN_PERSON,
        help_text=_("In person, online, or both."),
    )
    venue = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("Name and address of the venue.")
    )
    city = models.CharField(_("city"), max_length=120, blank=True, help_text=_("e.g. Tangier."))
    country = CountryField(_("country"), blank=True, help_text=_("The country of the venue."))
    host_city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("host city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
        help_text=_(
            "The city's page, if it has one: the event is listed on it. "
            "The match_cities command suggests one from the city and country above."
        ),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Where to join online (video call, stream)."),
    )
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("Where to register.")
    )
    registration_deadline = models.DateField(
        _("registration deadline"), null=True, blank=True, help_text=_("Last day to register.")
    )
    languages = LanguageListField(_("languages spoken"), help_text=_("Languages the speakers use."))
    interpretation = LanguageListField(
        _("interpretation"), help_text=_("Languages offered through simultaneous interpretation.")
    )
    organisers = ParentalManyToManyField(
        "taxonomy.Partner",
        verbose_name=_("organisers and partners"),
        blank=True,
        related_name="+",
        help_text=_("Who organises the event with the committee."),
    )
    body = StreamField(
        BODY_BLOCKS,
        blank=True,
        verbose_name=_("body"),
        help_text=_("Programme, speakers and practical information."),
    )
    outcomes = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("outcomes"),
        help_text=_("After the event: resources it produced (reports, recordings, briefs)."),
    )
    report_url = models.URLField(
        _("report link"),
        blank=True,
        help_text=_("After the event: its report, if published elsewhere."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("Date and time"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("event_format"),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("host_city"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_deadline")],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("languages"), FieldPanel("interpretation")], heading=_("Languages")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("organisers"), FieldPanel("themes"), FieldPanel("agenda_references")],
            heading=_("Organisers and tags"),
        ),
        MultiFieldPanel(
            [FieldPanel("outcomes"), FieldPanel("report_url")], heading=_("After the event")
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("venue"),
        index.SearchField("city"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
        index.FilterField("kind"),
    ]
    translatable_fields = BasePage.base_translatable_fields + [
        TranslatableField("venue"),
        TranslatableField("city"),
        TranslatableField("body"),
        TranslatableField("outcomes"),
        SynchronizedField("kind"),
        SynchronizedField("time_zone"),
        SynchronizedField("start_date"),
        SynchronizedField("start_time"),
        SynchronizedField("end_date"),
        SynchronizedField("end_time"),
        SynchronizedField("event_format"),
        SynchronizedField("country"),
        SynchronizedField("host_city"),
        SynchronizedField("online_url"),
        SynchronizedField("registration_url"),
        SynchronizedField("registration_deadline"),
        SynchronizedField("languages"),
        SynchronizedField("interpretation"),
        SynchronizedField("report_url"),
    ]
    resolved_stream_fields = ("body", "outcomes")

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def shown_on(self):
        """Besides its themes' work areas: its host city's page, in every language."""
        return super().shown_on() | page_versions([self.host_city])

    def clean(self):
        super().clean()
        if self.start_date is None:
            return
        errors = {}
        if (self.start_time is None) != (self.end_time is None):
            errors["end_time"] = _("Give both a start and an end time, or neither (all-day).")
        elif self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        else:
            try:
                start, end = self.compute_moments()
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                errors["time_zone"] = _("Choose a time zone from the list.")
            else:
                if end <= start:
                    errors["end_time"] = _("The event must end after it starts.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.start_date is not None:
            self.starts_at, self.ends_at = self.compute_moments()
        super().save(*args, **kwargs)

    # Display logic -----------------------------------------------------------------------

    @classmethod
    def complete_cards(cls, pairs, request=None):
        """An event's card, wherever it is listed: its kind, a calendar leaf of its first day,
        when (in its own time zone), format and place, and whether it is over."""
        for event, card in pairs:
            card.kind = event.get_kind_display()
            card.when = event_when(event)
            card.badge = (
                date_format(event.local_start, "j"),
                date_format(event.local_start, "M"),
            )
            card.meta = event.get_event_format_display()
            card.place = joined(
                part for part in (event.city, event.country.name if event.country else "") if part
            )
            card.ended = event.has_ended

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def last_date(self):
        return self.end_date or self.start_date

    def compute_moments(self):
        """(start, end) as aware datetimes in UTC, from the local dates and times."""
        tz = self.tz
        if self.all_day:
            start = datetime.datetime.combine(self.start_date, datetime.time.min, tz)
            end = datetime.datetime.combine(
                self.last_date + datetime.timedelta(days=1), datetime.time.min, tz
            )
        else:
            start = datetime.datetime.combine(self.start_date, self.start_time, tz)
            end = datetime.datetime.combine(self.last_date, self.end_time, tz)
        return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.tz)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.tz)

    @property
    def utc_offset(self):
        """e.g. UTC+01:00 or UTC−06:00, the offset in force at the event's start. A minus sign
        (U+2212), not a hyphen: correct, and no line break inside it."""
        offset = self.local_start.strftime("%z").replace("-", "\u2212")
        return f"UTC{offset[:3]}:{offset[3:]}"

    @property
    def has_ended(self):
        return self.ends_at <= timezone.now()

    @property
    def is_multi_day(self):
        return self.last_date != self.start_date

    @property
    def language_names(self):
        return [language_label(code) for code in self.languages]

    @property
    def interpretation_names(self):
        return [language_label(code) for code in self.interpretation]

    @cached_property
    def location_text(self):
        parts = [self.venue, self.city, self.country.name if self.country else ""]
        return joined(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["when"] = event_when(self)
        context["time_zone_label"] = time_zone_label(self)
        context["page_themes"] = linked_tags(
            localize_instances(list(self.themes.all())), parent_url(self.get_url(request))
        )
        context["organiser_entries"] = partner_entries(list(self.organisers.all()))
        return context

    @path("ics/")
    def calendar_file(self, request):
        return calendar_response([self], request, self.title, filename=f"{self.slug}.ics")
