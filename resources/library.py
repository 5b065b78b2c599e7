"""The resource library: text search, combinable facets with counts, sorting, pagination.

Cost is constant per page of results, whatever the library's size: the facets are filtered
and counted in memory on the library's facet index (resources.facet_index); the database is
asked for the text search's matches, the ranking when sorting by relevance, and the listed
page's resources with their themes, files and images. Text search goes through Wagtail's
search backend (PostgreSQL full-text search, SQLite FTS5 or the fallback).
"""

from django import forms
from django.db import connection
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from caching import page_cache
from core.fields import language_label
from core.forms import ListingFilterForm
from core.images import PictureSpec
from core.listing import Listing, linked_tags, query_without_page
from resources.facet_index import library_index
from resources.models import ResourceKind, ResourcePage
from search import analysis
from search.views import clean_query
from search.vocabulary import suggestion
from taxonomy.listing import localized_themes_by_page
from taxonomy.models import Partner, Theme

SQLITE_RANK_LIMIT = 500
FACETS = ("theme", "kind", "year", "language", "publisher")


class LibraryForm(ListingFilterForm):
    q = forms.CharField(label=_("Search the library"), required=False, strip=True)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Language of the files"), required=False)
    publisher = forms.ChoiceField(label=_("Publisher"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, data, options):
        super().__init__(data)
        for name in FACETS:
            self.set_choices(name, options[name])
        self.fields["sort"].choices = [
            ("", _("Most relevant first, or newest")),
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("title", _("Title")),
        ]

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])


class KnownCount:
    """A ranked queryset whose size is already known: the paginator slices it without
    asking the database to count the matches again."""

    def __init__(self, queryset, count):
        self.queryset, self._count = queryset, count

    def count(self):
        return self._count

    def __getitem__(self, item):
        return self.queryset[item]


def _facet_value(name, value, themes, publishers):
    """The index's key for a value picked in the form (taxonomies: their translation key,
    the same in every language)."""
    if name == "theme":
        return str(themes[value].translation_key)
    if name == "publisher":
        return str(publishers[value].translation_key)
    return str(value)


class LibraryListing(Listing):
    """The library's listing: the facet index filters, counts and orders; the database
    fetches the listed page of resources."""

    # Each result shows its publication's cover, whole and small (A4's proportions), in
    # WebP: a list of 20 stays light on a phone.
    image_spec = PictureSpec(ratio=(12, 17), widths=(120, 240), sizes="120px")

    form_class = LibraryForm
    page_size = 20

    def __init__(self, page, request):
        super().__init__(page, request)
        self.index = library_index(page)

    @cached_property
    def themes(self):
        return {
            t.slug: t for t in Theme.objects.filter(live=True, locale__language_code=self.language)
        }

    @cached_property
    def publishers(self):
        return {
            p.slug: p
            for p in Partner.objects.filter(live=True, locale__language_code=self.language)
        }

    @cached_property
    def language(self):
        return translation.get_language()

    @cached_property
    def labels(self):
        """Every value a visitor may pick, per facet: the form validates against them."""
        return {
            "theme": [
                (slug, t.name) for slug, t in sorted(self.themes.items(), key=lambda i: i[1].name)
            ],
            "kind": list(ResourceKind.choices),
            "year": [(y, y) for y in sorted(self.index.masks["year"], reverse=True)],
            "language": [
                (code, language_label(code)) for code in sorted(self.index.masks["language"])
            ],
            "publisher": [
                (slug, p.display_name)
                for slug, p in sorted(self.publishers.items(), key=lambda i: i[1].name)
            ],
        }

    def latest_items(self, limit):
        """The newest resources, from the facet index (its live, public resources of this
        library): no filter form, themes or publishers needed."""
        ids = self.index.ordered_ids(self.index.everything, "newest")[:limit]
        by_id = ResourcePage.objects.filter(pk__in=ids).in_bulk()
        return [by_id[pk] for pk in ids if pk in by_id]

    def get_form_kwargs(self):
        return {"options": self.labels}

    def _facet_value(self, name, value):
        return _facet_value(name, value, self.themes, self.publishers)

    def get_context(self):
        index, chosen = self.index, self.chosen
        query = chosen.get("q", "")

        sort = chosen.get("sort") or ("relevance" if query else "newest")
        searched, scores = index.everything, None
        if query:
            searched, scores = remembered_matches(index, query, ranked=sort == "relevance")
        picked = {
            name: index.masks[name].get(self._facet_value(name, chosen[name]), 0)
            for name in FACETS
            if name in chosen
        }

        def filtered(excluding=None):
            mask = searched
            for name, bits in picked.items():
                if name != excluding:
                    mask &= bits
            return mask

        results_mask = filtered()
        total = results_mask.bit_count()
        if query and not total:
            # Free text is no choice the listing offers: a search that finds nothing is
            # served but not stored, or each random string would be one more cache entry.
            page_cache.do_not_store(self.request)
        ranking_skipped = False
        if scores is not None:
            # Newest first among equal scores: sorted() keeps the order it is given.
            listed = sorted(index.ordered_ids(results_mask, "newest"), key=lambda pk: -scores[pk])
        elif sort == "relevance" and total > SQLITE_RANK_LIMIT:
            # SQLite computes its rank (bm25) row by row: past a few hundred matches, the
            # embedded database sorts by date instead, and says so.
            sort, ranking_skipped = "newest", True
            listed = index.ordered_ids(results_mask, sort)
        elif sort == "relevance":
            ranked = (
                ResourcePage.objects.filter(pk__in=index.ordered_ids(results_mask, "newest"))
                .search(query)
                .get_queryset()
                .values_list("pk", flat=True)
            )
            listed = KnownCount(ranked, total)
        else:
            listed = index.ordered_ids(results_mask, sort)

        facets = []
        for name in FACETS:
            counts = index.counts(name, filtered(excluding=name))
            options = [
                (value, label, counts.get(self._facet_value(name, value), 0))
                for value, label in self.labels[name]
            ]
            selected = str(chosen.get(name, ""))
            facets.append(
                {
                    "name": name,
                    "field": self.form[name],
                    "selected": selected,
                    "options": [o for o in options if o[2] or str(o[0]) == selected],
                }
            )

        page = self.paginate(listed)
        active_filters = sum(1 for facet in facets if facet["selected"])
        suggestion = self.suggestion(query) if query and not searched else None
        return {
            "suggestion": suggestion,
            "suggestion_url": self.url_with_query(suggestion) if suggestion else "",
            "filter_form": self.form,
            "active_filters": active_filters,
            "facets": facets,
            "query": query,
            "cards": self.get_cards(_resources_listed(page.object_list)),
            "page_obj": page,
            "paginator": page.paginator,
            "query_without_page": query_without_page(self.request),
            "theme_slug": chosen.get("theme", ""),
            "ranking_skipped": ranking_skipped,
        }

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

    def get_cards(self, items):
        self.themes_by_page = localized_themes_by_page(items)
        return super().get_cards(items)

    def card(self, item, rendition):
        card = super().card(item, rendition)  # kind and date: ResourcePage.complete_cards
        card.tags = linked_tags(self.themes_by_page[item.pk], self.page.get_url(self.request))
        return card


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
