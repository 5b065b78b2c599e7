"""Maps of cities drawn as inline SVG by the server (templates/components/city_map.html):
no tiles, no script, no request to anyone else; each city a link.

Apps hand `city_map()` their cities as `MapPoint`s and include the component with the
`SvgMap` it returns. The geometry is core.maps' (Natural Earth at 1:110m): the countries'
outlines for a picture are computed once per process and box, so a page that shows a map
again costs no query and little work. No database here.
"""

import functools
import hashlib
from dataclasses import dataclass, fields

from core.maps import Box, Projection, countries_in, country, fit_box, svg_path

DEFAULT_SIZE = (960, 540)
# Text labels beyond this many cities would cover one another: the list below names them.
MAX_LABELLED_POINTS = 12
# Sizes in the picture's units for a picture 960 wide, scaled with its width.
REFERENCE_WIDTH = 960
DOT_RADIUS = 7
LONE_DOT_RADIUS = 10  # a single city is the map's subject
LABEL_FONT_SIZE = 18
FOCUS_GAP = 5  # between the dot's edge and the focus ring
LABEL_GAP = 8  # between the dot's edge and its label: clear of the focus ring
# A label's width estimated from its length (no font metrics on the server): generous, so
# that a label that fits by the estimate fits in the picture.
CHARACTER_WIDTH = 0.62  # of the font size


@dataclass(frozen=True)
class MapPoint:
    """A city to show: `label` in the page's language, the page it links to, where it is,
    its country (ISO alpha-2, "" when unknown) and a short `detail` ("3 endorsements")."""

    label: str
    url: str
    lon: float
    lat: float
    country: str = ""
    detail: str = ""


@dataclass(frozen=True, kw_only=True)
class PlacedPoint(MapPoint):
    """A MapPoint where the picture draws it; its label goes on `label_side` ("right" or
    "left", physical: the map is never mirrored) starting at `label_x`. `inside` is False for
    a city outside the picture (a box given by the caller): listed, not drawn."""

    x: float
    y: float
    label_side: str
    label_x: float
    label_y: float
    inside: bool

    @property
    def accessible_name(self):
        return f"{self.label} — {self.detail}" if self.detail else self.label


@dataclass(frozen=True)
class LandShape:
    """A country's land as one SVG path (decorative: the cities carry the meaning)."""

    code: str  # ISO alpha-2, "" for the few countries without one
    d: str
    highlighted: bool


@dataclass(frozen=True)
class SvgMap:
    """What templates/components/city_map.html draws."""

    width: int
    height: int
    box: Box  # the box the projection fits (core.maps.Projection(box, (width, height)))
    land: tuple  # of LandShape
    points: tuple  # of PlacedPoint, in the order given
    show_labels: bool
    dot_radius: float
    focus_radius: float  # the focus ring's, around the dot
    label_font_size: float
    key: str  # stable for the same map: the base of its ids in the page

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def drawn_points(self):
        return tuple(point for point in self.points if point.inside)


def rounded_box(box):
    """The box to 0.01° (about a kilometre): what the outlines are cached by."""
    return Box(*(round(edge, 2) for edge in box))


@functools.lru_cache(maxsize=32)
def land_paths(box, size):
    """((Country, d) …) of the countries with land in the picture of `box` and `size`,
    paths at 0.1 px. Cached: a map of the same place costs one dictionary lookup."""
    projection = Projection(box, size)
    visible = projection.visible_box()
    paths = []
    # Land unwrapped past ±180° (core.maps.unwrap) shows again at the other edge: drawn
    # with the box shifted by a turn, which shifts the land the other way.
    for shift in (0, -360, 360):
        shifted = Box(visible.west - shift, visible.south, visible.east - shift, visible.north)
        shifted_projection = Projection(
            Box(box.west - shift, box.south, box.east - shift, box.north), size
        )
        for item in countries_in(shifted):
            paths.append((item, svg_path(item.polygons, shifted_projection, precision=1)))
    return tuple(paths)


def highlighted_names(keys):
    """Natural Earth names of the countries of `keys` (codes or names); unknown ones, such
    as a territory missing at this scale, are skipped."""
    names = set()
    for key in keys:
        if not key:
            continue
        try:
            names.add(country(key).name)
        except LookupError:
            pass
    return names


def place_label(x, y, text, size, font_size, gap):
    """(side, x, y) of a label: on the right of its dot unless it would leave the picture
    there and has more room on the left; kept clear of the top and bottom edges."""
    width, height = size
    text_width = len(text) * font_size * CHARACTER_WIDTH
    right_room, left_room = width - (x + gap), x - gap
    if text_width <= right_room or right_room >= left_room:
        side, label_x = "right", x + gap
    else:
        side, label_x = "left", x - gap
    label_y = min(max(y, font_size * 0.6), height - font_size * 0.6)
    return side, round(label_x, 1), round(label_y, 1)


def city_map(points, *, size=DEFAULT_SIZE, box=None, highlight=None, min_span=12.0, labels=None):
    """The map of `points` (MapPoints) for the city_map component, None without points.

    `box` (west, south, east, north) defaults to a box around the points, at least
    `min_span` degrees wide; `highlight` (country codes or names) to the points' countries;
    `labels` (show each city's name on the map) to whether there are few enough to read.
    """
    points = tuple(points)
    if not points:
        return None
    width, height = size = (int(size[0]), int(size[1]))
    if box is None:
        box = fit_box([(p.lon, p.lat) for p in points], size, min_span=min_span)
    box = rounded_box(box)
    projection = Projection(box, size)

    names = highlighted_names({p.country for p in points} if highlight is None else highlight)
    # The highlighted countries last: their whole outline shows over their neighbours'.
    land = tuple(
        sorted(
            (
                LandShape(code=item.alpha2, d=d, highlighted=item.name in names)
                for item, d in land_paths(box, size)
            ),
            key=lambda shape: shape.highlighted,
        )
    )

    scale = width / REFERENCE_WIDTH
    dot_radius = round((LONE_DOT_RADIUS if len(points) == 1 else DOT_RADIUS) * scale, 1)
    font_size = round(LABEL_FONT_SIZE * scale, 1)
    placed = []
    for point in points:
        x, y = (round(value, 1) for value in projection(point.lon, point.lat))
        side, label_x, label_y = place_label(
            x, y, point.label, size, font_size, dot_radius + LABEL_GAP * scale
        )
        placed.append(
            PlacedPoint(
                **{field.name: getattr(point, field.name) for field in fields(MapPoint)},
                x=x,
                y=y,
                label_side=side,
                label_x=label_x,
                label_y=label_y,
                inside=0 <= x <= width and 0 <= y <= height,
            )
        )

    key = hashlib.blake2s(repr((box, size, points)).encode(), digest_size=4).hexdigest()
    return SvgMap(
        width=width,
        height=height,
        box=box,
        land=land,
        points=tuple(placed),
        show_labels=len(points) <= MAX_LABELLED_POINTS if labels is None else bool(labels),
        dot_radius=dot_radius,
        focus_radius=round(dot_radius + FOCUS_GAP * scale, 1),
        label_font_size=font_size,
        key=key,
    )
