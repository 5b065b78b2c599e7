"""The committee's identity: its name and acronym in each language, and its mark, one
geometry drawn by the header's SVG and the icons (scripts/draw_identity.py) and by the
social cards (graphics.social_cards).

The mark: four arcs around a centre, a round table of four voices (inclusion, participatory
democracy, human rights, migration), in the palette of `static/css/site.css`. The script
imports this module without setting Django up: only the names need its settings.
"""

import math

from django.conf import settings
from django.utils import translation
from PIL import Image, ImageDraw


def site_name():
    """The site's name in the active language: `WAGTAIL_SITE_NAME`, which the admin shows too."""
    return str(settings.WAGTAIL_SITE_NAME)


def site_acronym():
    """The committee's acronym in the active language: the wordmark beside the mark."""
    return translation.pgettext("the committee's acronym, shown in the wordmark", "CISDPDH")


SIZE = 48  # the mark's grid
CENTRE = SIZE / 2
RADIUS = 15.5
STROKE = 6.5
GAP = 36  # degrees between arcs
DOT = 5.5
TILE = "#123c69"  # --colour-brand
# On the brand navy: white and three light tints of the theme colours.
ARCS_ON_BRAND = ["#ffffff", "#fcd34d", "#7ddcc8", "#fdba8c"]
DOT_ON_BRAND = "#ffffff"
# Pillow's arcs and discs have hard edges: drawn this many times larger, then reduced.
SUPERSAMPLING = 8


def arc_angles():
    """(start, end) in degrees, 0 at the top, clockwise, of the four arcs."""
    return [(q * 90 - 45 + GAP / 2, q * 90 + 45 - GAP / 2) for q in range(4)]


def point(angle, radius=RADIUS, centre=CENTRE):
    a = math.radians(angle)
    return centre + radius * math.sin(a), centre - radius * math.cos(a)


def draw_mark(draw, offset, scale):
    """Draw the mark on `draw` (a Pillow ImageDraw), its grid's top-left corner at
    (`offset`, `offset`) and `scale` pixels per unit of the grid, in the colours that go on
    the brand navy."""
    r = RADIUS * scale
    c = offset + CENTRE * scale
    half_stroke = STROKE * scale / 2
    for colour, (start, end) in zip(ARCS_ON_BRAND, arc_angles(), strict=True):
        # Pillow's angles: 0 at three o'clock, clockwise.
        draw.arc(
            [c - r - half_stroke, c - r - half_stroke, c + r + half_stroke, c + r + half_stroke],
            start - 90,
            end - 90,
            fill=colour,
            width=round(STROKE * scale),
        )
        for angle in (start, end):  # round caps
            x, y = point(angle, r, c)
            draw.ellipse(
                [x - half_stroke, y - half_stroke, x + half_stroke, y + half_stroke], fill=colour
            )
    dot = DOT * scale
    draw.ellipse([c - dot, c - dot, c + dot, c + dot], fill=DOT_ON_BRAND)


def mark_image(pixels):
    """The mark alone, `pixels` square on a transparent ground (RGBA), smooth-edged: to
    paste on the brand navy."""
    big = Image.new("RGBA", (pixels * SUPERSAMPLING, pixels * SUPERSAMPLING), (0, 0, 0, 0))
    draw_mark(ImageDraw.Draw(big), 0, pixels * SUPERSAMPLING / SIZE)
    return big.resize((pixels, pixels), Image.LANCZOS)
