"""A resource offers one document per language: the admin refuses a second file in a
language already given, on that file's row and in the editor's language, and saves nothing
(resources.page_forms.ResourcePageForm)."""

from html import unescape

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from resources.factories import sample_documents
from resources.models import ResourceLibraryPage, ResourcePage
from tests.conftest import add_page, editor_client

pytestmark = pytest.mark.django_db


def create_resource(client, library, file_languages):
    documents = sample_documents(sorted(set(file_languages)))
    data = {
        "title": "Housing report",
        "slug": "housing-report",
        "kind": "report",
        "publication_date": "2026-01-15",
        "summary": "How cities house newcomers.",
        "body": streamfield([]),
        "listing_summary": "",
        "files": inline_formset(
            [{"document": documents[code].pk, "language": code} for code in file_languages]
        ),
        "action-publish": "publish",
    }
    return client.post(
        f"/admin/pages/add/resources/resourcepage/{library.pk}/", nested_form_data(data)
    )


@pytest.fixture
def library(home):
    return add_page(home, ResourceLibraryPage, title="Library", slug="library")


def test_two_files_in_the_same_language_are_refused(library):
    response = create_resource(editor_client(), library, ["en", "fr", "en"])

    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "Another file of this resource is in English already: one per language." in html
    assert not ResourcePage.objects.filter(slug="housing-report").exists()


def test_the_refusal_speaks_the_editors_language(library):
    html = unescape(create_resource(editor_client("fr"), library, ["fr", "fr"]).content.decode())

    assert "un seul par langue" in html


def test_one_file_per_language_is_published(library):
    response = create_resource(editor_client(), library, ["en", "fr"])

    assert response.status_code == 302
    page = ResourcePage.objects.get(slug="housing-report")
    assert page.live and sorted(page.files.values_list("language", flat=True)) == ["en", "fr"]
