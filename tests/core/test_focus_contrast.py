"""The focus ring stays visible: at least 3:1 against every background it is drawn on
(WCAG 2.2, 1.4.11), computed from the colour tokens of static/css/site.css."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text()

# Which ring is drawn on which backgrounds: the default ring around links, buttons, fields,
# cards and panels in the page and the footer; the light ring on the header and menu bar.
RINGS = {
    "--colour-focus": ["--colour-paper", "--colour-wash", "--colour-brand-soft"],
    "--colour-focus-on-brand": ["--colour-brand", "--colour-brand-deep"],
}


def tokens():
    root = re.search(r":root\s*{(.*?)}", CSS, re.S).group(1)
    return dict(re.findall(r"(--colour-[\w-]+):\s*(#[0-9a-fA-F]{6})", root))


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("ring", "background"), [(r, b) for r, backgrounds in RINGS.items() for b in backgrounds]
)
def test_the_focus_ring_has_3_to_1_on_its_backgrounds(ring, background):
    colours = tokens()
    assert contrast(colours[ring], colours[background]) >= 3, (ring, background)


def test_the_header_and_menu_use_the_ring_made_for_navy():
    rule = re.search(r"([^{}]*){[^}]*outline-color:\s*var\(--colour-focus-on-brand\)", CSS)
    assert rule, "no rule gives the light ring"
    selectors = rule.group(1)
    for container in (".site-header :focus-visible", ".main-menu :focus-visible"):
        assert container in selectors
    # And the navy backgrounds are those of the header and the menu bar.
    assert re.search(r"\.site-header\s*{[^}]*background:\s*var\(--colour-brand\)", CSS)
    assert re.search(r"\.main-menu\s*{[^}]*background:\s*var\(--colour-brand-deep\)", CSS)


def test_the_old_ring_failed_on_the_header():
    """The measure itself: the orange ring on the header's navy was 2.16:1."""
    colours = tokens()
    assert round(contrast(colours["--colour-focus"], colours["--colour-brand"]), 2) == 2.16
