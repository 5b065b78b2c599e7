"""A private PDF's cover is as private as the PDF: a stranger cannot fetch it (nor any
crop of it) from /media/, by its URL or by counting, wherever the document moves later;
public PDFs' covers are served as before."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from resources.covers import cover_for, rename_guessable_covers
from resources.models import DocumentCover, ResourceFile
from resources.pdf import simple_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def members_only():
    """A collection only signed-in users may see (Wagtail's collection view restriction)."""
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def upload(admin_client, title, collection=None):
    data = {
        "title": title,
        "file": SimpleUploadedFile(f"{title}.pdf", simple_pdf([title]), "application/pdf"),
    }
    data["collection"] = (collection or Collection.get_first_root_node()).pk
    response = admin_client.post("/admin/documents/add/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return get_document_model().objects.get(title=title)


def urls_of(image):
    return [image.file.url, image.get_rendition("fill-300x200").url]


def test_a_private_pdfs_cover_is_served_only_to_whom_the_pdf_is(
    admin_client, members_only, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(admin_client, "Budget draft", members_only)
    cover = DocumentCover.objects.get(document=document).image
    stranger = Client()
    for url in urls_of(cover):
        assert stranger.get(url).status_code == 404, url
        response = admin_client.get(url)  # signed in: let in, never kept by a shared cache
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # Its name cannot be guessed from the document's id.
    random_name = re.compile(rf"original_images/cover-{document.pk}-[0-9a-f]{{16}}\.png")
    assert random_name.fullmatch(cover.file.name)
    assert stranger.get(f"/media/original_images/cover-{document.pk}.png").status_code == 404


def test_a_public_pdfs_cover_is_served_to_everyone_as_before(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(admin_client, "Annual report")
    cover = DocumentCover.objects.get(document=document).image
    for url in urls_of(cover):
        response = Client().get(url)
        assert response.status_code == 200, url
        # As long as a public document: made private with it, it leaves caches within the hour.
        assert response["Cache-Control"] == "public, max-age=3600"


def test_a_cover_turns_private_when_its_document_moves_or_its_collection_closes(
    admin_client, members_only
):
    document = upload(admin_client, "Minutes")
    cover = cover_for(document)
    stranger = Client()
    assert all(stranger.get(url).status_code == 200 for url in urls_of(cover))
    # Moved into a restricted collection.
    document.collection = members_only
    document.save()
    assert all(stranger.get(url).status_code == 404 for url in urls_of(cover))
    # Back, then its own collection made private.
    document.collection = Collection.get_first_root_node()
    document.save()
    assert stranger.get(cover.file.url).status_code == 200
    CollectionViewRestriction.objects.create(
        collection=document.collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    assert all(stranger.get(url).status_code == 404 for url in urls_of(cover))


def test_an_image_in_a_restricted_collection_is_not_served_to_strangers(admin_client, members_only):
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(
        title="Board photo", file=get_test_image_file(), collection=members_only
    )
    for url in urls_of(image):
        assert Client().get(url).status_code == 404, url
        assert admin_client.get(url).status_code == 200, url


def test_covers_drawn_with_guessable_names_are_renamed(admin_client, members_only):
    document = upload(admin_client, "Old budget", members_only)
    cover = cover_for(document)
    # As drawn before: `cover-<id>.png`, with a crop named after it.
    storage = cover.file.storage
    old_name = storage.save(f"original_images/cover-{document.pk}.png", cover.file.open("rb"))
    storage.delete(cover.file.name)
    get_image_model().objects.filter(pk=cover.pk).update(file=old_name)
    cover.refresh_from_db()
    old_rendition = cover.get_rendition("fill-300x200").file.name
    assert old_name == f"original_images/cover-{document.pk}.png"

    from wagtail.images.models import Rendition

    assert rename_guessable_covers(DocumentCover, Rendition) == 1
    cover.refresh_from_db()
    random_name = re.compile(rf"original_images/cover-{document.pk}-[0-9a-f]{{16}}\.png")
    assert random_name.fullmatch(cover.file.name)
    assert not storage.exists(old_name) and not storage.exists(old_rendition)
    assert cover.renditions.count() == 0
    with cover.file.open("rb") as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"
    assert admin_client.get(cover.file.url).status_code == 200
    assert rename_guessable_covers(DocumentCover, Rendition) == 0  # once only


def test_a_resource_does_not_take_a_private_pdfs_cover(admin_client, members_only, library):
    from tests.resources.test_covers import english

    resource = english("brief-unaccompanied-minors")
    private = get_document_model().objects.create(
        title="Internal brief",
        file=ContentFile(simple_pdf(["Internal"]), name="internal.pdf"),
        collection=members_only,
    )
    resource.files.all().delete()
    ResourceFile.objects.create(page=resource, document=private, language="en")
    resource.cover_image = None
    resource.refresh_from_db(fields=["cover_image"])
    assert resource.cover_from_files() is None
