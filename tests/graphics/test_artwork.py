"""Illustrations drawn by the site (graphics.artwork) in the identity's palette (graphics.drawing).
No database."""

import re
from pathlib import Path

import pytest

from graphics.artwork import BACKGROUNDS, MOTIFS, draw_artwork
from graphics.drawing import PALETTE, rgb

SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"
SMALL = (320, 180)  # the same drawing as at full size, quicker


def test_the_palette_is_the_sites():
    declared = dict(re.findall(r"--colour-([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", SITE_CSS.read_text()))
    assert {name: declared.get(name) for name in PALETTE} == PALETTE


def test_the_same_seed_draws_the_same_picture_and_another_seed_another():
    first = draw_artwork("migration-and-diversity", size=SMALL)
    again = draw_artwork("migration-and-diversity", size=SMALL)
    other = draw_artwork("housing", size=SMALL)
    assert first.tobytes() == again.tobytes()
    assert first.tobytes() != other.tobytes()
    # Given the same motif, colour and background, the seed still shapes the picture.
    options = {"motif": "arcs", "colour": "teal", "background": "wash"}
    assert (
        draw_artwork("one", size=SMALL, **options).tobytes()
        != draw_artwork("two", size=SMALL, **options).tobytes()
    )


@pytest.mark.parametrize("motif", MOTIFS)
@pytest.mark.parametrize("background", BACKGROUNDS)
def test_every_motif_draws_on_every_background(motif, background):
    picture = draw_artwork("seed", size=SMALL, motif=motif, colour="purple", background=background)
    assert picture.size == SMALL and picture.mode == "RGB"
    colours = {colour for _count, colour in picture.getcolors(maxcolors=SMALL[0] * SMALL[1])}
    assert rgb(background) in colours  # the background shows between the shapes
    assert len(colours) > 8  # shapes in several colours, with smooth edges


def test_the_default_size_is_a_wide_picture_for_cards_and_previews():
    assert draw_artwork("events").size == (1600, 900)


def test_without_options_the_seed_chooses_motif_colour_and_background():
    pictures = {draw_artwork(f"seed-{n}", size=(32, 18)).tobytes() for n in range(6)}
    assert len(pictures) == 6


@pytest.mark.parametrize(
    "options", [{"motif": "spirals"}, {"colour": "pink"}, {"background": "black"}]
)
def test_an_unknown_option_is_an_error(options):
    with pytest.raises(ValueError):
        draw_artwork("seed", size=SMALL, **options)
