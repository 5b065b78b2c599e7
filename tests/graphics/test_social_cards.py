"""Social previews: every public page has an og:image that answers 200, its own image or a
card drawn for it (graphics.social_cards) with its title in its own language, Arabic shaped and
set right to left by Pillow's Raqm engine."""

import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.files.storage import default_storage
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFont, features
from wagtail.models import Page, PageViewRestriction
from wagtail_factories import ImageFactory

from core.templatetags import core_tags
from graphics import social_cards
from home.factories import StandardPageFactory
from tests.conftest import LANGUAGES, add_page, publish, steady_queries, translation_of
from tests.core.test_focus_contrast import contrast, tokens

pytestmark = pytest.mark.django_db

OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)">')
CITIES_FOR_HUMAN_RIGHTS = "المدن من أجل حقوق الإنسان"
# Long enough to wrap, with the network's Latin acronym and a year: their place among the
# Arabic words depends on the paragraph's direction.
ACTION_PLAN_2030 = (
    "الحكومات المحلية والحق في المدينة: خطة عمل UCLG 2030 للمدن الشاملة والتشاركية في أفريقيا"
)


def og_image(client, url):
    """(path, (width, height)) of the og:image of the page at `url`: one image, on this
    site, the same for X/Twitter, with a size and an alternative text."""
    html = client.get(url).content.decode()
    images = OG_IMAGE.findall(html)
    assert len(images) == 1, url
    assert re.search(r'<meta name="twitter:card" content="summary_large_image">', html)
    assert f'<meta name="twitter:image" content="{images[0]}">' in html
    assert re.search(r'<meta property="og:image:alt" content="[^"]+">', html)
    width = re.search(r'<meta property="og:image:width" content="(\d+)">', html).group(1)
    height = re.search(r'<meta property="og:image:height" content="(\d+)">', html).group(1)
    address = urlsplit(images[0])
    assert (address.scheme, address.netloc) == ("http", "testserver")
    return address.path, (int(width), int(height))


def fetched_image(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    body = b"".join(response.streaming_content) if response.streaming else bytes(response.content)
    return response, Image.open(io.BytesIO(body))


def card_of(page, language=None):
    language = language or page.locale.language_code
    return social_cards.card_path(page.pk, page.title, language)


# Every public page has a preview that answers.


def test_every_public_page_has_an_og_image_that_answers_200(client, shared_site_tree):
    pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")
    assert pages.count() >= len(shared_site_tree) * len(LANGUAGES)
    for page in pages:
        path, size = og_image(client, page.url)
        assert path == card_of(page), page.url  # no image of its own: its card
        response, image = fetched_image(client, path)
        assert response["Content-Type"] == "image/png"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert image.format == "PNG" and image.size == size == (1200, 630), path


def test_a_page_with_an_image_of_its_own_shows_its_rendition(client, home):
    photo = ImageFactory(title="Mayors in Tangier", file__width=1600, file__height=900)
    page = add_page(home, StandardPageFactory, title="A meeting", listing_image=photo)
    path, size = og_image(client, page.url)
    assert path.startswith("/media/images/") and "/social-cards/" not in path
    _, image = fetched_image(client, path)
    assert image.size == size == (1200, 630)


def test_a_page_whose_image_is_smaller_says_its_rendition_true_size(client, home):
    photo = ImageFactory(title="Small", file__width=600, file__height=400)
    page = add_page(home, StandardPageFactory, title="Small picture", listing_image=photo)
    path, size = og_image(client, page.url)
    _, image = fetched_image(client, path)
    assert image.size == size  # the rendition of a smaller image is not enlarged


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_card_is_drawn_in_the_pages_language_whatever_the_visitors(client, about, language):
    page = translation_of(about, language)
    path, _ = og_image(client, page.url)
    assert path == card_of(page, language)
    response = client.get(path, headers={"accept-language": "en"})
    assert response.content == social_cards.card_png(page.title, language)


# Only live public pages have a card; anything else is a 404.


def test_a_private_pages_card_is_a_404(client, home):
    page = add_page(home, StandardPageFactory, title="Members only")
    path = card_of(page)
    assert client.get(path).status_code == 200
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="committee"
    )
    child = add_page(page, StandardPageFactory, title="Minutes")  # private with its section
    assert client.get(path).status_code == 404
    assert client.get(card_of(child)).status_code == 404


def test_a_draft_or_unpublished_pages_card_is_a_404(client, home):
    draft = StandardPageFactory(parent=home, title="Not yet", live=False)
    assert client.get(card_of(draft)).status_code == 404
    page = add_page(home, StandardPageFactory, title="Withdrawn")
    path = card_of(page)
    page.unpublish()
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/social-cards/",
        "/social-cards/1/",
        "/social-cards/abc/0123456789ab.png",
        "/social-cards/1/0123456789AB.png",  # upper case: not a key
        "/social-cards/1/0123456789a.png",
        "/social-cards/1/0123456789abc.png",
        "/social-cards/1/0123456789ab.jpg",
        "/social-cards/1/0123456789ab.png",  # the tree's root
        "/social-cards/999999999/0123456789ab.png",
        "/social-cards/9999999999/0123456789ab.png",
        "/social-cards/99999999999999999999/0123456789ab.png",
        "/social-cards/1/../../media/x.png",
        "/en/social-cards/1/0123456789ab.png",
    ],
)
def test_garbage_addresses_are_404(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404, path


def test_a_stale_key_redirects_briefly_to_the_current_card(client, home):
    page = add_page(home, StandardPageFactory, title="Welcoming cities")
    response = client.get(f"/social-cards/{page.pk}/0123456789ab.png")
    assert response.status_code == 302
    assert response["Location"] == card_of(page)
    assert response["Cache-Control"] == "public, max-age=300"
    assert client.head(card_of(page)).status_code == 200  # crawlers that ask HEAD first


# A changed title: a new address, the old one sends to it.


def test_a_changed_title_changes_the_cards_address(client, home):
    page = add_page(home, StandardPageFactory, title="Welcoming cities")
    old, _ = og_image(client, page.url)
    old_png = client.get(old).content
    page.title = "Cities of refuge"
    publish(page)
    new, _ = og_image(client, page.url)
    assert new != old and new == card_of(page)
    assert client.get(old)["Location"] == new
    assert client.get(new).content != old_png
    stored = default_storage.listdir(f"{social_cards.STORAGE_DIRECTORY}/{page.pk}")[1]
    assert stored == [new.rsplit("/", 1)[1]]  # the older title's card is deleted


def test_the_key_follows_what_the_card_shows():
    key = social_cards.card_key("Welcoming cities", "en")
    assert len(key) == social_cards.KEY_LENGTH
    assert key == social_cards.card_key("Welcoming cities", "en")
    assert key != social_cards.card_key("Welcoming cities", "fr")  # the name's language
    assert key != social_cards.card_key("Welcoming cities.", "en")


def test_a_card_is_drawn_once_then_read_from_storage(client, home, monkeypatch):
    page = add_page(home, StandardPageFactory, title="Drawn once")
    first = client.get(card_of(page)).content

    def draw_again(*args):
        raise AssertionError("drawn again")

    monkeypatch.setattr(social_cards, "card_png", draw_again)
    assert client.get(card_of(page)).content == first


# The page's head computes the address without asking the database.


def test_the_card_tag_asks_the_database_nothing(home, django_assert_num_queries):
    page = Page.objects.get(pk=home.pk)  # a plain Wagtail page: the tag needs no BasePage
    template = Template("{% load core_tags %}{% social_card page as card %}{{ card.full_url }}")
    request = RequestFactory().get(page.url)
    with django_assert_num_queries(0):
        url = template.render(Context({"page": page, "request": request}))
    assert url == f"http://testserver{card_of(page)}"


def test_the_card_adds_no_query_to_a_page(client, about, monkeypatch, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for language in LANGUAGES:
        url = translation_of(about, language).url
        with_card, response = steady_queries(client, url)
        assert "/social-cards/" in response.content.decode()
        with monkeypatch.context() as patched:
            patched.setattr(core_tags.social_cards, "card_for", lambda page, request: None)
            without_card, response = steady_queries(client, url)
            assert "/social-cards/" not in response.content.decode()
        assert with_card == without_card, language


def test_a_card_without_a_request_is_on_the_sites_base_url(home):
    with translation.override("ar"):
        card = social_cards.card_for(translation_of(home, "ar"))
    assert card.full_url == f"http://testserver{card_of(translation_of(home, 'ar'))}"
    assert (card.width, card.height) == (1200, 630) and card.alt.startswith("الرئيسية")


# Arabic: shaped and right to left, as Raqm draws it.


def reference_title(title, language, *, direction, layout_engine):
    """The card's title area as the test draws it with Pillow itself: the module's lines,
    size and lines' middles, the test's own engine and direction, right-aligned on the
    title box's right edge (a right-to-left language's start)."""
    block = social_cards.title_block(title, language)
    image = Image.new("RGB", (social_cards.WIDTH, social_cards.HEIGHT), social_cards.BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(
        io.BytesIO(social_cards.font_bytes()), block.size, layout_engine=layout_engine
    )
    right = social_cards.TITLE_BOX[2]
    for line, middle in zip(block.lines, block.middles, strict=True):
        options = {"direction": direction, "language": language} if direction else {}
        draw.text(
            (right, middle), line, fill=social_cards.TITLE_COLOUR, font=font, anchor="rm", **options
        )
    return image.crop(social_cards.TITLE_BOX)


def title_area(title, language):
    return social_cards.draw_card(title, language).crop(social_cards.TITLE_BOX)


def same(a, b):
    return ImageChops.difference(a, b).getbbox() is None


def test_cards_lay_text_out_with_raqm():
    assert features.check("raqm"), "Pillow without Raqm: install libfribidi0"
    assert social_cards.check_text_layout() == []
    assert social_cards.card_font(40).layout_engine == ImageFont.Layout.RAQM


def test_an_arabic_title_is_shaped_and_set_right_to_left_as_raqm_draws_it():
    title = CITIES_FOR_HUMAN_RIGHTS
    assert social_cards.title_block(title, "ar").lines == [title]
    raqm = ImageFont.Layout.RAQM
    shaped = reference_title(title, "ar", direction="rtl", layout_engine=raqm)
    assert same(title_area(title, "ar"), shaped)
    # What the test would catch: letters unjoined, in typing order, drawn left to right.
    unshaped = reference_title(title, "ar", direction=None, layout_engine=ImageFont.Layout.BASIC)
    assert not same(unshaped, shaped)
    # Joined forms make the word runs narrower than their isolated letters side by side.
    font = social_cards.card_font(60)
    basic = ImageFont.truetype(
        io.BytesIO(social_cards.font_bytes()), 60, layout_engine=ImageFont.Layout.BASIC
    )
    assert font.getlength(title, direction="rtl", language="ar") < basic.getlength(title)


def test_a_long_arabic_title_wraps_as_raqm_measures_it_and_keeps_its_order():
    title = ACTION_PLAN_2030
    block = social_cards.title_block(title, "ar")
    assert len(block.lines) > 1 and " ".join(block.lines) == title
    font = social_cards.card_font(block.size)
    width = social_cards.TITLE_BOX[2] - social_cards.TITLE_BOX[0]

    def raqm_width(text):
        return font.getlength(text, direction="rtl", language="ar")

    for line, following in zip(block.lines, block.lines[1:] + [None], strict=True):
        assert raqm_width(line) <= width
        if following:  # the next word would not have fitted: lines are filled
            assert raqm_width(f"{line} {following.split()[0]}") > width
    raqm = ImageFont.Layout.RAQM
    shaped = reference_title(title, "ar", direction="rtl", layout_engine=raqm)
    assert same(title_area(title, "ar"), shaped)
    # In a left-to-right paragraph "UCLG 2030" and the Arabic words would change places.
    assert not same(reference_title(title, "ar", direction="ltr", layout_engine=raqm), shaped)


def test_an_arabic_title_stands_at_the_right_a_french_one_at_the_left():
    def ink(title, language):
        area = title_area(title, language)
        background = Image.new("RGB", area.size, social_cards.BACKGROUND)
        return ImageChops.difference(area, background).getbbox()

    width = social_cards.TITLE_BOX[2] - social_cards.TITLE_BOX[0]
    left, _, right, _ = ink("عن اللجنة", "ar")
    assert right > width - 12 and left > width / 4
    left, _, right, _ = ink("Nos villes", "fr")
    assert left < 12 and right < width * 3 / 4


def test_a_title_too_long_for_four_lines_ends_with_an_ellipsis():
    block = social_cards.title_block("Una ciudad " * 40, "es")
    assert len(block.lines) == social_cards.TITLE_MAX_LINES
    assert block.size == social_cards.TITLE_SIZES[-1]
    assert block.lines[-1].endswith("…")


def test_one_font_draws_latin_extended_letters_digits_and_arabic():
    """One merged font: "Łódź" or "2030" in an Arabic title, Arabic in a French one."""
    covered = set(TTFont(io.BytesIO(social_cards.font_bytes())).getBestCmap())
    assert {ord(character) for character in "Łódź 2030 المدن …’"} <= covered


def test_the_cards_text_colours_are_the_sites_with_enough_contrast():
    colours = tokens()
    assert social_cards.BACKGROUND == colours["--colour-brand"]
    assert social_cards.TITLE_COLOUR == colours["--colour-on-brand"]
    assert social_cards.NAME_COLOUR == colours["--colour-brand-soft"]
    for colour in social_cards.TEXT_COLOURS:
        assert contrast(colour, social_cards.BACKGROUND) >= 4.5, colour


def test_the_check_fails_without_raqm(monkeypatch):
    monkeypatch.setattr(social_cards.features, "check", lambda feature: False)
    assert [error.id for error in social_cards.check_text_layout()] == ["core.E001"]
