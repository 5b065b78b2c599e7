"""Maps of the world's countries, drawn by the site itself from Natural Earth's data
(`graphics/geodata/`, public domain): decoding, projection, which country a point lies in, and
a raster map of a region with cities on it.

The geometry is in plain Python and reusable on its own (a server-side SVG map needs only
`countries()`, `Projection` and `svg_path()`):

- `countries()`: every country, its rings decoded from the TopoJSON (lon, lat in degrees);
  `country("MA")` / `country_polygons("Morocco")` find one by ISO code (alpha-2, alpha-3 or
  numeric) or English name;
- `Box` (west, south, east, north in degrees), `REGIONS` (named boxes) and `fit_box()` (a
  box around points, of a picture's proportions);
- `Projection(box, size)` / `project(lon, lat, box, size)`: an equirectangular projection
  true to scale at the box's middle latitude, fitted into a picture of `size` pixels;
- `contains()` and `country_at()`: which country a point lies in;
- `draw_map()`: a map as a Pillow image, in the site's palette.

Borders at the 1:110m scale are simplified (small islands are missing, a coastal city can
sit a few kilometres off its coast): the maps illustrate where things happen, they are no
statement on where borders lie.
"""

import functools
import json
import math
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path

from django_countries import countries as iso_countries

from graphics.drawing import Canvas, mix, rgba

TOPOLOGY = Path(__file__).parent / "geodata" / "countries-110m.json"

Box = namedtuple("Box", "west south east north")  # degrees

REGIONS = {
    # From the Atlantic coast of Morocco and Portugal to Jordan, the Alps to the Sahara.
    "mediterranean": Box(-12.0, 27.0, 42.0, 50.0),
    "europe": Box(-25.0, 34.0, 45.0, 71.0),
    "africa": Box(-20.0, -36.0, 55.0, 38.0),
    "latin-america": Box(-118.0, -56.0, -34.0, 33.0),
    "world": Box(-180.0, -58.0, 180.0, 84.0),
}


@dataclass(frozen=True)
class Country:
    """A country of Natural Earth's Admin 0 layer."""

    code: str  # ISO 3166-1 numeric, "004"; "" for the few without one (Kosovo, N. Cyprus…)
    name: str  # Natural Earth's English short name, "Bosnia and Herz."
    polygons: tuple  # of polygons: each a tuple of rings (outer first, then holes)
    bbox: Box

    @property
    def alpha2(self):
        """The ISO 3166-1 alpha-2 code ("MA"), "" when it has none."""
        return iso_countries.alpha2(self.code) if self.code else ""


# Decoding ------------------------------------------------------------------------------


@functools.cache
def topology():
    """The TopoJSON topology of the world's countries, read once."""
    with open(TOPOLOGY, encoding="utf-8") as handle:
        return json.load(handle)


def decode_arcs(topology):
    """The topology's arcs as lists of (lon, lat): quantized positions are delta-encoded
    (each the difference from the one before), then scaled and translated by `transform`."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([tuple(position[:2]) for position in arc])
            continue
        (scale_x, scale_y), (translate_x, translate_y) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def stitch_ring(arc_indexes, arcs):
    """A closed ring from its arcs: a negative index `~i` is arc i reversed; consecutive arcs
    share their joining point, kept once."""
    ring = []
    for index in arc_indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return tuple(ring)


def unwrap(ring):
    """A ring that crosses the antimeridian (Russia's and Fiji's easternmost land, whose
    longitudes jump from 180 to -180) made continuous: after a jump, longitudes go on past
    180 (or below -180). Drawn flat as given, such a ring would cross the whole map. A ring
    around a pole (Antarctica's) is flat already: it runs along the map's edge."""
    unwrapped, shift = [ring[0]], 0.0
    for (lon1, _), (lon2, lat2) in zip(ring, ring[1:], strict=False):
        if lon2 - lon1 > 180:
            shift -= 360
        elif lon1 - lon2 > 180:
            shift += 360
        unwrapped.append((lon2 + shift, lat2))
    return tuple(unwrapped) if shift == 0 else ring


def geometry_polygons(geometry, arcs):
    """A Polygon's or MultiPolygon's polygons, each a tuple of rings; () for other types."""
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return ()
    return tuple(tuple(unwrap(stitch_ring(ring, arcs)) for ring in polygon) for polygon in parts)


def bounding_box(polygons):
    points = [point for polygon in polygons for point in polygon[0]]
    longitudes, latitudes = [p[0] for p in points], [p[1] for p in points]
    return Box(min(longitudes), min(latitudes), max(longitudes), max(latitudes))


@functools.cache
def countries():
    """Every country of the data, in its order (a tuple of `Country`)."""
    data = topology()
    arcs = decode_arcs(data)
    result = []
    for geometry in data["objects"]["countries"]["geometries"]:
        polygons = geometry_polygons(geometry, arcs)
        if polygons:
            result.append(
                Country(
                    code=geometry.get("id", ""),
                    name=geometry.get("properties", {}).get("name", ""),
                    polygons=polygons,
                    bbox=bounding_box(polygons),
                )
            )
    return tuple(result)


@functools.cache
def _countries_by_key():
    keys = {}
    for item in countries():
        keys[item.name.casefold()] = item
        if item.code:
            keys[item.code] = item
    return keys


def country(key):
    """The country of an ISO 3166-1 code (alpha-2 "MA", alpha-3 "MAR", numeric "504" or
    504) or of its Natural Earth name ("Morocco"); LookupError if there is none."""
    keys = _countries_by_key()
    text = str(key).strip()
    found = keys.get(text.casefold())
    if found is None and text.isdigit():
        found = keys.get(text.zfill(3))
    elif found is None and text:
        found = keys.get(iso_countries.numeric(text.upper(), padded=True))
    if found is None:
        raise LookupError(f"No country {key!r} in the map data")
    return found


def country_polygons(key):
    """The polygons of a country (see `country()`), each a tuple of rings of (lon, lat)."""
    return country(key).polygons


# Points in polygons --------------------------------------------------------------------


def ring_contains(ring, x, y):
    """Whether (x, y) is inside `ring` (even-odd rule), in whatever plane the ring is in."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
        x1, y1 = x2, y2
    return inside


def segment_distance(x, y, x1, y1, x2, y2):
    dx, dy = x2 - x1, y2 - y1
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def distance_to_polygons(polygons, x, y):
    """0 inside `polygons` (outer rings less their holes), else the distance to their
    nearest edge, in the polygons' own units."""
    if any(
        ring_contains(polygon[0], x, y) and not any(ring_contains(h, x, y) for h in polygon[1:])
        for polygon in polygons
    ):
        return 0.0
    return min(
        segment_distance(x, y, *ring[i - 1], *ring[i])
        for polygon in polygons
        for ring in polygon
        for i in range(len(ring))
    )


def contains(polygons, x, y, tolerance=0.0):
    """Whether (x, y) lies in `polygons`, or within `tolerance` of them."""
    return distance_to_polygons(polygons, x, y) <= tolerance


def country_at(lon, lat, tolerance=0.3):
    """The country at (lon, lat); at sea, the nearest one within `tolerance` degrees (at
    this scale a coastal city can lie just off its simplified coast); else None."""
    candidates = [
        (distance_to_polygons(item.polygons, x, lat), item)
        for x in (lon, lon - 360, lon + 360)  # land across the antimeridian (unwrap)
        for item in countries_in(
            Box(x - tolerance, lat - tolerance, x + tolerance, lat + tolerance)
        )
    ]
    distance, nearest = min(candidates, key=lambda pair: pair[0], default=(None, None))
    return nearest if distance is not None and distance <= tolerance else None


# Projection ----------------------------------------------------------------------------


class Projection:
    """Equirectangular, true to scale along the box's middle latitude, the box fitted into
    `size` (width, height) pixels and centred: what lies beyond the box in the other
    direction shows too. y grows downwards, as in images and SVG."""

    def __init__(self, box, size):
        self.box = Box(*box)
        self.size = size
        self.centre_lon = (self.box.west + self.box.east) / 2
        self.centre_lat = (self.box.south + self.box.north) / 2
        self.stretch = math.cos(math.radians(self.centre_lat))  # x per degree of longitude
        width, height = size
        self.scale = min(
            width / ((self.box.east - self.box.west) * self.stretch),
            height / (self.box.north - self.box.south),
        )

    def __call__(self, lon, lat):
        width, height = self.size
        x = width / 2 + (lon - self.centre_lon) * self.stretch * self.scale
        y = height / 2 - (lat - self.centre_lat) * self.scale
        return x, y

    def invert(self, x, y):
        """(lon, lat) of the pixel (x, y)."""
        width, height = self.size
        lon = self.centre_lon + (x - width / 2) / (self.stretch * self.scale)
        lat = self.centre_lat - (y - height / 2) / self.scale
        return lon, lat

    def visible_box(self):
        """The box of what the whole picture shows (at least `box`)."""
        west, north = self.invert(0, 0)
        east, south = self.invert(*self.size)
        return Box(west, south, east, north)

    def ring(self, ring):
        return [self(lon, lat) for lon, lat in ring]


def project(lon, lat, box, size):
    """(x, y) in pixels of (lon, lat) on a picture of `size` showing `box` (see Projection)."""
    return Projection(box, size)(lon, lat)


def fit_box(points, size, margin=0.25, min_span=12.0):
    """A box around `points` ((lon, lat) pairs) with `margin` (a fraction of their extent)
    on every side, at least `min_span` degrees of longitude wide, of the proportions of a
    picture of `size`: a map centred on its points that fills the picture."""
    longitudes, latitudes = [p[0] for p in points], [p[1] for p in points]
    centre_lon = (min(longitudes) + max(longitudes)) / 2
    centre_lat = (min(latitudes) + max(latitudes)) / 2
    stretch = math.cos(math.radians(centre_lat))
    span_x = max((max(longitudes) - min(longitudes)) * (1 + 2 * margin), min_span) * stretch
    span_y = (max(latitudes) - min(latitudes)) * (1 + 2 * margin)
    aspect = size[0] / size[1]
    span_x, span_y = max(span_x, span_y * aspect), max(span_y, span_x / aspect)
    half_lon, half_lat = span_x / stretch / 2, span_y / 2
    return Box(
        centre_lon - half_lon, centre_lat - half_lat, centre_lon + half_lon, centre_lat + half_lat
    )


def boxes_overlap(a, b):
    return a.west <= b.east and b.west <= a.east and a.south <= b.north and b.south <= a.north


def countries_in(box):
    """The countries with land in `box` (by their bounding boxes)."""
    return [item for item in countries() if boxes_overlap(item.bbox, box)]


def svg_path(polygons, projection, precision=1):
    """An SVG path's `d` of `polygons` projected (rings as closed subpaths; with
    fill-rule="evenodd" holes stay open)."""
    subpaths = []
    for polygon in polygons:
        for ring in polygon:
            points = projection.ring(ring)
            coordinates = " ".join(f"{x:.{precision}f} {y:.{precision}f}" for x, y in points)
            subpaths.append(f"M{coordinates}Z")
    return "".join(subpaths)


# Drawing -------------------------------------------------------------------------------

# The map's colours: the brand navy as the sea (the mark's tile), land in its soft tint,
# the countries named in `highlight` in white, cities in the mark's yellow.
SEA = "brand"
LAND = mix("brand-soft", "brand", 0.12)
HIGHLIGHTED_LAND = rgba("paper")
BORDER = (*mix("brand", "brand-soft", 0.45), 255)
GRATICULE = (*mix("brand", "paper", 0.14), 255)
LINK = rgba("mark-3", 210)
CITY = rgba("mark-2")
CITY_OUTLINE = rgba("brand-deep")


def network_links(points):
    """Index pairs that join every point to the network by the shortest links (a minimum
    spanning tree, Prim's): cities linked to their neighbours, not each to every other."""
    if len(points) < 2:
        return []
    joined, links = {0}, []
    while len(joined) < len(points):
        _distance, i, j = min(
            (math.dist(points[i], points[j]), i, j)
            for i in joined
            for j in range(len(points))
            if j not in joined
        )
        joined.add(j)
        links.append((i, j))
    return links


def curve(start, end, bend=0.18, steps=48):
    """Points of a gentle arc from `start` to `end`, bowed to the left by `bend` of its
    length (a quadratic Bézier curve)."""
    (x1, y1), (x2, y2) = start, end
    control = ((x1 + x2) / 2 - (y2 - y1) * bend, (y1 + y2) / 2 + (x2 - x1) * bend)
    return [
        (
            (1 - t) ** 2 * x1 + 2 * (1 - t) * t * control[0] + t * t * x2,
            (1 - t) ** 2 * y1 + 2 * (1 - t) * t * control[1] + t * t * y2,
        )
        for t in (step / steps for step in range(steps + 1))
    ]


def draw_polygon(canvas, projection, polygon, shift, fill, unit):
    outer, *holes = ([projection(lon + shift, lat) for lon, lat in ring] for ring in polygon)
    canvas.draw.polygon(outer, fill=fill, outline=BORDER, width=round(3 * unit))
    for hole in holes:  # lakes at this scale: drawn as sea
        canvas.draw.polygon(hole, fill=rgba(SEA), outline=BORDER, width=round(3 * unit))


def draw_map(box, cities=(), size=(1600, 900), highlight=(), links=True, graticule=10):
    """A map of `box` (a Box or a name in REGIONS) filling a picture of `size`, as an RGB
    Pillow image: the sea, the countries (those of `highlight`, codes or names as
    `country()` takes, in white), the `cities` ((name, lon, lat) each) as dots, joined to
    their neighbours by arcs when `links` (network_links), and a graticule every `graticule`
    degrees (0 for none). No text: the picture serves every language's page."""
    box = REGIONS[box] if isinstance(box, str) else Box(*box)
    canvas = Canvas(size, SEA)
    width, height = canvas.large.size
    projection = Projection(box, (width, height))
    unit = width / 1600  # line widths and dot sizes follow the picture's width
    visible = projection.visible_box()

    if graticule:
        first_lon = math.ceil(visible.west / graticule) * graticule
        for lon in range(first_lon, math.floor(visible.east) + 1, graticule):
            x, _ = projection(lon, 0)
            canvas.draw.line([(x, 0), (x, height)], fill=GRATICULE, width=round(2 * unit))
        first_lat = math.ceil(visible.south / graticule) * graticule
        for lat in range(first_lat, math.floor(visible.north) + 1, graticule):
            _, y = projection(0, lat)
            canvas.draw.line([(0, y), (width, y)], fill=GRATICULE, width=round(2 * unit))

    highlighted = {country(key).name for key in highlight}
    for shift in (0, -360, 360):  # land unwrapped past ±180 shows again at the other edge
        shifted = Box(visible.west - shift, visible.south, visible.east - shift, visible.north)
        for item in countries_in(shifted):
            fill = HIGHLIGHTED_LAND if item.name in highlighted else (*LAND, 255)
            for polygon in item.polygons:
                draw_polygon(canvas, projection, polygon, shift, fill, unit)

    points = [projection(lon, lat) for _name, lon, lat in cities]
    if links:
        for i, j in network_links(points):
            canvas.draw.line(
                curve(points[i], points[j]), fill=LINK, width=round(5 * unit), joint="curve"
            )
    # A lone city is the map's subject: a larger dot.
    radius = (26 if len(points) == 1 else 16) * unit
    for x, y in points:
        # A yellow ring around a yellow dot outlined in navy: the dot reads on land and sea.
        ring = radius * 1.9
        canvas.draw.ellipse(
            [x - ring, y - ring, x + ring, y + ring], outline=CITY, width=round(radius * 0.35)
        )
        canvas.draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            fill=CITY,
            outline=CITY_OUTLINE,
            width=round(radius * 0.4),
        )
    return canvas.image()
