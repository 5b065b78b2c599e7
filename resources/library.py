"""The resource library: text search, combinable facets with counts, sorting, pagination.

Cost is constant per page of results, whatever the library's size: the facets declared in
`LibraryFilters` (core.facets) are filtered and counted in memory on the library's facet
index (resources.facet_index); the database is asked for the text search's matches, the
ranking when sorting by relevance, and the listed page's resources with their themes, files
and images. Text search goes through Wagtail's search backend (PostgreSQL full-text search,
SQLite FTS5 or the fallback).
"""

from django import forms
from django.db import connection
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from caching import page_cache
from cities.models import CityPage
from core.facets import (
    Facet,
    ListingFilters,
    Parameter,
    RelatedPageFacet,
    TaxonomyFacet,
    found_values,
)
from core.fields import language_label
from core.images import PictureSpec
from resources.facet_index import library_index
from resources.models import ResourceKind, ResourcePage
from search import analysis
from search.views import clean_query
from search.vocabulary import suggestion
from taxonomy.listing import ThemedListing, theme_facet
from taxonomy.models import Partner

SQLITE_RANK_LIMIT = 500


class LibraryQueryField(forms.CharField):
    """The library's text query: words only (`search.views.clean_query`)."""

    def clean(self, value):
        return clean_query(super().clean(value))


class LibraryFilters(ListingFilters):
    """Every filter of the library, counted on its facet index (resources.facet_index)."""

    counted = True
    q = Parameter(LibraryQueryField, label=_("Search the library"), strip=True)
    theme = theme_facet()
    kind = Facet("kind", label=_("Kind"), choices=ResourceKind.choices)
    year = Facet(
        "publication_date__year", label=_("Year"), choices=found_values(reverse=True), coerce=int
    )
    language = Facet(
        "files__language", label=_("Language of the files"), choices=found_values(language_label)
    )
    publisher = TaxonomyFacet(
        "publishers", Partner, label=_("Publisher"), label_attribute="display_name"
    )
    city = RelatedPageFacet("cities", CityPage, label=_("City"))
    sort = Parameter(
        forms.ChoiceField,
        label=_("Sort by"),
        choices=[
            ("", _("Most relevant first, or newest")),
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("Title")),
        ],
    )


class KnownCount:
    """A ranked queryset whose size is already known: the paginator slices it without
    asking the database to count the matches again."""

    def __init__(self, queryset, count):
        self.queryset, self._count = queryset, count

    def count(self):
        return self._count

    def __getitem__(self, item):
        return self.queryset[item]


class LibraryListing(ThemedListing):
    """The library's listing: its facet index filters, counts and orders; the database
    fetches the listed page of resources (with the themed listings' cards and tags)."""

    # Each result shows its publication's cover, whole and small (A4's proportions), in
    # WebP: a list of 20 stays light on a phone.
    image_spec = PictureSpec(ratio=(12, 17), widths=(120, 240), sizes="120px")
    stand_ins = False  # a resource without a cover shows none (no 16:9 stand-in in a 12:17 slot)

    filterset_class = LibraryFilters
    page_size = 20

    def __init__(self, page, request):
        super().__init__(page, request)
        self.index = library_index(page, self.filterset_class)

    def facet_index(self):
        return self.index

    def get_queryset(self):
        return self.page.resources()

    def latest_items(self, limit):
        """The newest resources, from the facet index (its live, public resources of this
        library): no filter form, themes or publishers needed."""
        ids = self.index.ordered_ids(self.index.everything, "newest")[:limit]
        by_id = ResourcePage.objects.filter(pk__in=ids).in_bulk()
        return [by_id[pk] for pk in ids if pk in by_id]

    @cached_property
    def query(self):
        return self.chosen.get("q", "")

    @cached_property
    def searched(self):
        """(the text search's matches as a bit set of the index, {page id: score} when
        ranked), everything without a query."""
        if not self.query:
            return self.index.everything, None
        return remembered_matches(self.index, self.query, ranked=self.sort == "relevance")

    @cached_property
    def sort(self):
        return self.chosen.get("sort") or ("relevance" if self.query else "newest")

    def facets_within(self):
        return self.searched[0]

    def listed(self):
        """Ids of the matching resources in the chosen order (or the ranked queryset)."""
        index, query = self.index, self.query
        searched, scores = self.searched
        results_mask = self.filters.matching(searched, self.filters.picked())
        total = results_mask.bit_count()
        if query and not total:
            # Free text is no choice the listing offers: a search that finds nothing is
            # served but not stored, or each random string would be one more cache entry.
            page_cache.do_not_store(self.request)
        self.ranking_skipped = False
        if scores is not None:
            # Newest first among equal scores: sorted() keeps the order it is given.
            return sorted(index.ordered_ids(results_mask, "newest"), key=lambda pk: -scores[pk])
        if self.sort == "relevance" and total > SQLITE_RANK_LIMIT:
            # SQLite computes its rank (bm25) row by row: past a few hundred matches, the
            # embedded database sorts by date instead, and says so.
            self.ranking_skipped = True
            return index.ordered_ids(results_mask, "newest")
        if self.sort == "relevance":
            ranked = (
                ResourcePage.objects.filter(pk__in=index.ordered_ids(results_mask, "newest"))
                .search(query)
                .get_queryset()
                .values_list("pk", flat=True)
            )
            return KnownCount(ranked, total)
        return index.ordered_ids(results_mask, self.sort)

    def listed_items(self, object_list):
        return _resources_listed(object_list)

    def get_context(self):
        context = super().get_context()
        query = self.query
        suggestion = self.suggestion(query) if query and not self.searched[0] else None
        context.update(
            {
                "suggestion": suggestion,
                "suggestion_url": self.url_with_query(suggestion) if suggestion else "",
                "query": query,
                "ranking_skipped": self.ranking_skipped,
            }
        )
        return context

    def suggestion(self, query):
        """ "Did you mean …?" when the words match no resource: the closest words of the
        site's pages in this language, if they match resources of this library."""
        proposal = suggestion(analysis.language_of(translation.get_language()), query)
        if proposal and remembered_matches(self.index, proposal, ranked=False)[0]:
            return proposal
        return None

    def url_with_query(self, query):
        """This listing's address with another text query, its filters kept, page 1."""
        parameters = self.request.GET.copy()
        parameters["q"] = query
        parameters.pop("page", None)
        return f"?{parameters.urlencode()}"


TEXT_MATCHES_KEPT = 32  # per library and process: a visitor's query paged and filtered, and
# the day's common ones


def remembered_matches(index, query, ranked):
    """_matches, kept on the library's index for its life: paging through results or choosing
    facets for the same words costs no text search."""
    key = (query.casefold(), ranked)
    found = index.text_matches.pop(key, None)
    if found is None:
        found = _matches(index, query, ranked)
        while len(index.text_matches) >= TEXT_MATCHES_KEPT:
            index.text_matches.pop(next(iter(index.text_matches)))
    index.text_matches[key] = found  # most recently used last
    return found


def _matches(index, query, ranked):
    """(the matches as a bit set of the index, {page id: score} when ranked on PostgreSQL).

    One query over every resource: the index keeps only this library's live, public ones,
    so the database is spared joining the page table to filter by language (a third of the
    query's time at 10,000 resources). Words of one language seldom match the text of
    another, so the matches are mostly in the library's language anyway. On PostgreSQL the
    scores come in the same query, once per match; SQLite scores row by row, so it ranks
    only the listed matches, later, and few of them.
    """
    resources = ResourcePage.objects.all()
    if ranked and connection.vendor == "postgresql":
        rows = (
            resources.search(query)
            .annotate_score("_score")
            .get_queryset()
            .order_by()
            .values_list("pk", "_score")
        )
        scores = dict(rows)
        return index.mask_of(scores), scores
    matches = resources.search(query, order_by_relevance=False).get_queryset()
    return index.mask_of(matches.order_by().values_list("pk", flat=True)), None


def _resources_listed(page_items):
    """The resources of one page of results, in its order, with what their cards show."""
    ids = [item if isinstance(item, int) else item.pk for item in page_items]
    by_id = ResourcePage.objects.filter(pk__in=ids).prefetch_related("themes").in_bulk()
    return [by_id[pk] for pk in ids if pk in by_id]
