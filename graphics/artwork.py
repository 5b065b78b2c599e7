"""Abstract illustrations in the identity's colours, drawn by the site itself: the demo's
images of work areas, themes, events and sections, where no photograph exists.

`draw_artwork(seed)` draws one picture (a Pillow RGB image, 1600 x 900 by default): the
same seed gives the same picture, another seed another picture. Each takes one motif,
all built from the mark's geometry (arcs around a centre, a round table of voices):

- "arcs": rings of arcs with gaps, the mark's four arcs grown into a landscape;
- "circles": overlapping discs around a table, voices that meet;
- "bands": wide curving bands crossing the picture, routes and paths, with stops on them;
- "tiles": a city's fabric of square plots, each with a quarter circle (Truchet tiles).

A theme's colour (`colour`, one of drawing.THEME_COLOURS) leads, with tints of it, the brand
navy and one of the mark's colours; on the navy background (`background="brand"`) the mark's
light colours lead instead. There is no text: the picture serves every language's page.
"""

import hashlib
import math
import random

from graphics.drawing import PALETTE, THEME_COLOURS, Canvas, mix, rgb

MOTIFS = ("arcs", "circles", "bands", "tiles")
BACKGROUNDS = ("wash", "brand")


def seeded_random(seed):
    """A random number generator that depends on `seed` only (not on the process's hash
    salt nor on the Python version's `hash()`)."""
    digest = hashlib.sha256(str(seed).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def colours_for(colour, background):
    """The picture's colours, leading first, as (r, g, b, 255) tuples."""
    if background == "brand":
        names = [mix(colour, "paper", 0.55), rgb("mark-2"), rgb("mark-3"), rgb("mark-4")]
        names.append(rgb("mark-1"))
    else:
        names = [rgb(colour), mix(colour, "paper", 0.45), rgb("brand"), rgb("mark-2")]
        names.append(mix(colour, "paper", 0.75))
    return [(*value, 255) for value in names]


def draw_artwork(seed, size=(1600, 900), motif=None, colour=None, background=None):
    """The picture of `seed` (any string): its motif, colour and background are drawn from
    the seed unless given (see the module's docstring)."""
    choices = seeded_random(f"choices:{seed}")
    motif = motif or choices.choice(MOTIFS)
    colour = colour or choices.choice(THEME_COLOURS)
    background = background or choices.choice(BACKGROUNDS)
    if motif not in MOTIFS:
        raise ValueError(f"Unknown motif {motif!r}: one of {', '.join(MOTIFS)}")
    if colour not in PALETTE:
        raise ValueError(f"Unknown colour {colour!r}: one of {', '.join(THEME_COLOURS)}")
    if background not in BACKGROUNDS:
        raise ValueError(f"Unknown background {background!r}: one of {', '.join(BACKGROUNDS)}")
    canvas = Canvas(size, background)
    MOTIF_DRAWERS[motif](canvas, seeded_random(seed), colours_for(colour, background))
    return canvas.image()


def thick_arc(draw, centre, radius, start, end, width, fill):
    """An arc from `start` to `end` degrees (0 at the top, clockwise) with round ends, as
    the mark's arcs are drawn: a polygon between two radii (Pillow's own wide arcs come out
    thinner than their round ends), and a disc at each end."""
    x, y = centre
    steps = max(8, round(abs(end - start) / 2))
    angles = [math.radians(start + (end - start) * step / steps) for step in range(steps + 1)]
    outer = [
        (x + (radius + width / 2) * math.sin(a), y - (radius + width / 2) * math.cos(a))
        for a in angles
    ]
    inner = [
        (x + (radius - width / 2) * math.sin(a), y - (radius - width / 2) * math.cos(a))
        for a in angles
    ]
    draw.polygon(outer + inner[::-1], fill=fill)
    for a in (angles[0], angles[-1]):
        cx, cy = x + radius * math.sin(a), y - radius * math.cos(a)
        draw.ellipse([cx - width / 2, cy - width / 2, cx + width / 2, cy + width / 2], fill=fill)


def draw_arcs(canvas, rng, colours):
    width, height = canvas.large.size
    centre = (width * rng.uniform(0.3, 0.7), height * rng.uniform(0.35, 0.65))
    stroke = height * rng.uniform(0.045, 0.065)
    radius = stroke * 2.2
    ring = 0
    # Rings until the picture's far corner: the arcs run off its edges.
    while radius < math.hypot(width, height):
        gap = rng.uniform(18, 40)
        turn = rng.uniform(0, 90)
        for quarter in range(4):
            if ring > 0 and rng.random() < 0.18:
                continue  # a missing arc here and there keeps the rings from looking ruled
            start = turn + quarter * 90 + gap / 2
            fill = colours[(ring + quarter) % len(colours)]
            thick_arc(canvas.draw, centre, radius, start, start + 90 - gap, stroke, fill)
        radius += stroke * rng.uniform(1.55, 2.1)
        ring += 1


def draw_circles(canvas, rng, colours):
    width, height = canvas.large.size
    centre = (width * rng.uniform(0.4, 0.6), height * rng.uniform(0.45, 0.55))
    count = rng.randint(5, 7)
    # The round table: an ellipse wider than high, so that the voices fill the landscape.
    reach_x, reach_y = width * rng.uniform(0.22, 0.27), height * rng.uniform(0.2, 0.26)
    turn = rng.uniform(0, 360)
    stroke = height * 0.022
    tint = 30 if canvas.background == rgb("brand") else 60  # light tints grey the navy
    for index in range(count):
        angle = math.radians(turn + index * 360 / count)
        x = centre[0] + reach_x * math.cos(angle) * rng.uniform(0.85, 1.1)
        y = centre[1] + reach_y * math.sin(angle) * rng.uniform(0.85, 1.1)
        radius = height * rng.uniform(0.2, 0.28)
        r, g, b, _ = colours[index % len(colours)]
        # A tinted disc inside a full ring: where voices overlap, the tints add up.
        canvas.draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            fill=(r, g, b, tint),
            outline=(r, g, b, 255),
            width=round(stroke),
        )
    # The table's centre: a disc in the leading colour, as the mark's dot.
    dot = height * 0.045
    canvas.draw.ellipse(
        [centre[0] - dot, centre[1] - dot, centre[0] + dot, centre[1] + dot], fill=colours[0]
    )


def offset_outline(points, half_width):
    """The outline of a band of `half_width` on each side of the polyline `points`."""
    left, right = [], []
    for index, (x, y) in enumerate(points):
        (x1, y1), (x2, y2) = points[max(index - 1, 0)], points[min(index + 1, len(points) - 1)]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        nx, ny = -(y2 - y1) / length * half_width, (x2 - x1) / length * half_width
        left.append((x + nx, y + ny))
        right.append((x - nx, y - ny))
    return left + right[::-1]


def draw_bands(canvas, rng, colours):
    width, height = canvas.large.size
    count = rng.randint(4, 6)
    for index in range(count):
        base = height * (index + 0.5 + rng.uniform(-0.25, 0.25)) / count
        amplitude = height * rng.uniform(0.06, 0.16)
        waves = rng.uniform(0.6, 1.4)
        phase = rng.uniform(0, 2 * math.pi)
        tilt = rng.uniform(-0.25, 0.25) * height
        band = height * rng.uniform(0.05, 0.09)
        points = [
            (
                x,
                base
                + tilt * (x / width - 0.5)
                + amplitude * math.sin(phase + waves * 2 * math.pi * x / width),
            )
            for x in range(-60, width + 61, 8)
        ]
        fill = colours[index % len(colours)]
        # A polygon, not a wide line: Pillow's wide lines fray along curves.
        canvas.draw.polygon(offset_outline(points, band / 2), fill=fill)
        # Stops along the route: a ring in the band's colour around a dot.
        for _ in range(rng.randint(1, 2)):
            x, y = points[rng.randrange(12, len(points) - 12)]
            for radius, paint in ((0.85, fill), (0.6, (*canvas.background, 255)), (0.3, fill)):
                r = band * radius
                canvas.draw.ellipse([x - r, y - r, x + r, y + r], fill=paint)


def draw_tiles(canvas, rng, colours):
    width, height = canvas.large.size
    columns = rng.choice((8, 10, 12))
    tile = width / columns
    rows = math.ceil(height / tile)
    gap = tile * 0.06
    for row in range(rows):
        for column in range(columns):
            left, top = column * tile + gap, row * tile + gap
            right, bottom = left + tile - 2 * gap, top + tile - 2 * gap
            roll = rng.random()
            if roll < 0.22:
                continue  # an empty plot: the background shows
            fill = colours[rng.randrange(len(colours))]
            if roll < 0.34:
                canvas.draw.rounded_rectangle(
                    [left, top, right, bottom], radius=tile * 0.12, fill=fill
                )
                continue
            # A quarter disc from one corner of the plot.
            corner = rng.randrange(4)
            cx = left if corner in (0, 3) else right
            cy = top if corner in (0, 1) else bottom
            span = right - left
            start = (0, 90, 180, 270)[corner]
            canvas.draw.pieslice(
                [cx - span, cy - span, cx + span, cy + span], start, start + 90, fill=fill
            )


MOTIF_DRAWERS = {
    "arcs": draw_arcs,
    "circles": draw_circles,
    "bands": draw_bands,
    "tiles": draw_tiles,
}
