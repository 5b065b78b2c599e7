"""The site's identity: icons, web manifest and self-hosted typefaces that cover every
character the site writes in each of its languages."""

import io
import json
import re
from pathlib import Path

import polib
import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from tests.conftest import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
SITE_CSS = ROOT / "static" / "css" / "site.css"

pytestmark = pytest.mark.django_db


def test_the_favicon_answers_at_the_root_in_three_sizes(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_the_icons_and_its_languages_manifest(client, language):
    html = client.get(f"/{language}/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html
    assert f'<link rel="manifest" href="/{language}/manifest.webmanifest">' in html
    for href in re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', html):
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_manifest_speaks_the_language_of_its_address(client, language):
    response = client.get(f"/{language}/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["lang"] == language
    assert manifest["dir"] == ("rtl" if language == "ar" else "ltr")
    english = json.loads(client.get("/en/manifest.webmanifest").content)
    assert (manifest["name"] == english["name"]) == (language == "en")
    assert client.get(manifest["start_url"]).status_code == 200
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        response = client.get(icon["src"])
        assert response.status_code == 200, icon["src"]
        if icon["type"] == "image/png":
            width, height = Image.open(io.BytesIO(b"".join(response.streaming_content))).size
            assert icon["sizes"] == f"{width}x{height}"


def font_faces():
    """[(family, style, file, declared code points)] of site.css's @font-face rules."""
    faces = []
    for rule in re.findall(r"@font-face\s*{([^}]*)}", SITE_CSS.read_text()):
        family = re.search(r'font-family:\s*"([^"]+)"', rule).group(1)
        style = re.search(r"font-style:\s*(\w+)", rule).group(1)
        assert "font-display: swap" in rule
        source = re.search(r'url\("\.\./fonts/([^"]+\.woff2)"\)', rule).group(1)
        declared = set()
        for first, last in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", rule):
            declared.update(range(int(first, 16), int(last or first, 16) + 1))
        faces.append((family, style, ROOT / "static" / "fonts" / source, declared))
    return faces


def test_the_typefaces_are_self_hosted_woff2_files_with_their_licences():
    faces = font_faces()
    assert {family for family, *_ in faces} == {"Noto Sans", "Noto Sans Arabic"}
    for _, _, path, _ in faces:
        assert path.read_bytes()[:4] == b"wOF2", path
    for family in ("noto-sans", "noto-sans-arabic"):
        licence = (ROOT / "static" / "fonts" / f"{family}.LICENSE.txt").read_text()
        assert "SIL Open Font License" in licence
    stylesheet = SITE_CSS.read_text()
    assert re.search(r'--font-sans:\s*"Noto Sans", "Noto Sans Arabic"', stylesheet)
    assert "fonts.googleapis" not in stylesheet and "@import" not in stylesheet


def written_characters(language):
    """Every character of the site's interface and of its demo content in `language`:
    the catalogs' translations, and for English, the source strings they translate."""
    text = []
    catalogs = {ROOT / "locale" / language / "LC_MESSAGES" / "django.po"}
    catalogs |= set(ROOT.glob(f"*/demo/locale/**/{language}.po"))
    for path in filter(Path.exists, catalogs):
        for entry in polib.pofile(str(path)):
            text.append(entry.msgstr or "")
            text.extend((entry.msgstr_plural or {}).values())
    if language == "en":
        sources = {ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"}
        sources |= set(ROOT.glob("*/demo/locale/fr.po"))
        text += [entry.msgid for path in sources for entry in polib.pofile(str(path))]
    return {char for char in "".join(text) if char.isprintable() and not char.isspace()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_typefaces_draw_every_character_the_site_writes(language):
    """No character falls back to another typeface: each has a glyph in a face whose
    unicode-range claims it (the upright faces; italics cover the same range)."""
    drawn = set()
    for _, style, path, declared in font_faces():
        if style == "normal":
            drawn |= declared & set(TTFont(str(path)).getBestCmap())
    characters = written_characters(language)
    assert len(characters) > 60
    missing = sorted(char for char in characters if ord(char) not in drawn)
    assert missing == []


def test_the_arabic_face_is_fetched_only_for_arabic_text():
    for family, _, path, declared in font_faces():
        latin = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
        if family == "Noto Sans Arabic":
            assert not declared & latin, path
        else:
            assert not declared & set(range(0x600, 0x700)), path
