"""Uploads: oversized images, decompression bombs and files with lying extensions are refused
with a clear message; documents are served with headers that stop them running as pages."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail_factories import DocumentFactory

pytestmark = pytest.mark.django_db


def png(width, height):
    """A PNG whose header claims width × height pixels, with almost no data behind it."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    data = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def real_png(width=40, height=30):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(admin_client, name, content, description="A teal square"):
    upload = SimpleUploadedFile(name, content, "image/png")
    data = {"title": name, "file": upload, "description": description}
    return admin_client.post("/admin/images/add/", data)


def image_titles():
    return set(get_image_model().objects.values_list("title", flat=True))


def test_a_normal_image_is_accepted(admin_client):
    response = upload_image(admin_client, "fine.png", real_png())
    assert response.status_code == 302 and "fine.png" in image_titles()


def test_an_image_without_alternative_text_is_refused(admin_client):
    response = upload_image(admin_client, "mute.png", real_png(), description="")
    assert response.status_code == 200 and "mute.png" not in image_titles()
    assert "Alternative text" in response.content.decode()
    assert response.context["form"].errors["description"]


def test_an_oversized_image_is_refused_with_its_size(admin_client):
    over_10_mb = real_png() + b"\x00" * (10 * 1024 * 1024)
    response = upload_image(admin_client, "big.png", over_10_mb)
    assert "This file is too big" in response.content.decode()
    assert "big.png" not in image_titles()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(admin_client):
    bomb = png(8_000, 8_000)  # 64 million pixels (Wagtail alone allows 128) in 100 bytes
    assert len(bomb) < 200
    response = upload_image(admin_client, "bomb.png", bomb)
    html = response.content.decode()
    assert "too many pixels" in html
    assert "bomb.png" not in image_titles()


def test_a_broken_image_under_the_pixel_limit_is_refused_not_a_server_error(admin_client):
    response = upload_image(admin_client, "broken.png", png(2_000, 1_000))
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()


def test_an_image_with_a_lying_extension_is_refused(admin_client):
    response = upload_image(admin_client, "photo.jpg", real_png())
    assert "The extension does not match the file format" in response.content.decode()
    response = upload_image(admin_client, "page.png", b"<html><script>alert(1)</script>")
    assert "Upload a valid image" in response.content.decode() or "Not a supported image" in (
        response.content.decode()
    )
    response = upload_image(
        admin_client, "vector.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    )
    assert "Not a supported image format" in response.content.decode()
    assert not {"photo.jpg", "page.png", "vector.svg"} & image_titles()


def test_legacy_office_and_text_documents_must_hold_what_their_name_says(admin_client):
    for name, content in (("minutes.doc", b"MZ\x90\x00"), ("list.csv", b"a,b\x00\x01\x02")):
        upload = SimpleUploadedFile(name, content, "application/octet-stream")
        response = admin_client.post("/admin/documents/add/", {"title": name, "file": upload})
        extension = name.rsplit(".", 1)[1]
        assert f"content is not {extension.upper()}" in response.content.decode()


@pytest.mark.parametrize(
    "name, disposition",
    [("report.pdf", "inline"), ("notes.txt", "inline"), ("table.xlsx", "attachment")],
)
def test_documents_are_served_with_safe_headers(client, name, disposition):
    document = DocumentFactory(file__filename=name, file__data=b"%PDF-1.4\n")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_html_and_svg_documents_are_not_accepted(admin_client):
    for name in ("page.html", "drawing.svg", "tool.exe"):
        upload = SimpleUploadedFile(name, b"<html><script>alert(1)</script></html>")
        response = admin_client.post("/admin/documents/add/", {"title": name, "file": upload})
        assert response.status_code == 200
        assert "File extension" in response.content.decode() or "not allowed" in (
            response.content.decode()
        )
