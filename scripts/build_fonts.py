#!/usr/bin/env python3
"""Builds the self-hosted typefaces (run again to change them; the files it writes are
committed, so neither the site nor its tests need npm).

    .venv/bin/python scripts/build_fonts.py      # needs npm (registry access) and fontTools

Noto Sans for Latin scripts and Noto Sans Arabic, drawn to go together (SIL Open Font
Licence 1.1), from the Fontsource packages on the npm registry. Each is cut to the
characters of its languages (`SUBSETS`) and to the weights the site uses (400 to 700 on the
variable weight axis), as `woff2`. `static/css/site.css` declares them with the same
`unicode-range`s, so a browser fetches a file only for characters a page holds: the Arabic
file only on pages with Arabic text, the extended Latin file only for names such as
"Łódź" or "İzmir". The licences go to `static/fonts/`.
"""

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.varLib import instancer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "static" / "fonts"

PACKAGES = {
    "noto-sans": "@fontsource-variable/noto-sans@5.3.0",
    "noto-sans-arabic": "@fontsource-variable/noto-sans-arabic@5.3.0",
}


def span(first, last):
    return list(range(first, last + 1))


# Fontsource's own range for latin; of latin-ext, Latin Extended-A and -B (the names of
# Central European, Turkish, Romanian, Maltese... cities) and currency signs; Arabic: the
# Arabic block (every letter of Arabic, and of Persian and Urdu names), joiners and
# direction marks.
LATIN = (
    span(0x20, 0x7E)
    + span(0xA0, 0xFF)
    + [0x131, 0x152, 0x153, 0x2BB, 0x2BC, 0x2C6, 0x2DA]
    + [0x2DC, 0x304, 0x308, 0x329]
    + span(0x2000, 0x206F)
    + [0x20AC, 0x2122, 0x2191, 0x2193, 0x2212, 0x2215, 0xFEFF, 0xFFFD]
)
LATIN_EXT = span(0x100, 0x24F) + span(0x20A0, 0x20AB) + span(0x20AD, 0x20C0) + [0x2113]
ARABIC = span(0x600, 0x6FF) + span(0x200C, 0x200F) + [0x20, 0xA0]

# (output file, package, file in the package, code points)
SUBSETS = [
    ("noto-sans-latin.woff2", "noto-sans", "noto-sans-latin-wght-normal.woff2", LATIN),
    ("noto-sans-latin-italic.woff2", "noto-sans", "noto-sans-latin-wght-italic.woff2", LATIN),
    ("noto-sans-latin-ext.woff2", "noto-sans", "noto-sans-latin-ext-wght-normal.woff2", LATIN_EXT),
    (
        "noto-sans-arabic.woff2",
        "noto-sans-arabic",
        "noto-sans-arabic-arabic-wght-normal.woff2",
        ARABIC,
    ),
]
WEIGHTS = (400, 700)


def unpack(package, folder):
    """The npm package's files, downloaded with `npm pack` into `folder`."""
    name = subprocess.run(
        ["npm", "pack", "--silent", package],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    target = folder / name.removesuffix(".tgz")
    with tarfile.open(folder / name) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def cut(source, code_points, target):
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # Arabic shaping, kerning, ligatures
    options.name_IDs = ["*"]  # the copyright and licence notices stay in the file
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    font = instancer.instantiateVariableFont(font, {"wght": WEIGHTS})
    font.flavor = "woff2"
    font.save(str(target))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        packages = {key: unpack(spec, folder) for key, spec in PACKAGES.items()}
        for output, key, name, code_points in SUBSETS:
            cut(packages[key] / "files" / name, code_points, OUT / output)
            print(f"{output}: {(OUT / output).stat().st_size / 1024:.1f} KB")
        for key, package in packages.items():
            shutil.copy(package / "LICENSE", OUT / f"{key}.LICENSE.txt")


if __name__ == "__main__":
    main()
