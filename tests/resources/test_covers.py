"""Publication covers: every PDF uploaded gets its first page drawn as an image, which a
resource without a cover of its own shows on its page, its card and its social preview."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail_factories import ImageFactory

from resources.covers import COVER_WIDTH, cover_for
from resources.models import DocumentCover, ResourcePage
from resources.pdf import simple_pdf
from tests.conftest import steady_queries

pytestmark = pytest.mark.django_db


def upload(admin_client, name, content, title):
    file = SimpleUploadedFile(name, content, "application/pdf")
    response = admin_client.post("/admin/documents/add/", {"title": title, "file": file})
    assert response.status_code == 302, response.content.decode()[:500]
    return get_document_model().objects.get(title=title)


def english(slug):
    return ResourcePage.objects.get(slug=slug, locale__language_code="en")


def image_of(cover):
    with cover.file.open("rb") as file:
        return Image.open(io.BytesIO(file.read()))


def test_an_uploaded_pdf_gets_its_first_page_as_a_cover(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(admin_client, "plan.pdf", simple_pdf(["Action plan"]), "Plan")
    cover = DocumentCover.objects.get(document=document).image
    drawn = image_of(cover)
    assert drawn.size == (COVER_WIDTH, 850)  # A4's proportions
    assert drawn.getextrema() != ((255, 255), (255, 255), (255, 255))  # the text is drawn
    # Landscape crops keep the top of the page.
    assert cover.focal_point_y < cover.height // 4


def test_a_file_that_is_not_a_readable_pdf_gets_no_cover_and_is_kept(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        broken = upload(admin_client, "broken.pdf", b"%PDF-1.4\nnot really", "Broken")
    assert not DocumentCover.objects.filter(document=broken).exists()
    assert get_document_model().objects.filter(title="Broken").exists()


def test_a_replaced_file_is_drawn_again_in_the_same_image(admin_client):
    document = upload(admin_client, "first.pdf", simple_pdf(["First"]), "Report")
    image = cover_for(document)
    first = image_of(image).tobytes()
    image.get_rendition("fill-100x100")
    document.file.save("second.pdf", SimpleUploadedFile("second.pdf", simple_pdf(["Second"])))
    again = cover_for(document)
    assert again.pk == image.pk and image_of(again).tobytes() != first
    assert again.renditions.count() == 0  # the old crops are gone


def test_a_resource_shows_the_cover_of_its_pdf_on_its_page_card_and_preview(client, library):
    resource = english("brief-unaccompanied-minors")
    assert resource.cover_image is not None
    assert DocumentCover.objects.filter(image=resource.cover_image).exists()
    page = client.get(resource.url).content.decode()
    assert re.search(r'<meta property="og:image" content="[^"]+"', page)
    assert "cover" in page.lower() and "<img" in page[page.index("<main") :]
    listing = client.get(library.url).content.decode()
    with_pdf = ResourcePage.objects.filter(locale__language_code="en", files__isnull=False)
    assert with_pdf.distinct().count() == listing.count('class="result__cover"') > 1


def test_an_editors_own_cover_is_kept(library):
    resource = english("brief-unaccompanied-minors")
    photo = ImageFactory(title="A photo of the brief")
    resource.cover_image = photo
    resource.save_revision().publish()
    resource.refresh_from_db()
    assert resource.cover_image_id == photo.pk


def test_the_library_costs_the_same_queries_with_covers_for_few_or_many(client, library):
    few, _ = steady_queries(client, library.url + "?kind=report")
    many, _ = steady_queries(client, library.url)
    assert few == many


def test_the_command_draws_covers_for_what_was_uploaded_before(library):
    from django.core.management import call_command

    from resources.models import DocumentCover

    resource = english("brief-unaccompanied-minors")
    # As before covers existed: no cover images (their links go with them).
    get_image_model().objects.filter(collection__name="Covers").delete()
    assert not DocumentCover.objects.exists()
    resource.refresh_from_db()
    assert resource.cover_image is None
    call_command("draw_covers", verbosity=0)
    resource.refresh_from_db()
    assert resource.cover_image is not None and resource.live
    assert DocumentCover.objects.filter(image=resource.cover_image).exists()


def test_a_strip_shaped_page_is_drawn_small(admin_client):
    strip = simple_pdf(["Strip"]).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 9 90000]")
    assert b"/MediaBox [0 0 9 90000]" in strip
    document = upload(admin_client, "strip.pdf", strip, "Strip")
    width, height = image_of(cover_for(document)).size
    assert height <= 1200 and width >= 1


def test_a_resource_is_saved_even_when_its_cover_cannot_be_drawn(library, monkeypatch):
    from resources import covers

    def broken(file):
        raise RuntimeError("the PDF engine failed")

    monkeypatch.setattr(covers, "first_page_png", broken)
    get_image_model().objects.filter(collection__name="Covers").delete()
    resource = english("brief-unaccompanied-minors")
    resource.title = "Policy brief, revised"
    resource.save_revision().publish()
    resource.refresh_from_db()
    assert resource.title == "Policy brief, revised" and resource.cover_image is None
