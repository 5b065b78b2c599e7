#!/usr/bin/env python3
"""Draws the committee's mark and the site's icons from one geometry (run again after
changing it; the files it writes are committed).

    .venv/bin/python scripts/draw_identity.py

The mark: four arcs around a centre, a round table of four voices (inclusion, participatory
democracy, human rights, migration), in the palette of `static/css/site.css`. Its geometry
and its Pillow drawing live in `graphics/identity.py`, which the social cards
(`graphics/social_cards.py`) draw from too. It writes:

- `templates/components/mark.svg`: the mark inline in the header (colours from CSS classes,
  so it reads on the navy bar and in print);
- `static/icons/icon.svg`: the favicon for browsers that take SVG (the mark on its tile);
- `static/icons/icon-192.png`, `icon-512.png` (web manifest), `icon-maskable-512.png`
  (a safe zone for round launchers), `apple-touch-icon.png` (180 px);
- `public/favicon.ico` (16, 32 and 48 px), served at `/favicon.ico` by WhiteNoise.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The geometry and its Pillow drawing, shared with the social cards (graphics.social_cards).
from graphics.identity import (  # noqa: E402
    ARCS_ON_BRAND,
    CENTRE,
    DOT,
    DOT_ON_BRAND,
    RADIUS,
    SIZE,
    STROKE,
    SUPERSAMPLING,
    TILE,
    arc_angles,
    draw_mark,
    point,
)


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
    """The icon at `pixels` square, drawn SUPERSAMPLING times larger then reduced (smooth
    edges). `inset` < 1 shrinks the mark inside its tile (the maskable icon's safe zone)."""
    big_pixels = pixels * SUPERSAMPLING
    scale = big_pixels / SIZE
    big = Image.new("RGBA", (big_pixels, big_pixels), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    radius = 10 * scale if rounded else 0
    draw.rounded_rectangle([0, 0, big_pixels - 1, big_pixels - 1], radius=radius, fill=TILE)
    mark_scale = scale * inset
    draw_mark(draw, (big_pixels - SIZE * mark_scale) / 2, mark_scale)
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
