"""What the images the site draws itself share (graphics.maps, graphics.artwork): the identity's
palette, and drawing at twice the size for smooth edges.

The colours are the custom properties at the top of `static/css/site.css` (a test keeps
them equal): images drawn here sit among the site's own colours.
"""

from PIL import Image, ImageColor, ImageDraw

# name (the custom property without `--colour-`) → hex, as in static/css/site.css.
PALETTE = {
    "ink": "#1b1f24",
    "muted": "#4a5563",
    "paper": "#ffffff",
    "wash": "#f3f5f8",
    "line": "#c9d1dc",
    "brand": "#123c69",
    "brand-deep": "#0c2c4f",
    "brand-soft": "#e3ecf6",
    "accent": "#9c3d10",
    # The mark's four arcs, on the brand navy.
    "mark-1": "#ffffff",
    "mark-2": "#fcd34d",
    "mark-3": "#7ddcc8",
    "mark-4": "#fdba8c",
    # Theme accents (themes.models.ThemeColour).
    "blue": "#1f4e8c",
    "teal": "#0f6b61",
    "green": "#2f6b1f",
    "purple": "#5b3a8c",
    "red": "#a3262a",
    "orange": "#9c4a08",
}
THEME_COLOURS = ("blue", "teal", "green", "purple", "red", "orange")

SUPERSAMPLING = 2  # drawn at twice the size, then reduced: Pillow draws no smooth edges


def rgb(name):
    """(r, g, b) of a palette colour."""
    return ImageColor.getrgb(PALETTE[name])


def rgba(name, alpha=255):
    """(r, g, b, a) of a palette colour, `alpha` from 0 (clear) to 255 (opaque)."""
    return (*rgb(name), alpha)


def mix(name, other, amount):
    """A palette colour moved `amount` (0 to 1) of the way towards `other` (a tint with
    "paper", a shade with "ink"), as (r, g, b)."""
    return tuple(round(a + (b - a) * amount) for a, b in zip(rgb(name), rgb(other), strict=True))


class Canvas:
    """A picture of `size` pixels drawn at SUPERSAMPLING times the size: draw on `draw`
    (alpha blending on) in the coordinates of the large picture (`scale` converts), then
    take `image()`."""

    def __init__(self, size, background):
        self.size = size
        self.scale = SUPERSAMPLING
        width, height = size
        self.background = rgb(background) if isinstance(background, str) else background
        self.large = Image.new("RGB", (width * self.scale, height * self.scale), self.background)
        self.draw = ImageDraw.Draw(self.large, "RGBA")

    def image(self):
        return self.large.resize(self.size, Image.Resampling.LANCZOS)
