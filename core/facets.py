"""The one facet engine of the listings: a listing's filters are declared once, as a
django-filter `FilterSet` (a `ListingFilters`), and that declaration gives its form, its
query parameters (the page cache's key), the filtering of its queryset and the counts of
its options.

    class CityFilters(ListingFilters):
        counted = True  # each option says how many items it would list
        country = Facet("country", label=_("Country"), choices=found_values(country_name))
        region = Facet("region", label=_("Region"), choices=Region.choices)
        theme = TaxonomyFacet("themes", Theme, label=_("Theme"))

A `Facet` is a query parameter (the attribute's name) with its label, its choices and the
item's field it reads (`field_name`, a lookup path: "kind", "publication_date__year",
"files__language", "themes__translation_key"). django-filter filters the queryset on that
path; a counted listing reads the same path into a `FacetIndex` (one query for the item's
own fields, one per many-valued facet) and counts in memory: each option counts the items
matching every *other* chosen filter, as choosing it would list. Counting through SQL
instead (one aggregate per facet over the filtered queryset, django-filter's way) was
measured several times slower: `scripts/benchmark_library.py` (rows "counts: SQL" and
"counts: index"), figures in docs/architecture.md. A `Parameter` is a query parameter the
listing reads itself (a text query, a sort order, a tab): declared with the facets so the
form and the cache know it.

Invalid values are dropped, never an error (`core.forms.ListingFilterForm`); the listing
then tells the page cache not to store the response (`core.listing.Listing.query_is_valid`).
"""

import hashlib

import django_filters
from django import forms
from django.db.models.constants import LOOKUP_SEP
from django.utils import translation
from django.utils.functional import cached_property

from core.forms import ListingFilterForm


class Parameter(django_filters.Filter):
    """A query parameter the listing reads itself from `chosen` (a text query, a sort order,
    a tab): a form field of the given class, which filters nothing here."""

    def __init__(self, field_class=forms.CharField, **kwargs):
        self.field_class = field_class
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return qs


class Facet(django_filters.Filter):
    """A filter whose options a visitor picks from, each with its count when the listing's
    filters are `counted`.

    `field_name` is the lookup path of the items' value (several values through a
    many-to-many or reverse relation: the queryset is then made distinct); `choices` is a
    list of (value, label), or a callable given the `ListingFilters` and the facet
    (`found_values`, `TaxonomyFacet`'s); `coerce` types the value (int for a year); `key`
    turns a chosen value into what the items hold (a taxonomy's slug into its translation
    key). With `method`, django-filter's hook, the facet filters through that method of the
    FilterSet and cannot be counted.
    """

    def __init__(self, field_name=None, *, label, choices=(), coerce=None, key=None, **kwargs):
        self.choices_source, self.coerce, self.key = choices, coerce, key
        if coerce is not None:
            kwargs.update(coerce=coerce, empty_value=None)
        super().__init__(field_name, label=label, **kwargs)

    @property
    def field_class(self):
        return forms.TypedChoiceField if self.coerce is not None else forms.ChoiceField

    def get_choices(self, filters):
        """[(value, label)] a visitor may pick, without the "All" option."""
        if callable(self.choices_source):
            return list(self.choices_source(filters, self))
        return list(self.choices_source)

    def lookup_value(self, value):
        """What the items hold for a chosen value."""
        return self.key(value) if self.key is not None else value

    def stored(self, value):
        """A chosen value's key in a `FacetIndex`."""
        return str(self.lookup_value(value))

    def is_many(self, model):
        """Whether an item may have several values (a relation to many)."""
        field = model._meta.get_field(self.field_name.split(LOOKUP_SEP, 1)[0])
        return bool(field.many_to_many or field.one_to_many)

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        qs = qs.filter(**{f"{self.field_name}__{self.lookup_expr}": self.lookup_value(value)})
        return qs.distinct() if self.is_many(qs.model) else qs


class TaxonomyFacet(Facet):
    """A facet on a translatable snippet (themes, publishers): the options are the live
    snippets of the visitor's language, in the model's order (by name), by slug; the items
    match through the snippet's translation key, the same in every language, since a page
    keeps the snippets of its source language."""

    def __init__(self, relation, model, *, label, label_attribute="name", **kwargs):
        self.model_class, self.label_attribute = model, label_attribute
        super().__init__(f"{relation}__translation_key", label=label, **kwargs)

    @cached_property
    def snippets(self):
        """{slug: snippet} of the visitor's language (one query per request: each
        FilterSet holds its own copy of its filters)."""
        language = translation.get_language()
        snippets = self.model_class.objects.filter(live=True, locale__language_code=language)
        return {snippet.slug: snippet for snippet in snippets}

    def get_choices(self, filters):
        return [(slug, getattr(s, self.label_attribute)) for slug, s in self.snippets.items()]

    def lookup_value(self, value):
        return str(self.snippets[value].translation_key)


class RelatedPageFacet(Facet):
    """A facet on related pages (a resource's cities): the options are the live pages of
    the visitor's language that some item points to, by title, chosen by slug; the items
    match through the page's translation key, the same in every language (a translation
    keeps the pages its source chose)."""

    def __init__(self, relation, model, *, label, **kwargs):
        self.page_model = model
        super().__init__(f"{relation}__translation_key", label=label, **kwargs)

    @cached_property
    def pages(self):
        """{slug: page} of the visitor's language (one query per request)."""
        language = translation.get_language()
        pages = self.page_model.objects.live().filter(locale__language_code=language)
        return {page.slug: page for page in pages.only("title", "slug", "translation_key")}

    def get_choices(self, filters):
        found = {value for value, _label in found_values()(filters, self)}
        chosen = [(s, p.title) for s, p in self.pages.items() if str(p.translation_key) in found]
        return sorted(chosen, key=lambda choice: (choice[1].casefold(), choice[0]))

    def lookup_value(self, value):
        return str(self.pages[value].translation_key)


def found_values(label=None, *, reverse=False, by_label=False):
    """Choices read from the items themselves (the years, languages or countries that
    occur): from the listing's facet index when it has one, else one query. Each value is
    labelled by `label(value)` (the value itself by default); sorted by value (`reverse`:
    the highest first) or by label."""

    def choices(filters, facet):
        if filters.index is not None and facet.field_name in filters.index.masks:
            values = filters.index.masks[facet.field_name]
        else:
            path = facet.field_name
            values = filters.queryset.order_by().values_list(path, flat=True).distinct()
        values = {str(value) for value in values if value not in (None, "")}
        labelled = [(value, label(value) if label else value) for value in values]
        if by_label:
            return sorted(labelled, key=lambda pair: (str(pair[1]), pair[0]))
        return sorted(labelled, reverse=reverse)

    return choices


class FacetIndex:
    """Which items have which value of each counted facet: one Python integer per value,
    used as a bit set (bit *p*: the item at position *p* of `ids`, in the queryset's order).
    Filtering is `&`, a count is `int.bit_count()`: microseconds for any number of items.

    `masks` is keyed by each facet's `field_name`, its values by `Facet.stored`."""

    def __init__(self, ids, masks=None):
        self.ids = ids  # position -> item id
        self.masks = masks or {}  # field_name -> {value: bitmask}

    @property
    def everything(self):
        return (1 << len(self.ids)) - 1

    def mask_of(self, item_ids):
        if not hasattr(self, "_positions"):
            self._positions = {item_id: p for p, item_id in enumerate(self.ids)}
        mask = 0
        for item_id in item_ids:
            position = self._positions.get(item_id)
            if position is not None:
                mask |= 1 << position
        return mask

    def counts(self, field_name, mask):
        """{value: items of `mask` having it} for one facet."""
        return {value: (bits & mask).bit_count() for value, bits in self.masks[field_name].items()}

    def positions(self, mask):
        """The positions in `mask`, in the index's order."""
        bits = bin(mask)[:1:-1]  # the binary digits, bit 0 first
        return [p for p, bit in enumerate(bits) if bit == "1"]

    def ids_in(self, mask):
        return [self.ids[p] for p in self.positions(mask)]

    def __getstate__(self):  # kept in the shared cache: no position map
        return {key: value for key, value in self.__dict__.items() if key != "_positions"}


def build_index(queryset, filters_class, index_class=FacetIndex, extra_fields=()):
    """The facet index of `queryset` for the counted facets of `filters_class`: one query for
    the items' own fields (and `extra_fields`), one per many-valued facet, whatever the
    number of items. Returns (index, rows): rows are (pk, *own facet values, *extra_fields),
    in the queryset's order."""
    model = queryset.model
    facets = filters_class.facets()
    own = [f for f in facets.values() if not f.is_many(model)]
    rows = list(queryset.values_list("pk", *(f.field_name for f in own), *extra_fields))
    position = {row[0]: p for p, row in enumerate(rows)}
    masks = {facet.field_name: {} for facet in facets.values()}

    def add(field_name, item_id, value):
        p = position.get(item_id)
        if p is not None and value is not None:
            values = masks[field_name]
            values[str(value)] = values.get(str(value), 0) | 1 << p

    for row in rows:
        for column, facet in enumerate(own, start=1):
            add(facet.field_name, row[0], row[column])
    listed = queryset.order_by().values("pk")
    for facet in facets.values():
        if facet.is_many(model):
            pairs = (
                model._base_manager.filter(pk__in=listed, **{f"{facet.field_name}__isnull": False})
                .order_by()
                .values_list("pk", facet.field_name)
            )
            for item_id, value in pairs:
                add(facet.field_name, item_id, value)
    return index_class(ids=list(position), masks=masks), rows


class ListingFilters(django_filters.FilterSet):
    """The filters of one listing, declared once: `Facet`s and `Parameter`s, in the order
    the form shows them. `counted = True`: every facet's options show how many items they
    would list (the listing builds or keeps a `FacetIndex` for it)."""

    counted = False

    class Meta:
        form = ListingFilterForm

    def __init__(self, data, queryset, *, request=None, index=None):
        super().__init__(data, queryset, request=request)
        self.index = index

    @classmethod
    def facets(cls):
        """{parameter: Facet} of the declaration, in its order: what an index is built
        from. A request reads its own copies (`facet_filters`): a taxonomy's snippets are
        those of its language."""
        return {name: f for name, f in cls.base_filters.items() if isinstance(f, Facet)}

    def facet_filters(self):
        return {name: f for name, f in self.filters.items() if isinstance(f, Facet)}

    @classmethod
    def signature(cls):
        """What a facet index built for this declaration depends on (kept indexes of
        another declaration are not reused)."""
        paths = ",".join(f"{name}={f.field_name}" for name, f in cls.facets().items())
        return hashlib.sha1(paths.encode(), usedforsecurity=False).hexdigest()[:12]

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for name, f in self.filters.items():
                if isinstance(f, Facet):
                    form.set_choices(name, f.get_choices(self))
        return self._form

    @cached_property
    def chosen(self):
        """The valid values of the query string; the others are dropped as if absent."""
        return self.form.valid_values()

    def filter_queryset(self, queryset):
        self.form.is_valid()
        return super().filter_queryset(queryset)

    def picked(self):
        """{facet parameter: bit set of the items having the chosen value} for every chosen
        facet (an index built for these filters)."""
        return {
            name: self.index.masks[f.field_name].get(f.stored(self.chosen[name]), 0)
            for name, f in self.facet_filters().items()
            if name in self.chosen
        }

    def matching(self, within, picked, excluding=None):
        """The items of `within` matching every chosen facet but `excluding`."""
        mask = within
        for name, bits in picked.items():
            if name != excluding:
                mask &= bits
        return mask

    def facet_options(self, within):
        """Each facet with its options and their kept counts: [{name, field, selected,
        options: [(value, label, count)]}]; an option that would list nothing is left out,
        unless chosen. `within`: the items the listing starts from (a text search's
        matches, or all of them)."""
        picked = self.picked()
        found = []
        for name, f in self.facet_filters().items():
            counts = self.index.counts(f.field_name, self.matching(within, picked, name))
            selected = str(self.chosen.get(name, ""))
            options = [
                (value, label, counts.get(f.stored(value), 0))
                for value, label in f.get_choices(self)
            ]
            found.append(
                {
                    "name": name,
                    "field": self.form[name],
                    "selected": selected,
                    "options": [o for o in options if o[2] or str(o[0]) == selected],
                }
            )
        return found

    def label_counts(self, facets):
        """Write the counts into the form's options ("Morocco (3)"), for forms rendered by
        field: the options `facet_options` leaves out go."""
        for facet in facets:
            self.form.set_choices(
                facet["name"], [(value, f"{label} ({n})") for value, label, n in facet["options"]]
            )
