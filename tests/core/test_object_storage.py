"""Media on S3-compatible object storage: images, renditions and documents uploaded through
the admin land in the bucket and are served from it, against a local S3 server (moto)."""

import io
import socket

import boto3
import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from settings.base import media_storage_from_env

pytestmark = pytest.mark.django_db
BUCKET = "cisdp-media"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """The settings an operator would set, read by settings.base, on a fresh bucket."""
    environ = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": s3_endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "local-test-key",
        "AWS_SECRET_ACCESS_KEY": "local-test-secret",
    }
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="local-test-key",
        aws_secret_access_key="local-test-secret",
    )
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage_from_env(environ)}
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys_in(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def png(width=640, height=480):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), (200, 60, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_without_a_bucket_media_stay_on_the_file_system():
    assert media_storage_from_env({})["BACKEND"].endswith("FileSystemStorage")


def test_images_and_renditions_go_to_the_bucket(admin_client, bucket, s3_endpoint):
    upload = SimpleUploadedFile("harbour.png", png(), "image/png")
    data = {"title": "Harbour", "file": upload, "description": "A harbour at dawn"}
    response = admin_client.post("/admin/images/add/", data)
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Harbour")
    assert image.file.name in keys_in(bucket)
    assert (image.width, image.height) == (640, 480)

    rendition = image.get_rendition("fill-200x100")
    assert rendition.file.name in keys_in(bucket)
    assert rendition.url.startswith(f"{s3_endpoint}/{BUCKET}/")
    stored = bucket.get_object(Bucket=BUCKET, Key=rendition.file.name)["Body"].read()
    assert PillowImage.open(io.BytesIO(stored)).size == (200, 100)
    # What a visitor's browser gets from the rendition's URL (signed, from the store).
    served = requests.get(rendition.url, timeout=10)
    assert served.status_code == 200 and served.content == stored
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_documents_go_to_the_bucket_and_download_through_the_site(admin_client, client, bucket):
    content = b"%PDF-1.4\nA report on inclusive cities."
    upload = SimpleUploadedFile("inclusive-cities.pdf", content, "application/pdf")
    response = admin_client.post("/admin/documents/add/", {"title": "Report", "file": upload})
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Report")
    assert document.file.name in keys_in(bucket)

    client.logout()
    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
