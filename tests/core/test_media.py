"""Media on the local file system, as production serves them: images and renditions answer
200 with a year of caching; documents are never served from /media/ (they download through
Wagtail's view, which checks privacy), even by a path that climbs out of images/."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

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
