"""Media on the local file system, as production serves them: images and renditions answer
200 with a year of caching; documents are never served from /media/ (they download through
Wagtail's view, which checks privacy), even by a path that climbs out of images/; names too
long for any file system are 404s, not 500s; a rendition whose file was lost (media restored
without renditions) is drawn again when asked for."""

import re
import shutil
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from core.storage import MediaFileSystemStorage

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Harbour", file=get_test_image_file())


def test_an_image_and_its_rendition_are_served_with_a_year_of_caching(client, image):
    rendition = image.get_rendition("fill-200x100")
    for url in (image.file.url, rendition.url):
        assert url.startswith("/media/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_documents_and_other_files_are_never_served_from_media(client, image):
    document = get_document_model().objects.create(
        title="Minutes", file=ContentFile(b"%PDF-1.4 private", name="minutes.pdf")
    )
    path = document.file.name
    assert path.startswith("documents/")
    for url in (
        f"/media/{path}",
        f"/media/images/../{path}",
        f"/media/original_images/%2e%2e/{path}",
        "/media/images/no-such-file.png",
        "/media/../settings/base.py",
    ):
        assert client.get(url).status_code == 404, url
    # The document itself downloads through Wagtail's view.
    assert client.get(document.url).status_code == 200


LONG = "a" * 256


@pytest.mark.parametrize(
    "url",
    [
        f"/media/images/{LONG}.png",
        f"/media/original_images/{LONG}.png",
        f"/media/images/{LONG}/x.png",
        f"/media/{LONG}",
        f"/documents/1/{LONG}.pdf",
        f"/en/{LONG}/",
        f"/en/{LONG}/{LONG}/",
        f"/social-cards/1/{LONG}.png",
        f"/social-cards/{LONG}/0123456789ab.png",
    ],
)
def test_very_long_path_segments_are_404s(client, image, url):
    # A 500 would raise here (the test client re-raises the view's exception); a 404 outside
    # the language prefixes may first redirect into one.
    assert client.get(url, follow=True).status_code == 404


@pytest.mark.parametrize("name", ["%00", "a%00b.png", "%0E%00%5Ex.png", "x%7F.png", "%1F.png"])
def test_names_with_control_characters_are_404s_before_any_lookup(client, monkeypatch, name):
    # PostgreSQL refuses NUL in a query (a 500, as CI's fuzz found): never looked up.
    from core import views

    def looked_up(path):
        raise AssertionError(f"looked up {path!r}")

    monkeypatch.setattr(views.images, "image_for_path", looked_up)
    for folder in ("original_images", "images"):
        assert client.get(f"/media/{folder}/{name}").status_code == 404


def test_media_restored_without_renditions_answer_200_on_every_page(client, home, monkeypatch):
    """Media restored from a backup without renditions: every image address on the pages
    still answers, drawn again from the original on its first request, under its old name."""
    from django.conf import settings
    from wagtail_factories import ImageFactory

    from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
    from tests.conftest import add_page

    photo = ImageFactory(title="Square")
    index = add_page(home, CampaignIndexPageFactory)
    campaign = add_page(index, CampaignPageFactory, hero_image=photo, listing_image=photo)
    pages = [index.url, campaign.url]

    def image_urls():
        urls = set()
        for url in pages:
            html = client.get(url).content.decode()
            for attribute in re.findall(r'(?:src|srcset)="([^"]+)"', html):
                for candidate in attribute.split(","):
                    address = candidate.strip().split(" ")[0]
                    if address.startswith("/media/images/"):
                        urls.add(address)
        return urls

    before = image_urls()
    assert len(before) >= 4
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "images")  # the backup had no renditions
    with monkeypatch.context() as patched:  # pages unchanged, and no file checked to draw them

        def checked(self, name):
            raise AssertionError(f"a page view asked the storage for {name}")

        patched.setattr(MediaFileSystemStorage, "exists", checked)
        assert image_urls() == before
    for url in sorted(before):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert (Path(settings.MEDIA_ROOT) / url.removeprefix("/media/")).exists(), url
        assert client.get(url).status_code == 200, url  # now from its file


def test_a_missing_rendition_of_a_missing_original_is_a_404(client, image):
    rendition = image.get_rendition("fill-200x100")
    image.file.storage.delete(rendition.file.name)
    image.file.storage.delete(image.file.name)
    assert client.get(rendition.url).status_code == 404
    assert client.get(image.file.url).status_code == 404


def test_the_command_draws_missing_renditions_again(image):
    from django.core.management import call_command

    kept = image.get_rendition("fill-100x100")
    lost = image.get_rendition("fill-200x100")
    storage = image.file.storage
    storage.delete(lost.file.name)
    orphan = get_image_model().objects.create(title="Gone", file=get_test_image_file())
    gone = orphan.get_rendition("fill-200x100")
    storage.delete(gone.file.name)
    storage.delete(orphan.file.name)
    call_command("restore_renditions", verbosity=0)
    assert storage.exists(lost.file.name) and storage.exists(kept.file.name)
    assert not storage.exists(gone.file.name)  # nothing to draw it from
