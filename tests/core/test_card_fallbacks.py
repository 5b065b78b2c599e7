"""A page published without a listing summary or image still gets a card that informs: its
summary falls back on its strapline, introduction or first paragraph, its image on its hero
image or cover, else on its kind's stand-in picture (BasePage.card_summary, card_image_id,
core.listing.stand_in), at no extra query per card; the editor who publishes it hears so
in the admin's language (core.wagtail_hooks), and is not stopped."""

import re
from html import unescape

import pytest
from django.test import Client
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from tests.conftest import editor_client, publish, steady_queries
from themes.factories import ThemeIndexPageFactory, ThemePageFactory
from themes.models import ThemePage

pytestmark = pytest.mark.django_db

SUMMARY_WARNING = "n’a pas de résumé pour les listes"
IMAGE_WARNING = "n’a pas d’image propre"


@pytest.fixture
def editor(home):
    """A communications editor whose admin speaks French, logged in."""
    return editor_client("fr", username="redacteur")


def visitor_sees(url):
    response = Client().get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def card_titled(html, title):
    for card in re.findall(r'<article class="card.*?</article>', html, re.S):
        if f">{title}</a>" in card:
            return card
    raise AssertionError(f"no card for {title!r}")


def publish_work_area(editor, url, **fields):
    data = {
        "title": "Migration and diversity",
        "slug": "migration",
        "introduction": rich_text("<p>Cities that <b>welcome</b> newcomers.</p>"),
        "body": streamfield([]),
        "listing_summary": "",
        "action-publish": "publish",
        **fields,
    }
    return editor.post(url, nested_form_data(data), follow=True)


def test_a_work_area_published_without_summary_or_image_has_a_full_card(editor, home):
    index = publish(ThemeIndexPageFactory(parent=home))

    response = publish_work_area(editor, f"/admin/pages/add/themes/themepage/{index.pk}/")

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Migration and diversity" in html and SUMMARY_WARNING in html and IMAGE_WARNING in html
    assert ThemePage.objects.get(slug="migration").live  # warned, not stopped
    card = card_titled(visitor_sees(index.url), "Migration and diversity")
    assert "Cities that welcome newcomers." in card
    stand_in = "/static/img/cards/themes-themepage.webp"
    assert re.search(rf'<img class="card__image" src="{re.escape(stand_in)}"', card)

    # Once it has its own, the editor hears nothing more and the card shows them.
    image = get_image_model().objects.create(title="Harbour", file=get_test_image_file())
    area = ThemePage.objects.get(slug="migration")
    response = publish_work_area(
        editor,
        f"/admin/pages/{area.pk}/edit/",
        listing_summary="What cities do together.",
        listing_image=image.pk,
    )
    html = unescape(response.content.decode())
    assert "Migration and diversity" in html
    assert SUMMARY_WARNING not in html and IMAGE_WARNING not in html
    card = card_titled(visitor_sees(index.url), "Migration and diversity")
    assert "What cities do together." in card and stand_in not in card and "<img" in card


def housing_card(home, **fields):
    """The card the work areas' index shows for a work area "Housing" published with
    `fields`."""
    areas = publish(ThemeIndexPageFactory(parent=home))
    publish(ThemePageFactory(parent=areas, title="Housing", **fields))
    return card_titled(visitor_sees(areas.url), "Housing")


def test_cards_fall_back_on_the_first_paragraph_and_the_hero_image(client, home):
    card = housing_card(home, body=[("paragraph", "<p>Housing first, in <i>every</i> city.</p>")])
    assert "Housing first, in every city." in card
    campaigns = publish(CampaignIndexPageFactory(parent=home))
    hero = get_image_model().objects.create(title="Hero", file=get_test_image_file())
    publish(CampaignPageFactory(parent=campaigns, title="Welcoming cities", hero_image=hero))

    card = card_titled(visitor_sees(campaigns.url), "Welcoming cities")
    img = re.search(r'<img class="card__image" src="([^"]+)"', card)
    assert img and "/static/" not in img.group(1)
    assert Client().get(img.group(1)).status_code == 200  # the hero's rendition


def test_a_summary_from_several_paragraphs_keeps_its_sentences_apart(client, home):
    # "…are illustrative.Jordan's capital…" on every demo city's card before.
    card = housing_card(
        home,
        introduction=(
            "<p>Sample profile.</p><p>Jordan&#x27;s <b>capital</b>.</p><ul><li>One</li></ul>"
        ),
    )
    assert "Sample profile. Jordan's capital. One" in card


def test_falling_back_costs_no_query_per_card(client, home):
    areas = publish(ThemeIndexPageFactory(parent=home))
    hero = get_image_model().objects.create(title="Hero", file=get_test_image_file())

    def add_area(number):
        publish(
            ThemePageFactory(
                parent=areas,
                introduction=f"<p>Area {number}.</p>",
                body=[("paragraph", "<p>Its text.</p>")],
                listing_image=hero if number % 2 else None,
            )
        )

    add_area(1)  # with an image: its two queries (images, renditions) are counted once
    one, _ = steady_queries(client, areas.url)
    for number in (0, 2, 3, 4, 5, 6, 7):
        add_area(number)
    many, response = steady_queries(client, areas.url)
    assert many == one
    assert unescape(response.content.decode()).count("/static/img/cards/themes-themepage.webp") == 4
