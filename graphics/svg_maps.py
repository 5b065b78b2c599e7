"""Maps of cities drawn as inline SVG by the server (templates/components/city_map.html):
no tiles, no script, no request to anyone else; each city a link.

Apps hand `city_map()` their cities as `MapPoint`s and include the component with the
`SvgMap` it returns. The geometry is graphics.maps' (Natural Earth at 1:110m): the countries'
outlines for a picture are computed once per process and box, so a page that shows a map
again costs no query and little work. No database here.
"""

import functools
import hashlib
import math
from dataclasses import dataclass, fields, replace

from graphics.maps import Box, Projection, countries_in, country, fit_box

DEFAULT_SIZE = (960, 540)
# Text labels beyond this many cities would cover one another: the list below names them.
MAX_LABELLED_POINTS = 12
# Sizes in the picture's units for a picture 960 wide, scaled with its width.
REFERENCE_WIDTH = 960
DOT_RADIUS = 7
LONE_DOT_RADIUS = 10  # a single city is the map's subject
LABEL_FONT_SIZE = 18
MIN_LABEL_FONT_SIZE = 15
FOCUS_GAP = 5  # between the dot's edge and the focus ring
# The pointer's target around a dot, when no other city is near: 24 CSS px across or more
# on a phone, where a 960-wide picture is drawn about a third of its size (WCAG 2.5.8).
TARGET_RADIUS = 36
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
    # The pointer's target: never reaching a neighbour's, so a click opens the city nearest
    # to it (the list below the map is the larger target for cities drawn close together).
    target_radius: float = 0.0

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
    box: Box  # the box the projection fits (graphics.maps.Projection(box, (width, height)))
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


def clip_ring(points, left, top, right, bottom):
    """The part of a closed ring inside a rectangle (Sutherland–Hodgman): land far beyond
    the picture (most of Russia on a map of the Mediterranean) costs no bytes."""
    edges = (
        (lambda p: p[0] >= left, lambda a, b: _cross_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _cross_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _cross_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _cross_y(a, b, bottom)),
    )
    for inside, crossing in edges:
        if not points:
            break
        kept, previous = [], points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    kept.append(crossing(previous, point))
                kept.append(point)
            elif inside(previous):
                kept.append(crossing(previous, point))
            previous = point
        points = kept
    return points


def _cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplified(points, tolerance):
    """`points` without those within `tolerance` pixels of the line through their
    neighbours that are kept (Douglas–Peucker): detail finer than a pixel is not drawn."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            x, y = points[index]
            if length:
                away = abs(dy * (x - x1) - dx * (y - y1)) / length
            else:
                away = math.hypot(x - x1, y - y1)
            if away > distance:
                farthest, distance = index, away
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def clipped_path(polygons, projection, size, margin=8, tolerance=1.0):
    """An SVG path's `d` of `polygons` projected, clipped a little beyond the picture, in
    whole pixels of the picture and relative moves ("l dx dy"), without the points that
    fall on the previous one: a map's outlines weigh a fraction of the whole countries'.
    (A pixel of the viewBox is at most a CSS pixel and a quarter where maps are shown.)"""
    width, height = size
    subpaths = []
    for polygon in polygons:
        for ring in polygon:
            points = clip_ring(
                projection.ring(ring), -margin, -margin, width + margin, height + margin
            )
            points = simplified(points, tolerance)
            rounded = []
            for x, y in points:
                point = (round(x), round(y))
                if not rounded or point != rounded[-1]:
                    rounded.append(point)
            if len(rounded) < 3:
                continue
            (x0, y0), moves = rounded[0], []
            previous = rounded[0]
            for x, y in rounded[1:]:
                moves.append(f"{x - previous[0]} {y - previous[1]}")
                previous = (x, y)
            subpaths.append(f"M{x0} {y0}l" + " ".join(moves) + "z")
    return "".join(subpaths)


@functools.lru_cache(maxsize=32)
def land_paths(box, size):
    """((Country, d) …) of the countries with land in the picture of `box` and `size`,
    paths at 0.1 px. Cached: a map of the same place costs one dictionary lookup."""
    projection = Projection(box, size)
    visible = projection.visible_box()
    paths = []
    # Land unwrapped past ±180° (graphics.maps.unwrap) shows again at the other edge: drawn
    # with the box shifted by a turn, which shifts the land the other way.
    for shift in (0, -360, 360):
        shifted = Box(visible.west - shift, visible.south, visible.east - shift, visible.north)
        shifted_projection = Projection(
            Box(box.west - shift, box.south, box.east - shift, box.north), size
        )
        for item in countries_in(shifted):
            d = clipped_path(item.polygons, shifted_projection, size)
            if d:
                paths.append((item, d))
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


def label_box(side, label_x, label_y, text_width, font_size):
    """(left, top, right, bottom) that a label covers."""
    left = label_x if side == "right" else label_x - text_width
    return (left, label_y - font_size * 0.6, left + text_width, label_y + font_size * 0.6)


def boxes_cross(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_label(x, y, text, size, font_size, gap, taken=()):
    """(side, x, y) of a label: on the right of its dot unless it would leave the picture
    there and has more room on the left; kept clear of the top and bottom edges. Among
    those sides, then a line above or below, the first place that covers none of `taken`
    (boxes of the dots and of the labels placed before) wins: neighbouring cities' names
    stay readable."""
    width, height = size
    text_width = len(text) * font_size * CHARACTER_WIDTH
    right_room, left_room = width - (x + gap), x - gap
    preferred = "right" if text_width <= right_room or right_room >= left_room else "left"
    sides = (preferred, "left" if preferred == "right" else "right")
    candidates = []
    for shift in (0, -font_size, font_size):
        label_y = min(max(y + shift, font_size * 0.6), height - font_size * 0.6)
        for side in sides:
            label_x = x + gap if side == "right" else x - gap
            candidates.append((side, round(label_x, 1), round(label_y, 1)))
    for candidate in candidates:
        box = label_box(*candidate, text_width, font_size)
        if 0 <= box[0] and box[2] <= width and not any(boxes_cross(box, t) for t in taken):
            return candidate
    return candidates[0]


def with_targets(placed, largest):
    """The points with their pointer targets: `largest` at most, and at most half the way to
    the nearest other drawn city, so no two targets overlap at any size the picture is drawn
    (rounded down, to stay apart once rounded). Cities drawn at one spot share it."""
    drawn = [(point.x, point.y) for point in placed if point.inside]
    result = []
    for point in placed:
        others = [
            math.dist((point.x, point.y), spot) for spot in drawn if spot != (point.x, point.y)
        ]
        radius = min([largest, *(distance / 2 for distance in others)])
        result.append(replace(point, target_radius=math.floor(radius * 10) / 10))
    return result


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
    # Small maps are shown about their own size: their labels stay legible (15 px at least).
    font_size = round(max(LABEL_FONT_SIZE * scale, MIN_LABEL_FONT_SIZE), 1)
    placed = []
    positions = [
        tuple(round(value, 1) for value in projection(point.lon, point.lat)) for point in points
    ]
    # What a label must not cover: every dot, then the labels already placed.
    taken = [(x - dot_radius, y - dot_radius, x + dot_radius, y + dot_radius) for x, y in positions]
    gap = dot_radius + LABEL_GAP * scale
    for point, (x, y) in zip(points, positions, strict=True):
        side, label_x, label_y = place_label(x, y, point.label, size, font_size, gap, taken)
        taken.append(
            label_box(
                side, label_x, label_y, len(point.label) * font_size * CHARACTER_WIDTH, font_size
            )
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

    placed = with_targets(placed, TARGET_RADIUS * scale)
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
