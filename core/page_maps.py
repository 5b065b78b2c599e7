"""Maps of pages that have a place (cities): each page in the visitor's language, drawn by
`graphics.svg_maps`. The pages say where they are with `map_point(request, detail)`, so other
apps map cities without naming the cities app."""

from core.listing import localized_pages
from graphics.svg_maps import city_map


def map_of_pages(pages, request, details=None, **options):
    """(the map or None, [points in name order]) of `pages` (any language versions),
    each shown in the visitor's language where it has a live translation. `details` is
    {translation_key: short text} ("2 endorsements"). One query for the translations."""
    details = details or {}
    localized = localized_pages(pages)
    points = sorted(
        (page.map_point(request, details.get(key, "")) for key, page in localized.items()),
        key=lambda point: point.label.casefold(),
    )
    return city_map(points, **options), points
