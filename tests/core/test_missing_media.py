"""A missing image file never breaks a page: listings, cards, partner logos, hero and social
images and image blocks leave the image out (and log it once) and show everything else;
social previews show the page's generated card instead.

The image's file is deleted from storage before any rendition of it exists, as after a lost
upload or a restore of the database without its media."""

import logging
import re
from pathlib import Path

import pytest
from wagtail_factories import ImageFactory

from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from core.images import rendition_or_none, renditions_by_image, warn_missing_once
from home.factories import StandardPageFactory
from taxonomy.factories import PartnerFactory
from tests.conftest import add_page
from tests.core.test_object_storage import BUCKET, bucket, s3_endpoint  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def lost_image(db):
    """An image whose original file is gone from storage, with no rendition made yet."""
    image = ImageFactory(title="Lost photo")
    image.file.storage.delete(image.file.name)
    assert not image.renditions.exists()
    return image


def figure(image, caption):
    return {
        "type": "figure",
        "value": {
            "image": {"image": image.pk, "alt_text": "A lost photo", "decorative": False},
            "caption": caption,
        },
    }


@pytest.fixture
def pages_showing(home, lost_image):
    """A campaign index listing a campaign that shows the lost image everywhere it can."""
    index = add_page(home, CampaignIndexPageFactory)
    other = add_page(index, CampaignPageFactory, title="Sister campaign", listing_image=lost_image)
    partner = PartnerFactory(name="Network of Welcoming Cities", acronym="", logo=lost_image)
    campaign = CampaignPageFactory(
        parent=index,
        title="Cities of refuge",
        summary="Cities that welcome.",
        listing_image=lost_image,
        hero_image=lost_image,
        body=[
            figure(lost_image, "Mayors meet in Tangier"),
            {
                "type": "gallery",
                "value": {"heading": "Photos", "images": [figure(lost_image, "A square")["value"]]},
            },
            {
                "type": "video",
                "value": {
                    "url": "https://example.org/video",
                    "title": "Mayors speak",
                    "duration": "",
                    "thumbnail": lost_image.pk,
                },
            },
            {"type": "related_pages", "value": {"heading": "See also", "pages": [other.pk]}},
        ],
    )
    campaign.partners = [partner]
    campaign.save_revision().publish()
    standard = add_page(
        home, StandardPageFactory, title="About refuge", listing_image=lost_image
    )  # its social image is its listing image
    return {"index": index, "campaign": campaign, "standard": standard}


def assert_no_image(html):
    assert "not-found" not in html
    # Social previews fall back to the page's generated card (graphics.social_cards).
    previews = re.findall(
        r'<meta (?:property="og:image"|name="twitter:image") content="([^"]+)"', html
    )
    assert len(previews) == 2 and all("/social-cards/" in url for url in previews)
    assert "<img" not in html.split("<main", 1)[-1]


def test_a_listing_shows_its_cards_without_the_missing_image(client, pages_showing):
    response = client.get(pages_showing["index"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cities of refuge" in html and "Sister campaign" in html
    assert 'class="card__image"' not in html


def test_a_page_shows_everything_but_the_missing_image(client, pages_showing):
    response = client.get(pages_showing["campaign"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cities of refuge" in html and "Cities that welcome." in html
    assert "Mayors meet in Tangier" in html and "A square" in html  # figure captions
    assert "Mayors speak" in html  # the video link
    assert "Sister campaign" in html  # a card of the related pages
    assert "Network of Welcoming Cities" in html  # the partner, by name instead of its logo
    assert_no_image(html)


def test_a_page_whose_social_image_is_missing_shows_its_card_instead(client, pages_showing):
    response = client.get(pages_showing["standard"].url)
    assert response.status_code == 200
    assert "About refuge" in response.content.decode()
    assert_no_image(response.content.decode())


def test_a_missing_image_is_logged_once(lost_image, caplog):
    warn_missing_once.cache_clear()  # what earlier tests logged
    with caplog.at_level(logging.WARNING, logger="core.images"):
        assert rendition_or_none(lost_image, "fill-640x360") is None
        assert rendition_or_none(lost_image, "fill-640x360") is None
        assert renditions_by_image({lost_image.pk}, "fill-640x360") == {}
    warnings = [r for r in caplog.records if r.name == "core.images"]
    assert len(warnings) == 1 and str(lost_image.pk) in warnings[0].getMessage()


def test_an_image_that_is_there_is_shown(client, home):
    image = ImageFactory()
    page = add_page(home, StandardPageFactory, title="With a picture", listing_image=image)
    assert rendition_or_none(image, "fill-640x360") is not None
    html = client.get(page.url).content.decode()
    assert 'property="og:image"' in html


def test_a_missing_image_on_object_storage_is_left_out(client, home, bucket):  # noqa: F811
    image = ImageFactory()
    bucket.delete_object(Bucket=BUCKET, Key=image.file.name)
    page = add_page(home, StandardPageFactory, title="Stored away", listing_image=image)
    assert rendition_or_none(image, "fill-640x360") is None
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Stored away" in response.content.decode()
    assert_no_image(response.content.decode())


def test_templates_render_images_only_through_the_missing_safe_tag():
    loading_wagtails_tag = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if "wagtailimages_tags" in path.read_text()
    ]
    assert loading_wagtails_tag == []


def test_code_makes_renditions_only_through_core_images():
    apps = [path for path in ROOT.iterdir() if (path / "apps.py").exists()]
    making_renditions = [
        str(path.relative_to(ROOT))
        for app in apps
        for path in app.rglob("*.py")
        if path != ROOT / "core" / "images.py"
        and ("get_rendition" in path.read_text() or "prefetch_renditions" in path.read_text())
    ]
    assert making_renditions == []
