"""The demo's images (graphics.demo_images): drawn from their description in the demo TOML
files, made once in the "Demo images" collection, shared by a page's translations."""

import io
from pathlib import Path

import polib
import pytest
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.demo import build, ensure_pages, read_data
from graphics import demo_images
from graphics.artwork import BACKGROUNDS, MOTIFS
from graphics.drawing import THEME_COLOURS
from graphics.maps import REGIONS, Projection, country, country_at
from tests.conftest import LANGUAGES
from themes.models import ThemeIndexPage

ROOT = Path(__file__).resolve().parents[2]
ARTWORK = {"artwork": "work-areas", "motif": "arcs", "colour": "blue", "background": "brand"}
MAP = {
    "map": "mediterranean",
    "highlight": ["MA", "TN"],
    "cities": [
        {"name": "Tangier", "lon": -5.80, "lat": 35.76},
        {"name": "Tunis", "lon": 10.18, "lat": 36.81},
    ],
}


@pytest.fixture
def small_images(monkeypatch):
    """Images drawn at a fifth of their size: the same code, quicker."""
    monkeypatch.setattr(demo_images, "SIZE", (320, 180))


def described(spec, title):
    return {**spec, "title": title, "alt": f"Alt text of {title}"}


def demo_image_specs():
    """[(file, page slug, field, spec)] of every image the demo's TOML files describe."""
    specs = []
    for path in sorted(ROOT.glob("*/demo/*.toml")):
        for page in read_data(path).get("pages", []):
            for field, value in page.items():
                if isinstance(value, dict) and ("artwork" in value or "map" in value):
                    specs.append((path.relative_to(ROOT), page["slug"], field, value))
    return specs


@pytest.mark.django_db
def test_an_image_is_drawn_once_and_found_again_by_its_title(small_images):
    model = get_image_model()
    before = model.objects.count()
    image = demo_images.demo_image(described(MAP, "Map of two cities"))
    again = demo_images.demo_image(described(MAP, "Map of two cities"))
    assert again.pk == image.pk
    assert model.objects.count() == before + 1
    assert image.collection.name == "Demo images"
    assert image.description == "Alt text of Map of two cities"  # Wagtail's alt text
    assert (image.width, image.height) == (320, 180)
    assert image.file_size == image.file.size and image.file_hash
    with image.file.open("rb") as file:
        assert Image.open(io.BytesIO(file.read())).size == (320, 180)
    # The focal point holds both cities, so that crops keep them in.
    focus = image.get_focal_point()
    for city in MAP["cities"]:
        x, y = Projection(REGIONS["mediterranean"], (320, 180))(city["lon"], city["lat"])
        assert focus.left <= x <= focus.right and focus.top <= y <= focus.bottom


@pytest.mark.django_db
def test_a_page_built_from_demo_data_gets_its_image(small_images):
    fields = {"title": "Areas", "slug": "areas", "listing_image": described(ARTWORK, "Areas")}
    page = build(ThemeIndexPage, fields, Locale.objects.get(language_code="en"))
    assert page.listing_image.title == "Areas"
    assert page.listing_image.description == "Alt text of Areas"


@pytest.mark.django_db
def test_the_loader_makes_the_image_once_and_every_translation_shows_it(small_images):
    entry = {
        "type": "themes.ThemeIndexPage",
        "parent": "",
        "title": "Work areas",
        "slug": "work-areas",
        "listing_image": described(ARTWORK, "Work areas (illustration)"),
    }
    catalogs = {}
    for code in LANGUAGES[1:]:
        catalogs[code] = polib.POFile()
        catalogs[code].append(polib.POEntry(msgid="Work areas", msgstr=f"Work areas ({code})"))
        catalogs[code].append(polib.POEntry(msgid="work-areas", msgstr=f"work-areas-{code}"))
    model = get_image_model()
    before = model.objects.count()
    created = []
    page = ensure_pages([entry], catalogs, created)["work-areas"]
    assert model.objects.count() == before + 1
    image = page.listing_image
    translations = ThemeIndexPage.objects.filter(translation_key=page.translation_key)
    assert translations.count() == len(LANGUAGES)
    assert {translation.listing_image_id for translation in translations} == {image.pk}
    # Loading again makes nothing, not even a drawing.
    again = []
    ensure_pages([entry], catalogs, again)
    assert again == [] and model.objects.count() == before + 1


@pytest.mark.parametrize(
    "spec",
    [
        {"artwork": "seed"},  # no title nor alt text
        {"artwork": "seed", "map": "mediterranean", "title": "Both", "alt": "Both"},
        {"title": "Neither", "alt": "Neither"},
        {"map": "atlantis", "title": "Unknown region", "alt": "Unknown region"},
        {"map": "around", "title": "No city", "alt": "No city"},
    ],
)
@pytest.mark.django_db
def test_an_unsound_description_is_an_error(spec, small_images):
    with pytest.raises(ValueError):
        demo_images.demo_image(spec)


def test_a_lone_citys_map_shows_its_region():
    tangier = [("Tangier", -5.80, 35.76)]
    box = demo_images.map_box("around", tangier)
    assert box.east - box.west == pytest.approx(demo_images.SINGLE_CITY_SPAN)
    assert box.west < -5.80 < box.east and box.south < 35.76 < box.north
    assert demo_images.map_box([-10, 30, 20, 50], tangier) == (-10, 30, 20, 50)


def test_the_demo_describes_its_images_soundly():
    """Without drawing them: each has a title and an alt text that fits Wagtail's
    description, known options, one description per title (the title finds the image
    again), and a map's cities lie in the countries it highlights."""
    specs = demo_image_specs()
    assert len(specs) >= 15
    by_title = {}
    for path, slug, field, spec in specs:
        where = f"{path}: {slug}.{field}"
        assert spec["title"] and 0 < len(spec["alt"]) <= 255, where
        assert by_title.setdefault(spec["title"], spec) == spec, where
        if "artwork" in spec:
            assert set(spec) <= {"artwork", "title", "alt", *demo_images.ARTWORK_OPTIONS}, where
            assert spec.get("motif", MOTIFS[0]) in MOTIFS, where
            assert spec.get("colour", THEME_COLOURS[0]) in THEME_COLOURS, where
            assert spec.get("background", BACKGROUNDS[0]) in BACKGROUNDS, where
            continue
        assert set(spec) <= {"map", "cities", "highlight", "span", "title", "alt"}, where
        assert spec["map"] == "around" or spec["map"] in REGIONS, where
        highlighted = {country(key).name for key in spec.get("highlight", [])}
        for city in spec["cities"]:
            assert country_at(city["lon"], city["lat"]).name in highlighted, (where, city)
            assert city["name"] in spec["alt"], (where, city)  # the map has no text
