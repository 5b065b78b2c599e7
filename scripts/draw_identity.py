#!/usr/bin/env python3
"""Draws the committee's mark and the site's icons from one geometry (run again after
changing it; the files it writes are committed).

    .venv/bin/python scripts/draw_identity.py

The mark: four arcs around a centre, a round table of four voices (inclusion, participatory
democracy, human rights, migration), in the palette of `static/css/site.css`. It writes:

- `templates/components/mark.svg`: the mark inline in the header (colours from CSS classes,
  so it reads on the navy bar and in print);
- `static/icons/icon.svg`: the favicon for browsers that take SVG (the mark on its tile);
- `static/icons/icon-192.png`, `icon-512.png` (web manifest), `icon-maskable-512.png`
  (a safe zone for round launchers), `apple-touch-icon.png` (180 px);
- `public/favicon.ico` (16, 32 and 48 px), served at `/favicon.ico` by WhiteNoise.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]

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


def arc_angles():
    """(start, end) in degrees, 0 at the top, clockwise, of the four arcs."""
    return [(q * 90 - 45 + GAP / 2, q * 90 + 45 - GAP / 2) for q in range(4)]


def point(angle, radius=RADIUS, centre=CENTRE):
    a = math.radians(angle)
    return centre + radius * math.sin(a), centre - radius * math.cos(a)


def svg_paths(colours=None, classes=None):
    parts = []
    for index, (start, end) in enumerate(arc_angles()):
        (x1, y1), (x2, y2) = point(start), point(end)
        paint = f'stroke="{colours[index]}"' if colours else f'class="{classes}{index + 1}"'
        parts.append(
            f'<path d="M{x1:.2f} {y1:.2f}A{RADIUS} {RADIUS} 0 0 1 {x2:.2f} {y2:.2f}" '
            f'fill="none" stroke-width="{STROKE}" stroke-linecap="round" {paint}/>'
        )
    return "".join(parts)


def inline_mark():
    """The header's mark: decorative (the link around it carries the site's name)."""
    return (
        f'<svg class="mark" aria-hidden="true" focusable="false" viewBox="0 0 {SIZE} {SIZE}" '
        f'width="{SIZE}" height="{SIZE}">'
        + svg_paths(classes="mark__arc mark__arc--")
        + f'<circle class="mark__dot" cx="{CENTRE}" cy="{CENTRE}" r="{DOT}"/></svg>\n'
    )


def icon_svg():
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="10" fill="{TILE}"/>'
        + svg_paths(colours=ARCS_ON_BRAND)
        + f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{DOT}" fill="{DOT_ON_BRAND}"/></svg>\n'
    )


def raster(pixels, *, rounded=True, inset=1.0):
    """The icon at `pixels` square, drawn 8 times larger then reduced (smooth edges).
    `inset` < 1 shrinks the mark inside its tile (the maskable icon's safe zone)."""
    scale = pixels * 8 / SIZE
    big = Image.new("RGBA", (pixels * 8, pixels * 8), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    radius = 10 * scale if rounded else 0
    draw.rounded_rectangle([0, 0, pixels * 8 - 1, pixels * 8 - 1], radius=radius, fill=TILE)
    mark_scale = scale * inset
    offset = (pixels * 8 - SIZE * mark_scale) / 2
    r = RADIUS * mark_scale
    c = offset + CENTRE * mark_scale
    for colour, (start, end) in zip(ARCS_ON_BRAND, arc_angles(), strict=True):
        # Pillow's angles: 0 at three o'clock, clockwise.
        draw.arc(
            [
                c - r - STROKE * mark_scale / 2,
                c - r - STROKE * mark_scale / 2,
                c + r + STROKE * mark_scale / 2,
                c + r + STROKE * mark_scale / 2,
            ],
            start - 90,
            end - 90,
            fill=colour,
            width=round(STROKE * mark_scale),
        )
        for angle in (start, end):  # round caps
            x, y = point(angle, r, c)
            cap = STROKE * mark_scale / 2
            draw.ellipse([x - cap, y - cap, x + cap, y + cap], fill=colour)
    dot = DOT * mark_scale
    draw.ellipse([c - dot, c - dot, c + dot, c + dot], fill=DOT_ON_BRAND)
    return big.resize((pixels, pixels), Image.LANCZOS)


def main():
    (ROOT / "templates/components/mark.svg").write_text(inline_mark())
    icons = ROOT / "static/icons"
    icons.mkdir(parents=True, exist_ok=True)
    (icons / "icon.svg").write_text(icon_svg())
    raster(192).save(icons / "icon-192.png", optimize=True)
    raster(512).save(icons / "icon-512.png", optimize=True)
    raster(512, rounded=False, inset=0.72).save(icons / "icon-maskable-512.png", optimize=True)
    raster(180, rounded=False).save(icons / "apple-touch-icon.png", optimize=True)
    public = ROOT / "public"
    public.mkdir(exist_ok=True)
    raster(48).save(public / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    print("Wrote the mark and the icons.")


if __name__ == "__main__":
    main()
