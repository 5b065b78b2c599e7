"""Cities: the network's members and partners, each a page in every language, and the index
that maps and filters them.

A city is a page (translatable: its name, introduction and links are translated through
wagtail-localize; its country, region, role and coordinates are synchronised). What the rest
of the site links to a city (projects, hosted events, endorsements, resources) is declared by
those apps in `cities.links`: they sit above this app, which names none of them.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_countries import countries as iso_countries
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cities.links import city_feed, city_sections
from core.blocks import LinkBlock
from core.listing import ListingIndexMixin
from core.models import BasePage, SectionIndexPage
from core.text import plain_text
from graphics.maps import contains, country, country_at
from graphics.svg_maps import MapPoint, city_map
from taxonomy.models import ThemedPageMixin

# How far (in degrees) a city may lie from its country's outline at the map data's 1:110m
# scale, where coasts are simplified and a port can sit a few kilometres at sea.
COUNTRY_TOLERANCE = 0.6


class Region(models.TextChoices):
    """The world network's regional sections."""

    AFRICA = "africa", _("Africa")
    ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific")
    EURASIA = "eurasia", _("Eurasia")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin_america", _("Latin America")
    MIDDLE_EAST = "middle_east", _("Middle East and West Asia")
    NORTH_AMERICA = "north_america", _("North America")


class CityRole(models.TextChoices):
    """A city's place in the committee."""

    CO_CHAIR = "co_chair", _("Co-chair of the committee")
    VICE_CHAIR = "vice_chair", _("Vice-chair of the committee")
    MEMBER = "member", _("Member of the committee")
    PARTNER = "partner", _("Partner city")


class CityIndexPage(ListingIndexMixin, SectionIndexPage):
    """The cities of one language: a map and a filtered listing."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cities.CityPage"]
    template = "cities/city_index_page.html"
    listing_class = "cities.listing.CityListing"
    # Its theme filter offers every theme (caching.cache_purge: their changes show here).
    shows_every = ("taxonomy.Theme",)

    class Meta:
        verbose_name = _("cities index")
        verbose_name_plural = _("cities indexes")


def coordinates_problem(country_code, latitude, longitude):
    """Why (latitude, longitude) cannot be in `country_code`, or "" when they can (or the
    map data does not hold the country: small states are missing at this scale)."""
    try:
        shape = country(country_code)
    except LookupError:
        return ""
    lat, lon = float(latitude), float(longitude)
    if contains(shape.polygons, lon, lat, tolerance=COUNTRY_TOLERANCE):
        return ""
    names = {"country": iso_countries.name(country_code)}
    if -90 <= lon <= 90 and contains(shape.polygons, lat, lon, tolerance=COUNTRY_TOLERANCE):
        return _("These coordinates are swapped: the latitude comes first (north is positive).")
    found = country_at(lon, lat, tolerance=COUNTRY_TOLERANCE)
    if found is not None and found.alpha2:
        return _("These coordinates lie in %(found)s, not in %(country)s.") % {
            **names,
            "found": iso_countries.name(found.alpha2),
        }
    return _("These coordinates lie outside %(country)s.") % names


class CityPage(RoutablePageMixin, ThemedPageMixin, BasePage):
    """A city of the network: who it is, its role, and everything it takes part in."""

    country = CountryField(_("country"), help_text=_("The country the city is in."))
    region = models.CharField(
        _("region"),
        max_length=20,
        choices=Region.choices,
        help_text=_("The network's regional section the city belongs to."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
        help_text=_("Degrees north (negative: south), e.g. 35.7595 for Tangier."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
        help_text=_("Degrees east (negative: west), e.g. -5.8340 for Tangier."),
    )
    role = models.CharField(
        _("role in the committee"),
        max_length=20,
        choices=CityRole.choices,
        default=CityRole.MEMBER,
        help_text=_("Members take part in the committee; partner cities in its projects."),
    )
    member_since = models.PositiveSmallIntegerField(
        _("member since"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2004), MaxValueValidator(2100)],
        help_text=_("The year the city joined the committee (the network was founded in 2004)."),
    )
    introduction = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A short paragraph on the city and its work with the committee."),
    )
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("links"),
        help_text=_("The city's website, its policies and contacts."),
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("country"), FieldPanel("region")], heading=_("Where")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Coordinates"),
            help_text=_("Where the city's dot goes on the maps: its centre, in degrees."),
        ),
        FieldRowPanel([FieldPanel("role"), FieldPanel("member_since")], heading=_("Membership")),
        FieldPanel("introduction"),
        FieldPanel("links"),
        FieldPanel("themes"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("country_name"),
        index.FilterField("country"),
        index.FilterField("region"),
    ]
    translatable_fields = BasePage.base_translatable_fields + [
        TranslatableField("introduction"),
        TranslatableField("links"),
        SynchronizedField("country"),
        SynchronizedField("region"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("role"),
        SynchronizedField("member_since"),
    ]
    resolved_stream_fields = ("links",)

    parent_page_types = ["cities.CityIndexPage"]
    subpage_types = []
    template = "cities/city_page.html"

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def clean(self):
        super().clean()
        if self.country and self.latitude is not None and self.longitude is not None:
            problem = coordinates_problem(self.country.code, self.latitude, self.longitude)
            if problem:
                raise ValidationError({"latitude": problem, "longitude": problem})

    @property
    def social_description(self):
        """Its own description, else its introduction's text: every city page tells search
        engines and social previews what it is."""
        own = super().social_description
        if own or not self.introduction:
            return own
        return Truncator(plain_text(self.introduction)).chars(300)

    def country_name(self):
        """The country's name in the active language (searchable in each language)."""
        return str(self.country.name) if self.country else ""

    def map_point(self, request=None, detail=""):
        return MapPoint(
            label=self.title,
            url=self.get_url(request) or "",
            lon=float(self.longitude),
            lat=float(self.latitude),
            country=self.country.code if self.country else "",
            detail=detail,
        )

    @classmethod
    def complete_cards(cls, pairs, request):
        """A city's card says its country and role."""
        for page, card in pairs:
            card.place = page.country_name()
            card.meta = page.get_role_display()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Everything linked to the city, in the visitor's language: a few queries per kind
        # of content whatever their number (cities.links).
        sections = SimpleLazyObject(lambda: city_sections(self, request))
        context["city_sections"] = sections
        # Its region around it: wide enough to tell where it is (about 30° of longitude).
        context["city_map"] = city_map([self.map_point(request)], size=(640, 400), min_span=30.0)
        return context

    @path("feed/")
    def news_feed(self, request):
        """An Atom feed of what is new about the city (pages linked to it)."""
        return city_feed(self, request)
