"""An in-memory facet index of each resource library: one bitmask per facet value.

Counting facets in SQL means one aggregate per facet over the whole filtered set on every
request (hundreds of milliseconds at 10,000 resources on PostgreSQL). Here the library's
facet data, for the facets it declares (`resources.library.LibraryFilters`), is read by the
listings' one facet engine (`core.facets.build_index`: a query for the resources' own
fields, one per many-valued facet) once after every change and kept as Python integers
used as bit sets: bit *p* stands for the resource at position *p*, positions in
newest-first order. Filtering is `&`, a count is `int.bit_count()`; a request costs
microseconds for any number of facets and resources.

Freshness: the indexes follow their own generation (`index_generation`, see
caching.invalidation), renewed whenever a resource, a file of one, a view restriction or a
taxonomy item changes (resources.signals). An index is shared through the cache under its
generation's token, so a change costs one rebuild across the whole site, and each process
keeps the indexes of the current token in a `LocalMemo`.
"""

from django.core.cache import cache

from caching.invalidation import Generation, LocalMemo
from core.facets import FacetIndex, build_index

INDEX_TIMEOUT = 24 * 3600

index_generation = Generation("library-index")
# Indexes this process built or fetched, by library id: one library per language, with room.
local_indexes = LocalMemo(size=32)


class LibraryIndex(FacetIndex):
    """A library's `core.facets.FacetIndex` (positions newest first), with its order by
    title and the text searches run on it in this process: (query, ranked) -> (mask,
    scores). They share the index's life, so a change to any resource forgets them too."""

    def __init__(self, ids, masks=None):
        super().__init__(ids, masks)
        self.text_matches = {}
        self.title_order = []  # positions sorted by title

    def ordered_ids(self, mask, sort):
        """Page ids in `mask`, in the order `sort` (newest, oldest, title)."""
        positions = self.positions(mask)  # newest first
        if sort == "title":
            chosen = set(positions)
            positions = [p for p in self.title_order if p in chosen]
        elif sort == "oldest":
            positions.reverse()
        return [self.ids[p] for p in positions]


def build(library, filters_class):
    """Read the library's facet data for the facets `filters_class` declares: a query for
    the resources' own fields, one per many-valued facet (themes, publishers, languages of
    the files), whatever the library's size."""
    resources = library.resources().order_by("-publication_date", "-pk")
    index, rows = build_index(resources, filters_class, LibraryIndex, extra_fields=("title",))
    index.title_order = sorted(range(len(rows)), key=lambda p: (rows[p][-1].casefold(), p))
    return index


def library_index(library, filters_class):
    """The current index of a library: from this process, the shared cache, or built."""
    token = index_generation.current()
    if token is None:  # the cache is down: nothing can be kept
        return build(library, filters_class)
    name = (library.pk, filters_class.signature())
    index = local_indexes.get(name, token)
    if index is not None:
        return index
    key = f"resources:library-index:{library.pk}:{name[1]}:{token}"
    index = cache.get(key)
    if index is None:
        index = build(library, filters_class)
        cache.set(key, index, timeout=INDEX_TIMEOUT)
    local_indexes.put(name, token, index)
    return index
