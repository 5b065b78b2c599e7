"""Social cards: the image a page shows when shared (Open Graph, X/Twitter) when it has none
of its own, drawn for the page in its own language.

A card is 1200 × 630 PNG on the brand navy: the committee's mark (`graphics.identity`, the
geometry of the header's mark and of the icons), its acronym and name in the page's
language, and the page's title in the site's typeface (the self-hosted Noto Sans and Noto
Sans Arabic of `static/fonts/`), wrapped over at most four lines, smaller as it grows.

Text is laid out by Pillow's Raqm engine (HarfBuzz shaping, FriBiDi reordering), measured
and drawn with the same engine and the page's direction: Arabic letters take their joined
forms and run right to left, right-aligned, and a Latin word or number inside an Arabic
title keeps its own order. The woff2 files are decompressed, fixed at weight 700 (they are
variable fonts) and merged into one font with fontTools, once per process (about 2 s):
FreeType cannot fall back from one font to another, and a merged font draws an Arabic
title's digits and Latin words, or a city's "Ł", in the same run.

A card's address holds a short key of what it shows (`card_key`: title, language, the
committee's name and acronym in that language, the design's version), so a changed title
gives a new address and each address can be cached for a year. The page template computes
it from the page's id and title and the active language: no query. Drawn on its first
request, a card is kept in the default storage (`social-cards/<page id>/<key>.png`); the
page's older cards are deleted then. A card the storage refuses (a full or read-only disk)
is kept in the process's memory, and the storage tried again only minutes later.
"""

import functools
import hashlib
import io
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont, features

from graphics.drawing import PALETTE
from graphics.identity import ARCS_ON_BRAND, mark_image, site_acronym, site_name

logger = logging.getLogger(__name__)

# Bump when the drawing changes: every card gets a new address, and is drawn again.
DESIGN_VERSION = 1
KEY_LENGTH = 12  # hex digits of the SHA-256 of what the card shows
STORAGE_DIRECTORY = "social-cards"

WIDTH, HEIGHT = 1200, 630
MARGIN = 80

# The site's palette (graphics.drawing, the custom properties of static/css/site.css).
BACKGROUND = PALETTE["brand"]
TITLE_COLOUR = PALETTE["paper"]  # white: 11:1 on the brand
ACRONYM_COLOUR = PALETTE["paper"]
NAME_COLOUR = PALETTE["brand-soft"]  # 9.6:1 on the brand
TEXT_COLOURS = (TITLE_COLOUR, ACRONYM_COLOUR, NAME_COLOUR)
STRIPE_COLOURS = ARCS_ON_BRAND  # the mark's four colours, along the bottom edge
STRIPE_HEIGHT = 14

# The wordmark, as in the site's header: the mark, then the acronym over the name.
MARK_SIZE = 96
MARK_TOP = 64
WORDMARK_GAP = 28
ACRONYM_SIZE = 44
NAME_SIZES = (26, 22)  # the name on two lines at most, smaller if it needs
NAME_MAX_LINES = 2

# The title: the largest size at which it fits in its box, on up to four lines.
TITLE_BOX = (MARGIN, 200, WIDTH - MARGIN, HEIGHT - STRIPE_HEIGHT - 56)
TITLE_SIZES = (76, 66, 58, 50)
TITLE_MAX_LINES = 4
# Lines' spacing in font sizes: Arabic letters rise and fall further than Latin ones.
LINE_HEIGHT = {"ltr": 1.22, "rtl": 1.55}
ELLIPSIS = "…"

FONT_FILES = ("noto-sans-latin.woff2", "noto-sans-latin-ext.woff2", "noto-sans-arabic.woff2")
FONT_WEIGHT = 700
LAYOUT_ENGINE = ImageFont.Layout.RAQM


def card_key(title, language):
    """The key of the card of a page titled `title` in `language`: it changes with anything
    the card shows."""
    with translation.override(language):
        shown = [str(DESIGN_VERSION), language, title, site_acronym(), site_name()]
    return hashlib.sha256("\x1f".join(shown).encode()).hexdigest()[:KEY_LENGTH]


def card_path(page_id, title, language):
    """The card's address (a path, outside the language prefixes)."""
    return reverse("social_card", args=[page_id, card_key(title, language)])


@dataclass(frozen=True)
class Card:
    """What the page's head says of its generated card (og:image and its properties), named
    as a rendition's."""

    full_url: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT


def card_for(page, request=None):
    """The card of `page` in the active language (the page's, when it is served), with an
    absolute URL: from the page's id and title only, no query."""
    language = translation.get_language() or settings.LANGUAGE_CODE  # None: all deactivated
    path = card_path(page.pk, page.title, language)
    url = (
        request.build_absolute_uri(path)
        if request is not None
        else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    )
    # What the image shows, for those who cannot see it.
    alt = translation.pgettext(
        "alternative text of a page's preview image: the page's title, the committee's name",
        "%(title)s — %(committee)s",
    ) % {
        "title": page.title,
        "committee": site_name(),
    }
    return Card(full_url=url, alt=alt)


# Fonts: decompressed and merged once per process.

_font_lock = threading.Lock()


@functools.cache
def _merged_font_bytes():
    # fontTools only when a card is drawn: a process that never draws one never loads it.
    from fontTools import merge
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    static_fonts = []
    for name in FONT_FILES:
        font = TTFont(Path(settings.BASE_DIR) / "static" / "fonts" / name)
        font = instancer.instantiateVariableFont(
            font, {"wght": FONT_WEIGHT}, static=True, optimize=False, updateFontNames=False
        )
        font.flavor = None  # TrueType, as FreeType and the merger read it
        static_fonts.append(_saved(font))
    # The first font's glyph wins for characters in several (the space, the no-break space).
    return _saved(merge.Merger().merge(static_fonts)).getvalue()


def _saved(font):
    output = io.BytesIO()
    font.save(output)
    output.seek(0)
    return output


def font_bytes():
    """The card's typeface as TrueType bytes: Noto Sans (Latin and Latin Extended) and Noto
    Sans Arabic at weight 700, in one font."""
    with _font_lock:  # threads of one process wait for the first to build it
        return _merged_font_bytes()


def card_font(size):
    """The card's typeface at `size` pixels, laid out by Raqm. A new FreeType face each
    time (well under a millisecond): faces are not safe to share between threads."""
    return ImageFont.truetype(io.BytesIO(font_bytes()), size, layout_engine=LAYOUT_ENGINE)


def check_text_layout(**kwargs):
    """A system check: cards need Raqm (shaping and right-to-left text). Pillow's wheels
    carry it but load FriBiDi from the system."""
    if features.check("raqm"):
        return []
    return [
        checks.Error(
            "Pillow has no Raqm layout: social cards cannot shape Arabic or set text "
            "right to left, and fail to draw.",
            hint="Install FriBiDi (Debian: apt-get install libfribidi0) and restart.",
            id="core.E001",
        )
    ]


# Text: measured and drawn by the same engine, in the page's direction.


def text_direction(language):
    return "rtl" if translation.get_language_info(language)["bidi"] else "ltr"


def text_width(text, font, language):
    return font.getlength(text, direction=text_direction(language), language=language)


def draw_text(draw, xy, text, font, language, fill):
    """Draw one line of `text` with its start at `xy` (x at the left edge for left-to-right
    languages, the right edge for right-to-left ones; y at the middle of the line), shaped
    and ordered by Raqm for `language`. Every text of the card goes through here."""
    direction = text_direction(language)
    draw.text(
        xy,
        text,
        fill=fill,
        font=font,
        anchor="rm" if direction == "rtl" else "lm",
        direction=direction,
        language=language,
    )


def wrap(text, font, width, language):
    """`text` in lines no wider than `width` pixels, broken between words (a word longer
    than a line is cut where it must), measured as they are drawn."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, font, language) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while text_width(line, font, language) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and text_width(line[:cut], font, language) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def shortened(lines, max_lines, font, width, language):
    """The first `max_lines` of `lines`, the last ending with an ellipsis when some are
    left out."""
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and text_width(last + ELLIPSIS, font, language) > width:
        words = last.split()
        last = " ".join(words[:-1]) if len(words) > 1 else last[:-1]
    return lines[: max_lines - 1] + [last.rstrip() + ELLIPSIS]


@dataclass(frozen=True)
class TextBlock:
    """Lines of text set in one size: where each line's start and middle go."""

    lines: list
    size: int
    x: int
    middles: list


def title_block(title, language):
    """The title's lines and size: the largest size at which it fits in the title box,
    else the smallest, cut after the last line that fits."""
    left, top, right, bottom = TITLE_BOX
    width, height = right - left, bottom - top
    direction = text_direction(language)
    for size in TITLE_SIZES:
        font = card_font(size)
        line_height = round(size * LINE_HEIGHT[direction])
        max_lines = min(TITLE_MAX_LINES, height // line_height)
        lines = wrap(title, font, width, language)
        if len(lines) <= max_lines:
            break
    lines = shortened(lines, max_lines, font, width, language)
    # Centred in the box, whatever the number of lines.
    first_top = top + (height - line_height * len(lines)) // 2
    middles = [first_top + line_height * index + line_height // 2 for index in range(len(lines))]
    return TextBlock(lines, size, right if direction == "rtl" else left, middles)


def wordmark_blocks(language):
    """The acronym's block and the name's, beside the mark, centred on it."""
    direction = text_direction(language)
    text_start = MARGIN + MARK_SIZE + WORDMARK_GAP
    x = WIDTH - text_start if direction == "rtl" else text_start
    width = WIDTH - MARGIN - text_start
    with translation.override(language):
        acronym, name = site_acronym(), site_name()
    for size in NAME_SIZES:
        name_lines = wrap(name, card_font(size), width, language)
        if len(name_lines) <= NAME_MAX_LINES:
            break
    name_lines = shortened(name_lines, NAME_MAX_LINES, card_font(size), width, language)
    acronym_height = round(ACRONYM_SIZE * 1.3)
    name_line_height = round(size * LINE_HEIGHT[direction])
    height = acronym_height + name_line_height * len(name_lines)
    top = MARK_TOP + (MARK_SIZE - height) // 2
    acronym_block = TextBlock([acronym], ACRONYM_SIZE, x, [top + acronym_height // 2])
    name_top = top + acronym_height
    name_middles = [
        name_top + name_line_height * index + name_line_height // 2
        for index in range(len(name_lines))
    ]
    return acronym_block, TextBlock(name_lines, size, x, name_middles)


def draw_block(draw, block, language, fill):
    font = card_font(block.size)
    for line, middle in zip(block.lines, block.middles, strict=True):
        draw_text(draw, (block.x, middle), line, font, language, fill)


def draw_card(title, language):
    """The card of a page titled `title` in `language`, as a Pillow image (RGB)."""
    card = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(card)
    rtl = text_direction(language) == "rtl"
    mark_left = WIDTH - MARGIN - MARK_SIZE if rtl else MARGIN
    mark = mark_image(MARK_SIZE)
    card.paste(mark, (mark_left, MARK_TOP), mark)
    acronym, name = wordmark_blocks(language)
    draw_block(draw, acronym, language, ACRONYM_COLOUR)
    draw_block(draw, name, language, NAME_COLOUR)
    draw_block(draw, title_block(title, language), language, TITLE_COLOUR)
    stripe_width = WIDTH / len(STRIPE_COLOURS)
    colours = list(reversed(STRIPE_COLOURS)) if rtl else STRIPE_COLOURS
    for index, colour in enumerate(colours):
        draw.rectangle(
            [round(index * stripe_width), HEIGHT - STRIPE_HEIGHT]
            + [round((index + 1) * stripe_width) - 1, HEIGHT - 1],
            fill=colour,
        )
    return card


def card_png(title, language):
    output = io.BytesIO()
    # Not `optimize`: three times the time for 4 % fewer bytes.
    draw_card(title, language).save(output, format="PNG")
    return output.getvalue()


# Storage: each card drawn once.


def storage_name(page_id, key):
    return f"{STORAGE_DIRECTORY}/{page_id}/{key}.png"


# While the storage refuses cards (a full or read-only disk), each process keeps the cards
# it drew in memory and tries the storage again only after this long: a card is drawn once
# per failure, not on every request (drawing one takes a worker tens of milliseconds).
STORAGE_RETRY_SECONDS = 300
UNSTORED_CARDS = 64  # at most this many cards (about 50 KB each) kept in memory
_unstored = OrderedDict()
_storage_failed_until = 0.0
_unstored_lock = threading.Lock()


def stored_card(page_id, title, language, key):
    """The PNG of the card `key` of page `page_id` (titled `title` in `language`): read from
    the default storage, else drawn and kept there, the page's older cards deleted. When the
    storage refuses it, the card is kept in this process's memory for a while instead."""
    global _storage_failed_until
    name = storage_name(page_id, key)
    with _unstored_lock:
        png = _unstored.get(name)
        storage_failing = time.monotonic() < _storage_failed_until
    if png is not None and storage_failing:
        return png
    try:
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                return stored.read()
    except Exception as error:
        logger.warning("Social card %s unreadable, drawn again: %s", name, error)
    if png is None:
        png = card_png(title, language)
    if storage_failing:
        _keep_in_memory(name, png)
        return png
    # Any error of the storage (a file system's, an object store's client's) only costs
    # keeping the card in memory until the storage is tried again.
    try:
        default_storage.save(name, ContentFile(png))
        folder = f"{STORAGE_DIRECTORY}/{page_id}"
        _, files = default_storage.listdir(folder)
        for other in files:
            # Older titles' cards, or a copy another process saved under a new name.
            if f"{folder}/{other}" != name:
                default_storage.delete(f"{folder}/{other}")
    except Exception as error:
        logger.warning(
            "Social card %s not kept: %s; kept in memory for %s s",
            name,
            error,
            STORAGE_RETRY_SECONDS,
        )
        with _unstored_lock:
            _storage_failed_until = time.monotonic() + STORAGE_RETRY_SECONDS
        _keep_in_memory(name, png)
    else:
        with _unstored_lock:
            _unstored.pop(name, None)
    return png


def _keep_in_memory(name, png):
    with _unstored_lock:
        _unstored[name] = png
        _unstored.move_to_end(name)
        while len(_unstored) > UNSTORED_CARDS:
            _unstored.popitem(last=False)
