"""A full or read-only media disk: an editor's upload (one image or document, or several at
once) is refused with a message saying so, not a 500, and leaves no partial file and no
row; social cards are drawn once per failure, not on every request."""

import errno
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.storage import MediaFileSystemStorage
from graphics import social_cards
from home.factories import StandardPageFactory
from resources.pdf import simple_pdf
from tests.conftest import add_page
from tests.graphics.test_social_cards import card_of, og_image
from tests.security.test_uploads import real_png

pytestmark = pytest.mark.django_db

MESSAGE = "The file could not be stored: the media storage is full or read-only."


def media_files():
    return {path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def disk_full(self, name, content):
    """Half the file reaches the disk, then the disk is full."""
    path = self.path(name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = b"".join(content.chunks())
    with open(path, "wb") as file:
        file.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


def read_only(self, name, content):
    raise OSError(errno.EROFS, "Read-only file system")


@pytest.fixture(params=[disk_full, read_only], ids=["disk-full", "read-only"])
def failing_disk(request, monkeypatch):
    monkeypatch.setattr(MediaFileSystemStorage, "_save", request.param)
    before = media_files()
    yield
    assert media_files() == before  # nothing half-written left behind


def image_upload(name="square.png"):
    return SimpleUploadedFile(name, real_png(), "image/png")


def pdf_upload(name="minutes.pdf"):
    return SimpleUploadedFile(name, simple_pdf(["Minutes"]), "application/pdf")


def assert_told_on_the_form(admin_client, response, url):
    # Back on the form the editor came from, with the reason, never a 500.
    assert response.status_code == 302 and response["Location"] == url
    page = admin_client.get(url)
    assert page.status_code == 200
    assert MESSAGE in page.content.decode()


def test_an_image_upload_on_a_failing_disk_is_refused_with_a_message(admin_client, failing_disk):
    data = {"title": "Square", "file": image_upload(), "description": "A teal square"}
    response = admin_client.post("/admin/images/add/", data)
    assert_told_on_the_form(admin_client, response, "/admin/images/add/")
    assert not get_image_model().objects.filter(title="Square").exists()


def test_a_document_upload_on_a_failing_disk_is_refused_with_a_message(
    admin_client, failing_disk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/documents/add/", {"title": "Minutes", "file": pdf_upload()}
        )
    assert_told_on_the_form(admin_client, response, "/admin/documents/add/")
    assert not get_document_model().objects.filter(title="Minutes").exists()


@pytest.mark.parametrize(
    "url, upload, model",
    [
        ("/admin/images/multiple/add/", image_upload, get_image_model),
        ("/admin/documents/multiple/add/", pdf_upload, get_document_model),
    ],
    ids=["images", "documents"],
)
def test_a_multiple_upload_on_a_failing_disk_says_so_beside_the_file(
    admin_client, failing_disk, url, upload, model
):
    count = model().objects.count()
    response = admin_client.post(url, {"files[]": upload()})
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["success"] is False and MESSAGE in answer["error_message"]
    assert model().objects.count() == count


def test_a_partial_file_is_removed_by_the_storage_itself(failing_disk):
    from django.core.files.base import ContentFile

    from core.storage import StorageUnavailable

    storage = MediaFileSystemStorage(location=settings.MEDIA_ROOT)
    # A name no other test of the worker (same media folder) may have used.
    name = "documents/partial-report-of-the-failing-disk.pdf"
    assert not storage.exists(name)
    with pytest.raises(StorageUnavailable):
        storage.save(name, ContentFile(b"%PDF-1.4 " * 1000))
    assert not storage.exists(name)


def test_social_cards_on_a_read_only_disk_are_drawn_once(client, home, monkeypatch):
    monkeypatch.setattr(MediaFileSystemStorage, "_save", read_only)
    monkeypatch.setattr(social_cards, "_unstored", type(social_cards._unstored)())
    monkeypatch.setattr(social_cards, "_storage_failed_until", 0.0)
    drawn = []
    draw = social_cards.card_png

    def counted(*args):
        drawn.append(args)
        return draw(*args)

    monkeypatch.setattr(social_cards, "card_png", counted)
    page = add_page(home, StandardPageFactory, title="Read-only day")
    other = add_page(home, StandardPageFactory, title="Another page")
    assert client.get(page.url).status_code == 200
    assert og_image(client, page.url)[0] == card_of(page)
    for _ in range(3):
        response = client.get(card_of(page))
        assert response.status_code == 200
        assert response.content.startswith(b"\x89PNG")
    assert len(drawn) == 1
    # Another page's card during the failure: drawn once too, without trying the disk.
    monkeypatch.setattr(MediaFileSystemStorage, "_save", disk_full)
    for _ in range(2):
        assert client.get(card_of(other)).status_code == 200
    assert len(drawn) == 2
    assert not (Path(settings.MEDIA_ROOT) / card_of(other).lstrip("/")).exists()


@pytest.mark.parametrize(
    "url, data, model",
    [
        (
            "/admin/images/chooser/create/",
            lambda: {
                "image-chooser-upload-title": "Square",
                "image-chooser-upload-file": image_upload(),
                "image-chooser-upload-description": "A teal square",
            },
            get_image_model,
        ),
        (
            "/admin/documents/chooser/create/",
            lambda: {
                "document-chooser-upload-title": "Minutes",
                "document-chooser-upload-file": pdf_upload(),
            },
            get_document_model,
        ),
    ],
    ids=["image", "document"],
)
def test_an_upload_from_a_chooser_on_a_failing_disk_is_a_4xx_with_the_message(
    admin_client, failing_disk, url, data, model
):
    count = model().objects.count()
    response = admin_client.post(url, data())
    assert response.status_code == 400
    assert MESSAGE in json.loads(response.content)["error_message"]
    assert model().objects.count() == count
