#!/usr/bin/env python3
"""The stand-in pictures of cards: what a card shows for a page with no image of its own
(core.listing.stand_in), one per kind of page, drawn by graphics.artwork in the site's
palette, and one for any other page.

    .venv/bin/python scripts/draw_card_visuals.py     # writes static/img/cards/*.webp

Run it again after adding a page type (a page type without its picture shows `page.webp`);
the files are committed. The seed is the model's label, so a run draws the same pictures.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")

import django  # noqa: E402

django.setup()

from wagtail.models import get_page_models  # noqa: E402

from core.listing import STAND_IN_DEFAULT, STAND_IN_SIZE  # noqa: E402
from core.models import BasePage  # noqa: E402
from graphics.artwork import draw_artwork  # noqa: E402

FOLDER = ROOT / "static" / "img" / "cards"


def main():
    FOLDER.mkdir(parents=True, exist_ok=True)
    names = [
        model._meta.label_lower.replace(".", "-")
        for model in get_page_models()
        if issubclass(model, BasePage) and model.shown_as_card
    ]
    for name in [Path(STAND_IN_DEFAULT).stem, *names]:
        path = FOLDER / f"{name}.webp"
        draw_artwork(f"card:{name}", size=STAND_IN_SIZE).save(path, "WEBP", quality=70, method=6)
        print(path.relative_to(ROOT), path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
