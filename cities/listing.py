"""The cities index: every city of the visitor's language on a map and in cards, filtered by
country, region, role and theme, each option with how many cities it would show."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries as iso_countries

from cities.models import CityPage, CityRole, Region
from core.forms import ListingFilterForm
from core.i18n import without_aliases
from core.visibility import public
from graphics.svg_maps import city_map
from taxonomy.listing import ThemedListing

FACETS = ("country", "region", "role", "theme")


class CityFilterForm(ListingFilterForm):
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    def __init__(self, data, themes, country_codes):
        super().__init__(data)
        names = sorted((str(iso_countries.name(code)), code) for code in country_codes)
        self.set_choices("country", [(code, name) for name, code in names])
        self.set_choices("region", Region.choices)
        self.set_choices("role", CityRole.choices)
        self.set_choices("theme", [(t.slug, t.name) for t in themes])

    def show_counts(self, counts):
        """Label each option with its number of cities ("Morocco (3)"); options that would
        show none are left out, unless chosen."""
        chosen = self.valid_values()
        for name, by_value in counts.items():
            field = self.fields[name]
            field.choices = [
                (value, label if value == "" else f"{label} ({by_value.get(value, 0)})")
                for value, label in field.choices
                if value == "" or by_value.get(value) or chosen.get(name) == value
            ]


class CityListing(ThemedListing):
    form_class = CityFilterForm
    page_size = 24

    def get_queryset(self):
        return without_aliases(public(CityPage.objects.child_of(self.page).live()))

    @cached_property
    def facts(self):
        """{pk: {facet: set of values}} of every city listed here: two queries, for the
        counts of every option of every filter."""
        rows = list(self.get_queryset().values_list("pk", "country", "region", "role"))
        facts = {
            pk: {"country": {country}, "region": {region}, "role": {role}, "theme": set()}
            for pk, country, region, role in rows
        }
        slugs = {theme.translation_key: theme.slug for theme in self.themes}
        through = CityPage.themes.through.objects.filter(citypage_id__in=facts)
        for pk, key in through.values_list("citypage_id", "theme__translation_key"):
            if key in slugs:
                facts[pk]["theme"].add(slugs[key])
        return facts

    def get_form_kwargs(self):
        codes = {code for fact in self.facts.values() for code in fact["country"] if code}
        return {"themes": self.themes, "country_codes": codes}

    def facet_counts(self):
        """{facet: {value: cities}}: for each filter, the cities matching every *other*
        chosen filter, counted by this filter's values."""
        chosen = {name: self.chosen[name] for name in FACETS if name in self.chosen}
        counts = {name: {} for name in FACETS}
        for fact in self.facts.values():
            for name in FACETS:
                others = all(
                    value in fact[other] for other, value in chosen.items() if other != name
                )
                if others:
                    for value in fact[name]:
                        counts[name][value] = counts[name].get(value, 0) + 1
        return counts

    def filter_queryset(self, queryset):
        for name in ("country", "region", "role"):
            if name in self.chosen:
                queryset = queryset.filter(**{name: self.chosen[name]})
        return super().filter_queryset(queryset).order_by("title")

    def card(self, item, rendition):
        card = super().card(item, rendition)
        card.kind = ""  # a city's card says its country and role (CityPage.complete_cards)
        return card

    def get_context(self):
        context = super().get_context()
        self.form.show_counts(self.facet_counts())
        cities = list(self.filter_queryset(self.get_queryset()))
        context["city_map"] = city_map([city.map_point(self.request) for city in cities])
        context["city_count"] = len(cities)
        return context
