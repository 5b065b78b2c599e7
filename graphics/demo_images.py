"""The demo content's images, drawn by the site itself (no photograph library exists) from
their description in a demo TOML file: an illustration (`graphics.artwork`) or a map
(`graphics.maps`). See core/demo.py's docstring for the syntax.

Each image is made once, in the "Demo images" collection, and found again by its title:
loading the demo again, or naming the same image on another page, draws nothing new.
"""

import io

from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from graphics.artwork import draw_artwork
from graphics.maps import REGIONS, Box, Projection, draw_map, fit_box

COLLECTION_NAME = "Demo images"
SIZE = (1600, 900)  # 16:9, wider than the widest rendition (social previews, 1200 px)
PALETTE_COLOURS = 256  # flat colours and their smooth edges: a palette PNG loses nothing seen
SINGLE_CITY_SPAN = 30.0  # degrees of longitude around a lone city: its region, not its street
ARTWORK_OPTIONS = ("motif", "colour", "background")


def demo_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def demo_image(spec):
    """The Wagtail image that `spec` (a table of a demo TOML file) describes: the one with
    its title in the "Demo images" collection, else drawn now."""
    title, alt = spec.get("title"), spec.get("alt")
    if not title or not alt:
        raise ValueError(f"A demo image needs a title and an alt text: {spec!r}")
    model = get_image_model()
    collection = demo_collection()
    existing = model.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    picture, focus = draw(spec)
    image = model(title=title, description=alt, collection=collection)
    image.file.save(f"{slugify(title)[:80]}.png", ImageFile(io.BytesIO(png(picture))), save=False)
    image._set_image_file_metadata()  # size and hash, as an upload through the admin sets
    image.width, image.height = picture.size
    left, top, right, bottom = focus
    image.focal_point_x, image.focal_point_y = (left + right) // 2, (top + bottom) // 2
    image.focal_point_width, image.focal_point_height = right - left, bottom - top
    image.save()
    return image


def draw(spec):
    """(the Pillow picture, its focal area as (left, top, right, bottom)) of `spec`."""
    if ("artwork" in spec) == ("map" in spec):
        raise ValueError(f"A demo image is either an artwork or a map: {spec!r}")
    if "artwork" in spec:
        options = {name: spec[name] for name in ARTWORK_OPTIONS if name in spec}
        picture = draw_artwork(spec["artwork"], size=SIZE, **options)
        # Abstract: any crop is as good, the middle as good as any.
        width, height = SIZE
        return picture, (width // 5, height // 5, width * 4 // 5, height * 4 // 5)
    cities = [(city["name"], city["lon"], city["lat"]) for city in spec.get("cities", [])]
    box = map_box(spec["map"], cities, spec.get("span"))
    picture = draw_map(box, cities, size=SIZE, highlight=spec.get("highlight", ()))
    return picture, cities_focus(box, cities)


def map_box(value, cities, span=None):
    """The box a map spec names: a region of graphics.maps.REGIONS, "around" (fitted around
    its cities, at least `span` degrees wide), or [west, south, east, north]."""
    if value == "around":
        if not cities:
            raise ValueError('A map "around" its cities needs cities')
        min_span = span or (SINGLE_CITY_SPAN if len(cities) == 1 else 12.0)
        return fit_box([(lon, lat) for _name, lon, lat in cities], SIZE, min_span=min_span)
    if isinstance(value, str):
        if value not in REGIONS:
            raise ValueError(f"Unknown map region {value!r}: one of {', '.join(REGIONS)}")
        return REGIONS[value]
    return Box(*value)


def cities_focus(box, cities):
    """The focal area of a map: around its cities, at least half the picture each way, so
    that crops (a campaign's wide header, a square) keep them in."""
    width, height = SIZE
    if not cities:
        return 0, 0, width, height
    projection = Projection(box, SIZE)
    points = [projection(lon, lat) for _name, lon, lat in cities]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, right = widened(min(xs), max(xs), width)
    top, bottom = widened(min(ys), max(ys), height)
    return left, top, right, bottom


def widened(low, high, extent, least=0.5, margin=0.06):
    """[low, high] with a margin, at least `least` of `extent` long, within [0, extent]."""
    low, high = low - margin * extent, high + margin * extent
    missing = max(0.0, least * extent - (high - low)) / 2
    low, high = max(0.0, low - missing), min(float(extent), high + missing)
    return round(low), round(high)


def png(picture):
    """PNG bytes of `picture` reduced to a palette: a fifth of the size of full colour, and
    Wagtail's renditions read it back in full colour before resizing."""
    reduced = picture.quantize(
        PALETTE_COLOURS, method=PILImage.Quantize.MEDIANCUT, dither=PILImage.Dither.NONE
    )
    output = io.BytesIO()
    reduced.save(output, format="PNG", optimize=True)
    return output.getvalue()
