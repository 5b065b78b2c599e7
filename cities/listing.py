"""The cities index: every city of the visitor's language on a map and in cards, filtered by
country, region, role and theme, each option with how many cities it would show."""

from django.utils.translation import gettext_lazy as _
from django_countries import countries as iso_countries

from cities.models import CityPage, CityRole, Region
from core.facets import Facet, ListingFilters, found_values
from core.i18n import without_aliases
from core.visibility import public
from graphics.svg_maps import city_map
from taxonomy.listing import ThemedListing, theme_facet


def country_name(code):
    return str(iso_countries.name(code))


class CityFilters(ListingFilters):
    counted = True  # "Morocco (3)": the cities each option would show, the others kept
    country = Facet(
        "country", label=_("Country"), choices=found_values(country_name, by_label=True)
    )
    region = Facet("region", label=_("Region"), choices=Region.choices)
    role = Facet("role", label=_("Role"), choices=CityRole.choices)
    theme = theme_facet()


class CityListing(ThemedListing):
    filterset_class = CityFilters
    page_size = 24

    def get_queryset(self):
        return without_aliases(public(CityPage.objects.child_of(self.page).live()))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by("title")

    def card(self, item, rendition):
        card = super().card(item, rendition)
        card.kind = ""  # a city's card says its country and role (CityPage.complete_cards)
        return card

    def get_context(self):
        context = super().get_context()
        cities = list(self.filter_queryset(self.get_queryset()))
        context["city_map"] = city_map([city.map_point(self.request) for city in cities])
        context["city_count"] = len(cities)
        return context
